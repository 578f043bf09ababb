"""The ``rich`` reporter: compiler-style diagnostics for a person at a terminal."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.text import Text

from factcheck.check import FileReport, Finding, Result
from factcheck.compare import Verdict
from factcheck.errors import printable
from factcheck.reporters.base import Header, Run, Summary, reference_of, render_streamed

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
_VERDICT_STYLE = {Verdict.SUPPORTED: "green", Verdict.UNVERIFIABLE: "dim"}
_SPACES = re.compile(r"\s+")
_CONTEXT = 60  # characters of the sentence shown either side of the wrong words


class RichReporter:
    """Renders findings as ``file:line:col`` diagnostics with the wrong words underlined.

    It streams: each file's diagnostics are printed as soon as the file is checked.

    ``verbose`` adds a line for every supported and unverifiable claim; ``quiet`` leaves out
    everything but the diagnostics (the header, date notes and summary). Text from articles
    and reference files is shown with its control characters escaped
    (`factcheck.errors.printable`), so that it cannot act on the terminal.
    """

    def __init__(self, color: bool = False, verbose: bool = False, quiet: bool = False) -> None:
        self.color = color
        self.verbose = verbose
        self.quiet = quiet
        self.reads_results = verbose  # claims are listed only when verbose
        self._buf = io.StringIO()
        self._console = self._open(self._buf)

    def render(self, run: Run) -> str:
        """Return the report text (with ANSI colour codes only when colour is on)."""
        return render_streamed(self, run)

    def start(self, header: Header) -> str:
        """Return the line naming the reference set (nothing when quiet)."""
        self._buf = io.StringIO()
        self._console = self._open(self._buf)
        facts = ", ".join(header.facts) or "(none)"
        note = " (the shipped sample; pass --facts for your own)" if header.facts_are_sample else ""
        if not self.quiet:
            self._console.print(Text(f"factcheck: reference set {_flat(facts)}{note}", style="dim"))
        return self._take()

    def file(self, report: FileReport) -> str:
        """Return one file's diagnostics, after a note when its publication date is unknown."""
        console = self._console
        if report.document.published is None and not self.quiet:
            console.print(
                Text(
                    f"{_flat(report.document.path)}: publication date unknown; claims "
                    "that depend on it are unverifiable (pass --date YYYY-MM-DD)",
                    style="yellow",
                )
            )
        for finding in report.findings:
            _diagnostic(console, report, finding)
        if self.verbose:
            for result in report.results:
                if result.verdict in _VERDICT_STYLE:
                    _claim(console, report, result)
        return self._take()

    def finish(self, summary: Summary) -> str:
        """Return the summary line (nothing when quiet)."""
        if self.quiet:
            return ""
        s = summary
        line = Text()
        line.append(f"{s.files} file{'s' if s.files != 1 else ''}, {s.claims} claims: ")
        line.append(f"{s.supported} supported", style="green")
        line.append(", ")
        line.append(f"{s.contradicted} contradicted", style="red" if s.contradicted else "")
        line.append(f", {s.unverifiable} unverifiable")
        line.append(f" — {s.errors} errors, {s.warnings} warnings, {s.infos} infos")
        self._console.print(line)
        return self._take()

    def _open(self, buf: io.StringIO) -> Console:
        return Console(
            file=buf,
            force_terminal=self.color,
            no_color=not self.color,
            soft_wrap=True,  # a diagnostic is one line per fact; the terminal wraps it
            highlight=False,
            emoji=False,
        )

    def _take(self) -> str:
        """Return what was printed since the last call, and forget it."""
        text = self._buf.getvalue()
        self._buf.seek(0)
        self._buf.truncate()
        return text


def _diagnostic(console: Console, report: FileReport, finding: Finding) -> None:
    doc = report.document
    line, column = doc.position(finding.span.start)
    head = Text()
    head.append(f"{_flat(doc.path)}:{line}:{column}: ", style="bold")
    head.append(finding.severity, style=_STYLE.get(finding.severity, "bold"))
    head.append(f" [{finding.rule}] ")
    head.append(_flat(finding.message), style="bold")
    console.print(head)
    sentence = finding.sentence
    start = max(sentence.start, finding.span.start - _CONTEXT)
    end = min(sentence.end, finding.span.end + _CONTEXT)
    # cut the quote at word boundaries, not inside a word
    while start > sentence.start and not doc.text[start - 1].isspace():
        start -= 1
    while end < sentence.end and not doc.text[end].isspace():
        end += 1
    quote = Text("    ")
    if start > sentence.start:
        quote.append("…")
    quote.append(_flat(doc.text[start : finding.span.start]))
    quote.append(_flat(finding.found), style="bold red underline")
    quote.append(_flat(doc.text[finding.span.end : end]))
    if end < sentence.end:
        quote.append("…")
    console.print(quote)
    ref = reference_of(finding)
    if finding.expected or ref:
        said = Text("    reference: ", style="dim")
        said.append(_flat(finding.expected or ""), style="green")
        if ref is not None:
            where = f" ({ref['file']}:{ref['line']}"
            if ref["source"]:
                src = ref["source"] if isinstance(ref["source"], str) else ref["source"][0]
                where += f"; {src}"
            said.append(_flat(where + ")"), style="dim")
        console.print(said)


def _claim(console: Console, report: FileReport, result: Result) -> None:
    """Print one supported or unverifiable claim: where, what was stated, what the rule said."""
    doc, claim = report.document, result.claim
    line, column = doc.position(claim.span.start)
    text = Text()
    text.append(f"{_flat(doc.path)}:{line}:{column}: ", style="bold")
    text.append(result.verdict.value, style=_VERDICT_STYLE[result.verdict])
    if result.rule is not None:
        text.append(f" [{result.rule.id}]")
    who = claim.entity or " or ".join(claim.candidates) or "?"
    text.append(f" {who} {claim.attribute}: “{_flat(claim.span.text(doc.text))}”")
    if result.judgement.expected:
        text.append(f" (reference: {_flat(result.judgement.expected)})", style="dim")
    console.print(text)


def _flat(text: str) -> str:
    """Return text on one line, safe to print: whitespace runs made one space, controls escaped."""
    return printable(_SPACES.sub(" ", text))
