"""What every reporter receives, and the helpers reporters share (positions, summary)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from factcheck.check import FileReport, Finding
from factcheck.values import Span


@dataclass(frozen=True)
class Run:
    """One run's outcome: the per-file reports and where the facts came from."""

    files: tuple[FileReport, ...]
    facts: tuple[str, ...]
    facts_are_sample: bool = False


class Reporter(Protocol):
    """Turns a run into one report text; registered in the ``factcheck.reporters`` group."""

    def render(self, run: Run) -> str:
        """Return the whole report."""
        ...


def summary(run: Run) -> dict[str, int]:
    """Return the counts every format's summary shows."""
    verdicts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for f in run.files:
        verdicts.update(r.verdict.value for r in f.results)
        severities.update(x.severity for x in f.findings)
    return {
        "files": len(run.files),
        "claims": sum(len(f.results) for f in run.files),
        "supported": verdicts["supported"],
        "contradicted": verdicts["contradicted"],
        "unverifiable": verdicts["unverifiable"],
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
    }


def location(report: FileReport, span: Span) -> dict[str, int]:
    """Return the 1-based start and end line/column of ``span`` (end column exclusive)."""
    line, column = report.document.position(span.start)
    end_line, end_column = report.document.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def reference_of(finding: Finding) -> dict[str, Any] | None:
    """Return where the fact behind a finding is written, and its source."""
    if finding.fact is None:
        return None
    sources = list(finding.sources)
    return {
        "file": finding.fact.location.path,
        "line": finding.fact.location.line,
        "source": sources[0] if len(sources) == 1 else (sources or None),
    }
