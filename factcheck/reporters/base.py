"""What every reporter receives, the streaming interface, and the helpers reporters share."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from factcheck.check import FileReport, Finding
from factcheck.rules.base import Rule
from factcheck.values import Span


@dataclass(frozen=True)
class Header:
    """What a report knows before its first file: where the facts came from, the rules run."""

    facts: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    facts_are_sample: bool = False


@dataclass(frozen=True)
class Run:
    """One run's outcome: the per-file reports and where the facts came from."""

    files: tuple[FileReport, ...]
    facts: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    facts_are_sample: bool = False

    @property
    def header(self) -> Header:
        """Return what the run's report says before its first file."""
        return Header(self.facts, self.rules, self.facts_are_sample)


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts every format's summary shows, added up one file at a time with `add`."""

    files: int = 0
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    unverifiable: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @classmethod
    def of(cls, reports: Iterable[FileReport]) -> Summary:
        """Return the counts of ``reports``."""
        total = cls()
        for report in reports:
            total = total.add(report)
        return total

    def add(self, report: FileReport) -> Summary:
        """Return these counts with one more file's claims and findings."""
        verdicts = report.verdicts()
        severities = Counter(f.severity for f in report.findings)
        return Summary(
            self.files + 1,
            self.claims + sum(verdicts.values()),
            self.supported + verdicts["supported"],
            self.contradicted + verdicts["contradicted"],
            self.unverifiable + verdicts["unverifiable"],
            self.errors + severities["error"],
            self.warnings + severities["warning"],
            self.infos + severities["info"],
        )

    def as_dict(self) -> dict[str, int]:
        """Return the counts by name, in the order the reports list them."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


class Reporter(Protocol):
    """Turns a run into one report text; registered in the ``factcheck.reporters`` group."""

    def render(self, run: Run) -> str:
        """Return the whole report."""
        ...


@runtime_checkable
class StreamingReporter(Reporter, Protocol):
    """A reporter that also writes its report in pieces, so that no run is held whole.

    The command line calls `start` once, `file` for each file's report as it is checked, and
    `finish` with the counts of every file; the pieces, joined, are exactly what `render` gives
    for the same run (`render_streamed` is that join). One reporter writes one report at a
    time: it may keep a little state from `start` to `finish`, but not the files' reports
    (only `WholeRun` does, for the formats that need them all).
    """

    def start(self, header: Header) -> str:
        """Return the report's text before its first file."""
        ...

    def file(self, report: FileReport) -> str:
        """Return the text for one file's report, given in the run's order."""
        ...

    def finish(self, summary: Summary) -> str:
        """Return the rest of the report, after its last file."""
        ...


def reads_results(reporter: Reporter) -> bool:
    """Tell whether ``reporter`` reads files' results one by one (`FileReport.results`).

    A reporter that reads only findings and counts says so with a ``reads_results = False``
    attribute; then ``--jobs`` workers need not send results (`FileReport.tally`). One that
    does not say is taken to read them.
    """
    inner = reporter.reporter if isinstance(reporter, WholeRun) else reporter
    return bool(getattr(inner, "reads_results", True))


def render_streamed(reporter: StreamingReporter, run: Run) -> str:
    """Return a streaming reporter's pieces for ``run``, joined: its whole report."""
    pieces = [reporter.start(run.header)]
    pieces += [reporter.file(report) for report in run.files]
    pieces.append(reporter.finish(Summary.of(run.files)))
    return "".join(pieces)


class WholeRun:
    """Streams a reporter that can only render whole runs: it keeps the reports until `finish`.

    Formats whose beginning depends on every file (SARIF and JUnit list every rule found, the
    Markdown and HTML summaries come first) and plugins that only ``render`` go through this,
    so their memory grows with the run, and only when they are asked for.
    """

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self._header = Header(())
        self._files: list[FileReport] = []

    def render(self, run: Run) -> str:
        """Return the wrapped reporter's report."""
        return self.reporter.render(run)

    def start(self, header: Header) -> str:
        """Remember the header; nothing is written yet."""
        self._header, self._files = header, []
        return ""

    def file(self, report: FileReport) -> str:
        """Keep the report for `finish`; nothing is written yet."""
        self._files.append(report)
        return ""

    def finish(self, summary: Summary) -> str:
        """Return the whole report, rendered from the reports kept."""
        h, files = self._header, tuple(self._files)
        self._files = []
        return self.reporter.render(Run(files, h.facts, h.rules, h.facts_are_sample))


def streaming(reporter: Reporter) -> StreamingReporter:
    """Return ``reporter`` when it streams, else it wrapped in `WholeRun`."""
    return reporter if isinstance(reporter, StreamingReporter) else WholeRun(reporter)


def summary(run: Run) -> dict[str, int]:
    """Return the counts every format's summary shows."""
    return Summary.of(run.files).as_dict()


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
