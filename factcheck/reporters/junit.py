"""The ``junit`` reporter: JUnit XML, which CI servers show as a table of passing and failing tests.

Each file is a ``<testsuite>``; each rule of the run is a ``<testcase>`` in it, failing with one
``<failure>`` per finding of that rule (so, as junitparser counts, ``failures`` may exceed
``tests``), and skipped when the rule is disabled. The output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.check import FileReport, Finding
from factcheck.reporters.base import Run, excerpt, location, reference_of, reported_rules
from factcheck.rules.base import Rule

_COUNTS = ("tests", "failures", "errors", "skipped")

# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitReporter:
    """Renders a run as JUnit XML: a suite per file, a test case per rule."""

    reads_results = False  # findings and counts only (`reporters.base.reads_results`)

    def render(self, run: Run) -> str:
        """Return the XML document, with its declaration, ending with a newline."""
        root = ET.Element("testsuites", name="factcheck")
        rules = reported_rules(run)
        suites = [_suite(report, rules) for report in run.files]
        root.extend(suites)
        for key in _COUNTS:
            root.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(report: FileReport, rules: list[tuple[str, Rule | None]]) -> ET.Element:
    path = _xml(report.document.path)
    suite = ET.Element("testsuite", name=path)
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule_id, rule in rules:
        case = ET.SubElement(suite, "testcase", classname=path, name=rule_id)
        for finding in by_rule.get(rule_id, []):
            failure = ET.SubElement(
                case, "failure", message=_xml(finding.message), type=finding.severity
            )
            failure.text = _xml(_details(report, finding))
        if rule is not None and not rule.spec.enabled and not len(case):
            ET.SubElement(case, "skipped", message="rule disabled")
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(len(case.findall("failure")) for case in cases)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(len(case.findall("skipped")) for case in cases)))
    return suite


def _details(report: FileReport, finding: Finding) -> str:
    where = location(report, finding.span)
    before, found, after = excerpt(report, finding)
    lines = [
        f"{report.document.path}:{where['line']}:{where['column']}: {finding.message}",
        f"found: {finding.found}",
        f"expected: {finding.expected or '(not stated)'}",
        f"sentence: {before}{found}{after}",
    ]
    reference = reference_of(finding)
    if reference is not None:
        lines.append(f"reference: {reference['file']}:{reference['line']}")
    lines.extend(f"source: {source}" for source in finding.sources)
    return "\n".join(lines)


def _xml(text: str) -> str:
    """Return ``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
