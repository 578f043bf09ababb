"""What every reporter receives, and the helpers reporters share (positions, summary)."""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from factcheck.check import FileReport, Finding
from factcheck.rules.base import Rule
from factcheck.values import Span


@dataclass(frozen=True)
class Run:
    """One run's outcome: the per-file reports and where the facts came from."""

    files: tuple[FileReport, ...]
    facts: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
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


def plural(n: int, word: str) -> str:
    """Return a count with its noun, ``1 file`` or ``2 files``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


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


def fingerprint(finding: Finding, report: FileReport) -> str:
    """Return an identity for a finding that survives unrelated edits (sha256 hex, 32 digits).

    It hashes the rule, entity, attribute, the words found and the sentence with its whitespace
    normalised, and never a line or an offset: those shift whenever text above is edited.
    """
    sentence = finding.sentence.text(report.document.text)
    parts = (finding.rule, finding.entity or "", finding.attribute, finding.found, sentence)
    data = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


_WHITESPACE = re.compile(r"\s+")


def excerpt(report: FileReport, finding: Finding, context: int = 60) -> tuple[str, str, str]:
    """Return the text before the wrong words, the words, and the text after, on one line.

    The sentence is cut to about ``context`` characters either side, at a word boundary,
    with an ellipsis where it was cut.
    """
    text, sentence, span = report.document.text, finding.sentence, finding.span
    start = max(sentence.start, span.start - context)
    if start > sentence.start:
        gap = _WHITESPACE.search(text, start, span.start)
        start = gap.end() if gap else start
    end = min(sentence.end, span.end + context)
    if end < sentence.end:
        gaps = list(_WHITESPACE.finditer(text, span.end + 1, end))
        end = gaps[-1].start() if gaps else end
    before = _WHITESPACE.sub(" ", text[start : span.start]).lstrip()
    after = _WHITESPACE.sub(" ", text[span.end : end]).rstrip()
    return (
        ("…" if start > sentence.start else "") + before,
        _WHITESPACE.sub(" ", finding.found),
        after + ("…" if end < sentence.end else ""),
    )


def link_target(source: str) -> str | None:
    """Return ``source`` when it is a web address safe to link to, else None."""
    return source if re.match(r"https?://[^\s]+$", source, re.I) else None


def source_link(source: str) -> tuple[str, str | None]:
    """Return a short label for a source (its host) and the address to link, if it is safe."""
    url = link_target(source)
    if url is None:
        return source, None
    return urllib.parse.urlsplit(url).hostname or url, url


def reported_rules(run: Run) -> list[tuple[str, Rule | None]]:
    """Return every rule id a report lists: the run's rules in order, then unknown ids found."""
    rules: dict[str, Rule | None] = {}
    for rule in run.rules:
        rules.setdefault(rule.id, rule)
    found = {f.rule for report in run.files for f in report.findings}
    rules.update((rule_id, None) for rule_id in sorted(found - rules.keys()))
    return list(rules.items())
