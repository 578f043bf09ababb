"""The ``sarif`` reporter: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Every rule of the run is described in ``tool.driver.rules``; every finding is a result located
by line, column and character offset (columns count Unicode code points, as Python does, and
the run says so in ``columnKind``). ``partialFingerprints`` come from
:func:`factcheck.reporters.base.fingerprint`, so a finding keeps its identity when text above it
is edited. The output is deterministic: fixed key order and no timestamps.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import urllib.parse
from pathlib import Path, PurePath
from typing import Any

import factcheck
from factcheck.check import FileReport, Finding
from factcheck.reporters.base import (
    Run,
    fingerprint,
    link_target,
    location,
    reference_of,
    reported_rules,
    summary,
)
from factcheck.rules.base import Rule
from factcheck.values import Span

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


class SarifReporter:
    """Renders a run as one SARIF 2.1.0 log with a single run."""

    reads_results = False  # findings and counts only (`reporters.base.reads_results`)

    def render(self, run: Run) -> str:
        """Return the SARIF log as indented JSON, ending with a newline."""
        return json.dumps(as_dict(run), indent=2, ensure_ascii=False) + "\n"


def as_dict(run: Run) -> dict[str, Any]:
    """Return the SARIF log as plain data."""
    rules = reported_rules(run)
    index = {rule_id: i for i, (rule_id, _) in enumerate(rules)}
    driver: dict[str, Any] = {"name": "factcheck", "version": factcheck.__version__}
    homepage = _homepage()
    if homepage:
        driver["informationUri"] = homepage
    driver["rules"] = [_descriptor(rule_id, rule) for rule_id, rule in rules]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(report, finding, index[finding.rule])
                    for report in run.files
                    for finding in report.findings
                ],
                "properties": {"facts": list(run.facts), "summary": summary(run)},
            }
        ],
    }


def artifact_uri(path: str) -> str:
    """Return ``path`` as a SARIF artifact URI: relative with forward slashes, or file://."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return urllib.parse.quote(PurePath(path).as_posix(), safe="/")


def _homepage() -> str | None:
    """Return the project's web address from the installed package metadata, if it has one."""
    try:
        meta = importlib.metadata.metadata("factcheck")
    except importlib.metadata.PackageNotFoundError:
        return None
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
    urls += meta.get_all("Home-page") or []
    return next((u for u in urls if link_target(u)), None)


def _descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:
        return {"id": rule_id, "name": rule_id}
    spec = rule.spec
    description = " ".join(spec.description.split()) or (
        f"A stated {spec.attribute or 'value'} must match the reference."
    )
    first = _FIRST_SENTENCE.match(description)
    out: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": first[1] if first else description},
        "fullDescription": {"text": description},
    }
    if spec.link:
        out["helpUri"] = spec.link
    out["defaultConfiguration"] = {"enabled": spec.enabled, "level": LEVELS[spec.severity]}
    properties = {"kind": spec.kind, "attribute": spec.attribute}
    out["properties"] = {key: value for key, value in properties.items() if value is not None}
    return out


def _result(report: FileReport, finding: Finding, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(report.document.path)},
        "region": _region(report, finding.span, finding.found),
    }
    sentence = finding.sentence
    if sentence.contains(finding.span) and sentence != finding.span:
        # SARIF wants the context region to be a proper superset of the region.
        physical["contextRegion"] = _region(report, sentence, sentence.text(report.document.text))
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, report)},
    }
    related: list[dict[str, Any]] = []
    for span in finding.related:  # other places in the article the finding points at
        said = span.text(report.document.text)
        related.append(
            {
                "message": {"text": f"also stated: {said}"},
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(report.document.path)},
                    "region": _region(report, span, said),
                },
            }
        )
    reference = reference_of(finding)
    if reference is not None:
        related.append(
            {
                "message": {"text": f"reference: {finding.expected or 'the fact'}"},
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(reference["file"])},
                    "region": {"startLine": reference["line"]},
                },
            }
        )
    if related:
        result["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(related, 1)]
    result["properties"] = {
        "entity": finding.entity,
        "attribute": finding.attribute,
        "found": finding.found,
        "expected": finding.expected,
        "sources": list(finding.sources),
    }
    return result


def _region(report: FileReport, span: Span, snippet: str) -> dict[str, Any]:
    where = location(report, span)
    return {
        "startLine": where["line"],
        "startColumn": where["column"],
        "endLine": where["end_line"],
        "endColumn": where["end_column"],
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": snippet},
    }
