"""Decides what a run reports and what can fail it: suppressions, the baseline, levels.

The steps run in this order: ``factcheck-ignore`` directives silence findings; a baseline
(``--baseline``, or the one ``--write-baseline`` has just written) hides the findings it
records; what is left decides the exit code through ``--fail-on``. ``--min-level`` then
only narrows what the reports show: a hidden finding still fails the run, and a note on
standard error says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factcheck import baseline, suppress
from factcheck.check import FileReport
from factcheck.reporters.base import plural

LEVELS = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Outcome:
    """The findings that count, those shown, and the lines to print on standard error."""

    reports: list[FileReport]  # after directives and the baseline: these decide the exit code
    shown: list[FileReport]  # what the reports show (--min-level)
    warnings: list[str]  # directives that were not applied
    notes: list[str]  # what the baseline did (not printed with --quiet)


@dataclass(frozen=True)
class Gate:
    """The command line's gating options."""

    baseline: str | None = None
    write_baseline: str | None = None
    report_unused_ignores: bool = False
    min_level: str = "info"

    def apply(
        self, reports: Sequence[FileReport], rule_ids: Collection[str], complete: bool = True
    ) -> Outcome:
        """Run the steps over ``reports``; ``complete`` is False when some input was unreadable.

        A baseline is written only from a complete run, since a file that could not be read
        would lose its entries.
        """
        kept, warnings = suppress.apply(reports, rule_ids, self.report_unused_ignores)
        notes: list[str] = []
        source = self.baseline
        if self.write_baseline is not None:
            if complete:
                count = baseline.write(self.write_baseline, kept)
                notes.append(
                    f"factcheck: wrote {plural(count, 'finding')} to {self.write_baseline}"
                )
                source = self.write_baseline
            else:
                notes.append(
                    f"factcheck: {self.write_baseline} not written: some inputs could not be read"
                )
        if source is not None:
            filtered = baseline.apply(source, baseline.load(source), kept)
            kept = filtered.reports
            if filtered.hidden and source == self.baseline:
                notes.append(f"factcheck: {plural(filtered.hidden, 'finding')} in {source} hidden")
            if filtered.stale:
                notes.append(
                    f"factcheck: {filtered.stale} {'entry' if filtered.stale == 1 else 'entries'}"
                    f" in {source} matched nothing "
                    "(fixed or reworded); refresh it with --write-baseline"
                )
        floor = LEVELS[self.min_level]
        shown = [
            dataclasses.replace(
                r, findings=tuple(f for f in r.findings if LEVELS[f.severity] >= floor)
            )
            for r in kept
        ]
        return Outcome(kept, shown, warnings, notes)


def failing(reports: Sequence[FileReport], threshold: int) -> int:
    """Return how many findings are at or above the level ``threshold`` (a `LEVELS` value)."""
    return sum(LEVELS[f.severity] >= threshold for r in reports for f in r.findings)
