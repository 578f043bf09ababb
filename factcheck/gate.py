"""Decides what a run reports and what can fail it: suppressions, the baseline, levels.

The steps run in this order: ``factcheck-ignore`` directives silence findings; a baseline
(``--baseline``, or the one ``--write-baseline`` writes) hides the findings it records; what
is left decides the exit code through ``--fail-on``. ``--min-level`` then only narrows what
the reports show: a hidden finding still fails the run, and a note on standard error says so.

Each file's report goes through the gate on its own, as soon as it is checked (`Gating`), so
that a run never holds more than one: what is kept across files is counts, warning lines and,
for ``--write-baseline``, the small entries it will write.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from factcheck import baseline, suppress
from factcheck.check import FileReport
from factcheck.reporters.base import plural

LEVELS = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Gated:
    """One file's report after the gate: the findings that count, and those shown."""

    counted: FileReport  # after directives and the baseline: these decide the exit code
    shown: FileReport  # what the reports show (--min-level)


@dataclass(frozen=True)
class Outcome:
    """What the gate has to say at the end of a run, and how many findings can fail it."""

    warnings: tuple[str, ...]  # directives that were not applied
    notes: tuple[str, ...]  # what the baseline did (not printed with --quiet)
    counted: tuple[int, ...]  # findings that decide the exit code, by level (`LEVELS`)
    shown: tuple[int, ...]  # findings the reports show, by level

    def failing(self, threshold: int) -> int:
        """Return how many counted findings are at or above ``threshold`` (a `LEVELS` value)."""
        return sum(self.counted[threshold:])

    def failing_shown(self, threshold: int) -> int:
        """Return how many shown findings are at or above ``threshold`` (a `LEVELS` value)."""
        return sum(self.shown[threshold:])


@dataclass(frozen=True)
class Gate:
    """The command line's gating options."""

    baseline: str | None = None
    write_baseline: str | None = None
    report_unused_ignores: bool = False
    min_level: str = "info"

    def start(self, rule_ids: Collection[str], complete: bool = True) -> Gating:
        """Begin gating a run whose rules are ``rule_ids``; see `Gating`."""
        return Gating(self, rule_ids, complete)


class Gating:
    """One run going through the gate, a file at a time: `file` for each, then `finish`.

    ``complete`` is False when some input is already known to be unreadable. A baseline is
    written only from a complete run, since a file that could not be read would lose its
    entries. The findings ``--write-baseline`` records are hidden as each file passes, as if
    the baseline were already written: when an input turns out unreadable during the run, the
    file is not written (exit 2, `finish` says so) but the reports have hidden them all the
    same. The ``--baseline`` file is read here, so that a bad one stops the run before any
    report is written.
    """

    def __init__(self, gate: Gate, rule_ids: Collection[str], complete: bool = True) -> None:
        self.gate = gate
        self.rule_ids = rule_ids
        self._floor = LEVELS[gate.min_level]
        self._warnings: list[str] = []
        self._counted: Counter[int] = Counter()
        self._shown: Counter[int] = Counter()
        self._recorder: baseline.Recorder | None = None
        self._filter: baseline.Filter | None = None
        if gate.write_baseline is not None and complete:
            self._recorder = baseline.Recorder(gate.write_baseline)
        elif gate.baseline is not None:
            self._filter = baseline.Filter(gate.baseline, baseline.load(gate.baseline))

    def file(self, report: FileReport) -> Gated:
        """Return one file's report with its findings silenced, hidden and narrowed."""
        kept, warnings = suppress.apply(report, self.rule_ids, self.gate.report_unused_ignores)
        self._warnings += warnings
        if self._recorder is not None:
            self._recorder.add(kept)
            kept = dataclasses.replace(kept, findings=())
        elif self._filter is not None:
            kept = self._filter.apply(kept)
        shown = kept
        if any(LEVELS[f.severity] < self._floor for f in kept.findings):
            findings = tuple(f for f in kept.findings if LEVELS[f.severity] >= self._floor)
            shown = dataclasses.replace(kept, findings=findings)
        self._counted.update(LEVELS[f.severity] for f in kept.findings)
        self._shown.update(LEVELS[f.severity] for f in shown.findings)
        return Gated(kept, shown)

    def finish(self, complete: bool = True) -> Outcome:
        """Write the baseline if asked and ``complete``; return what to tell and count.

        When ``--write-baseline`` could not write, ``--baseline`` is read now and its notes
        tell what it would have hidden of the findings recorded, as if it had been applied.
        """
        gate = self.gate
        notes: list[str] = []
        recorder, filtered = self._recorder, self._filter
        if gate.write_baseline is not None:
            if recorder is not None and complete:
                wrote = plural(recorder.write(), "finding")
                notes.append(f"factcheck: wrote {wrote} to {gate.write_baseline}")
                if recorder.entries and gate.write_baseline == gate.baseline:
                    count = plural(len(recorder.entries), "finding")
                    notes.append(f"factcheck: {count} in {gate.baseline} hidden")
            else:
                notes.append(
                    f"factcheck: {gate.write_baseline} not written: some inputs could not be read"
                )
                if recorder is not None and gate.baseline is not None:
                    filtered = baseline.Filter(gate.baseline, baseline.load(gate.baseline))
                    filtered.count(recorder)
        if filtered is not None:
            source = filtered.path
            if hidden := filtered.hidden:
                notes.append(f"factcheck: {plural(hidden, 'finding')} in {source} hidden")
            if stale := filtered.stale:
                notes.append(
                    f"factcheck: {stale} {'entry' if stale == 1 else 'entries'}"
                    f" in {source} matched nothing "
                    "(fixed or reworded); refresh it with --write-baseline"
                )
        levels = range(max(LEVELS.values()) + 1)
        return Outcome(
            tuple(self._warnings),
            tuple(notes),
            tuple(self._counted[level] for level in levels),
            tuple(self._shown[level] for level in levels),
        )
