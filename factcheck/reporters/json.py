"""The ``json`` reporter: the SPEC section 7 document, deterministic byte for byte."""

from __future__ import annotations

import json
from typing import Any

from factcheck.check import FileReport
from factcheck.reporters.base import Run, location, reference_of, summary


class JsonReporter:
    """Renders a run as one JSON object (keys in a fixed order, no timestamps)."""

    def render(self, run: Run) -> str:
        """Return the JSON report, ending with a newline."""
        return json.dumps(as_dict(run), indent=2, ensure_ascii=False) + "\n"


def as_dict(run: Run) -> dict[str, Any]:
    """Return the report as plain data (the JSON document's shape)."""
    return {
        "version": 1,
        "facts": list(run.facts),
        "files": [_file(f) for f in run.files],
        "summary": summary(run),
    }


def _file(report: FileReport) -> dict[str, Any]:
    doc = report.document
    claims = []
    for r in report.results:
        c = r.claim
        line, column = doc.position(c.span.start)
        claims.append(
            {
                "entity": c.entity,
                "attribute": c.attribute,
                "text": c.span.text(doc.text),
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
                "sentence": f.sentence.text(doc.text),
                "reference": reference_of(f),
            }
        )
    return {
        "path": doc.path,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
        "claims": claims,
        "findings": findings,
    }
