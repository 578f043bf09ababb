"""The ``count`` reporter: how many findings each rule reported, one line per rule."""

from __future__ import annotations

from collections import Counter

from factcheck.reporters.base import Run


class CountReporter:
    """Prints ``RULE-ID: N`` for each rule with findings, then ``total: N``."""

    def render(self, run: Run) -> str:
        """Return the counts, most frequent rule first."""
        counts = Counter(f.rule for report in run.files for f in report.findings)
        lines = [f"{rule}: {n}" for rule, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]
        lines.append(f"total: {sum(counts.values())}")
        return "\n".join(lines) + "\n"
