"""The ``json`` reporter: the SPEC section 7 document, deterministic byte for byte.

It streams: the document's head, then each file's entry as the file is checked, then the
summary. The outer structure is written here, indented; each claim and finding is one object
on one line, encoded by `json`'s C encoder (the indenting encoder is pure Python, and was a
tenth of a run's time).
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.check import FileReport
from factcheck.reporters.base import (
    Header,
    Run,
    Summary,
    location,
    reference_of,
    render_streamed,
)

# Without ``indent`` the encoder is the C one; keys keep the order they were inserted in.
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_HEAD = ("path", "published", "published_source")
_ITEMS = ",\n        "


class JsonReporter:
    """Renders a run as one JSON object (keys in a fixed order, no timestamps)."""

    reads_results = False  # claims only as `encode_claims` renders them, which a worker can

    def __init__(self) -> None:
        self._files = 0

    def render(self, run: Run) -> str:
        """Return the JSON report, ending with a newline."""
        return render_streamed(self, run)

    def start(self, header: Header) -> str:
        """Return the document up to the opening of its ``files`` list."""
        self._files = 0
        return f'{{\n  "version": 1,\n  "facts": {_encode(list(header.facts))},\n  "files": ['

    def file(self, report: FileReport) -> str:
        """Return one file's entry in the ``files`` list, with the comma before it if needed."""
        self._files += 1
        return ("," if self._files > 1 else "") + "\n" + encode_file(report)

    def finish(self, summary: Summary) -> str:
        """Return the end of the ``files`` list and the summary, ending with a newline."""
        close = "\n  ]" if self._files else "]"
        return f'{close},\n  "summary": {_encode(summary.as_dict())}\n}}\n'


def encode_file(report: FileReport) -> str:
    """Return one file's entry as the JSON report writes it: indented, one claim a line."""
    data = file_data(report, claims=False)
    head = "".join(f'      "{key}": {_encode(data[key])},\n' for key in _HEAD)
    return (
        f"    {{\n{head}"
        f'      "claims": {encode_claims(report)},\n'
        f'      "findings": {_list(data["findings"])}\n'
        "    }"
    )


def encode_claims(report: FileReport) -> str:
    """Return the file entry's ``claims`` list as the JSON report writes it.

    A report whose results were left behind in a worker carries this text in its `Tally`.
    """
    if report.tally is not None and report.tally.json_claims is not None:
        return report.tally.json_claims
    return _list(_claims(report))


def _list(items: list[dict[str, Any]]) -> str:
    if not items:
        return "[]"
    return "[\n        " + _ITEMS.join(map(_encode, items)) + "\n      ]"


def as_dict(run: Run) -> dict[str, Any]:
    """Return the report as plain data (the JSON document's shape)."""
    return {
        "version": 1,
        "facts": list(run.facts),
        "files": [file_data(f) for f in run.files],
        "summary": Summary.of(run.files).as_dict(),
    }


def file_data(report: FileReport, claims: bool = True) -> dict[str, Any]:
    """Return one file's entry in the ``files`` list as plain data (``claims=False``: none)."""
    doc = report.document
    text = doc.text
    findings = []
    for f in report.findings:
        findings.append(
            {
                "rule": f.rule,
                "severity": f.severity,
                "verdict": "contradicted",
                "entity": f.entity,
                "attribute": f.attribute,
                "found": f.found,
                "expected": f.expected,
                "message": f.message,
                "start": f.span.start,
                "end": f.span.end,
                **location(report, f.span),
                "sentence": f.sentence.text(text),
                "reference": reference_of(f),
            }
        )
    listed: list[dict[str, Any]] = []
    if claims:
        tally = report.tally
        if tally is not None and tally.json_claims is not None:
            listed = json.loads(tally.json_claims)
        else:
            listed = _claims(report)
    return {
        "path": doc.path,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
        "claims": listed,
        "findings": findings,
    }


def _claims(report: FileReport) -> list[dict[str, Any]]:
    doc = report.document
    text = doc.text
    claims = []
    for r in report.results:
        c = r.claim
        line, column = doc.position(c.span.start)
        claims.append(
            {
                "entity": c.entity,
                "attribute": c.attribute,
                "text": c.span.text(text),
                "start": c.span.start,
                "end": c.span.end,
                "line": line,
                "column": column,
                "verdict": r.verdict.value,
                "rule": r.rule.id if r.rule else None,
                "expected": r.judgement.expected,
                "candidates": list(c.candidates),
            }
        )
    return claims
