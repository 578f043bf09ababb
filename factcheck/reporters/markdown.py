"""The ``markdown`` reporter: a summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

A heading, the counts, and a table with one row per finding: where it is, the rule, the
sentence with the wrong words in bold, what the reference says and its source. Article text is
escaped so that it can neither break the table nor turn into links, HTML or formatting.
"""

from __future__ import annotations

import re
import urllib.parse

from factcheck.check import FileReport, Finding
from factcheck.reporters.base import Run, excerpt, location, plural, source_link, summary

# Inline Markdown that article text could otherwise trigger (GitHub adds ~ and $ for math).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])|&(?=#?\w+;)")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# What may stay as it is in a link target: not spaces, parentheses, pipes or angle brackets.
_URL_SAFE = ":/?#[]@!$&'*+;=%~-._"


class MarkdownReporter:
    """Renders a run as GitHub-flavoured Markdown."""

    reads_results = False  # findings and counts only (`reporters.base.reads_results`)

    def render(self, run: Run) -> str:
        """Return the Markdown document, ending with a newline."""
        s = summary(run)
        lines = [
            "## factcheck report",
            "",
            f"**{plural(s['files'], 'file')}, {plural(s['claims'], 'claim')}:** "
            f"{s['supported']} supported, {s['contradicted']} contradicted, "
            f"{s['unverifiable']} unverifiable — {plural(s['errors'], 'error')}, "
            f"{plural(s['warnings'], 'warning')}, {plural(s['infos'], 'info')}",
            "",
        ]
        facts = ", ".join(code(f) for f in run.facts) or "(none)"
        note = " (the shipped sample)" if run.facts_are_sample else ""
        lines += [f"Reference set: {facts}{note}", ""]
        for report in run.files:
            if report.document.published is None:
                lines += [
                    f"> **Note:** {code(report.document.path)}: publication date unknown; "
                    "claims that depend on it are unverifiable (pass `--date YYYY-MM-DD`).",
                    "",
                ]
        rows = [_row(report, f) for report in run.files for f in report.findings]
        if rows:
            lines += [
                "| Location | Rule | Sentence | Reference says | Source |",
                "| --- | --- | --- | --- | --- |",
                *rows,
            ]
        else:
            lines.append("No contradictions found.")
        return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Return article text as inline Markdown that shows literally, on one line, in a table."""
    flat = _LINE_BREAKS.sub(" ", text)
    return _SPECIAL.sub(lambda m: "\\" + m[0], flat)


def code(text: str) -> str:
    """Return ``text`` as an inline code span that no backtick or pipe inside it can end."""
    flat = _LINE_BREAKS.sub(" ", text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _row(report: FileReport, finding: Finding) -> str:
    where = location(report, finding.span)
    before, found, after = excerpt(report, finding)
    quote = f"{escape(before)}**{escape(found)}**{escape(after)}"
    cells = [
        code(f"{report.document.path}:{where['line']}:{where['column']}"),
        code(finding.rule),
        quote,
        escape(finding.expected or finding.message),
        ", ".join(_source(s) for s in finding.sources) or "—",
    ]
    return "| " + " | ".join(cells) + " |"


def _source(source: str) -> str:
    """Return a source as a link named by its host, or as escaped text when it is no web address."""
    label, url = source_link(source)
    if url is None:
        return escape(label)
    return f"[{escape(label)}]({urllib.parse.quote(url, safe=_URL_SAFE)})"
