"""The ``github`` reporter: GitHub Actions workflow commands that annotate the pull request diff.

One ``::error``/``::warning``/``::notice`` line per finding, escaped as the Actions toolkit
escapes them, so no article text can end a command early or start a new one.
"""

from __future__ import annotations

from factcheck.check import FileReport, Finding
from factcheck.reporters.base import Header, Run, Summary, location, render_streamed

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


class GithubReporter:
    """Renders each finding as one workflow command line, a file's as soon as it is checked."""

    reads_results = False  # findings and counts only (`reporters.base.reads_results`)

    def render(self, run: Run) -> str:
        """Return the workflow commands, one a line (empty when nothing was found)."""
        return render_streamed(self, run)

    def start(self, header: Header) -> str:
        """Return nothing: the commands need no heading."""
        return ""

    def file(self, report: FileReport) -> str:
        """Return the commands for one file's findings, one a line."""
        return "".join(command(report, finding) + "\n" for finding in report.findings)

    def finish(self, summary: Summary) -> str:
        """Return nothing: the commands need no summary."""
        return ""


def command(report: FileReport, finding: Finding) -> str:
    """Return the workflow command that annotates ``finding``."""
    where = location(report, finding.span)
    properties = {
        "file": report.document.path,
        "line": where["line"],
        "col": where["column"],
        "endLine": where["end_line"],
        "endColumn": where["end_column"],
        "title": finding.rule,
    }
    message = finding.message
    if finding.sources:
        message += "\nsource: " + ", ".join(finding.sources)
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS.get(finding.severity, 'warning')} {head}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
