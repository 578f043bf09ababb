"""The ``rich`` reporter: compiler-style diagnostics for a person at a terminal."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.text import Text

from factcheck.check import FileReport, Finding, Result
from factcheck.compare import Verdict
from factcheck.errors import printable
from factcheck.reporters.base import Run, reference_of, summary

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
_VERDICT_STYLE = {Verdict.SUPPORTED: "green", Verdict.UNVERIFIABLE: "dim"}
_SPACES = re.compile(r"\s+")
_CONTEXT = 60  # characters of the sentence shown either side of the wrong words


class RichReporter:
    """Renders findings as ``file:line:col`` diagnostics with the wrong words underlined.

    ``verbose`` adds a line for every supported and unverifiable claim; ``quiet`` leaves out
    everything but the diagnostics (the header, date notes and summary). Text from articles
    and reference files is shown with its control characters escaped
    (`factcheck.errors.printable`), so that it cannot act on the terminal.
    """

    def __init__(self, color: bool = False, verbose: bool = False, quiet: bool = False) -> None:
        self.color = color
        self.verbose = verbose
        self.quiet = quiet

    def render(self, run: Run) -> str:
        """Return the report text (with ANSI colour codes only when colour is on)."""
        buf = io.StringIO()
        console = Console(
            file=buf,
            force_terminal=self.color,
            no_color=not self.color,
            soft_wrap=True,  # a diagnostic is one line per fact; the terminal wraps it
            highlight=False,
            emoji=False,
        )
        facts = ", ".join(run.facts) or "(none)"
        note = " (the shipped sample; pass --facts for your own)" if run.facts_are_sample else ""
        if not self.quiet:
            console.print(Text(f"factcheck: reference set {_flat(facts)}{note}", style="dim"))
        for report in run.files:
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
        if self.quiet:
            return buf.getvalue()
        s = summary(run)
        line = Text()
        line.append(f"{s['files']} file{'s' if s['files'] != 1 else ''}, {s['claims']} claims: ")
        line.append(f"{s['supported']} supported", style="green")
        line.append(", ")
        line.append(f"{s['contradicted']} contradicted", style="red" if s["contradicted"] else "")
        line.append(f", {s['unverifiable']} unverifiable")
        line.append(f" — {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos")
        console.print(line)
        return buf.getvalue()


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
