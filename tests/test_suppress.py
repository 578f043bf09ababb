"""factcheck-ignore directives: what they silence, the warnings, and unused-ignore findings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck import cli, suppress
from factcheck.check import Checker, FileReport
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir
from tests.conftest import SAMPLE_FACTS

WRONG = "Their first historic summit in Singapore in July set the tone."
WRONG_PLACE = "The Singapore summit in Hanoi was historic."


@pytest.fixture(scope="module")
def checker() -> Checker:
    rules = load_rules(sorted(shipped_rules_dir().glob("*.yaml")))
    return Checker(load_reference([SAMPLE_FACTS]), rules)


def _apply(
    checker: Checker, path: str, text: str, unused: bool = False
) -> tuple[FileReport, list[str]]:
    report = checker.check(load_document(path, text.encode(), dt.date(2019, 2, 9)))
    rule_ids = {r.id for r in checker.rules}
    return suppress.apply(report, rule_ids, unused)


def _findings(report: FileReport) -> list[tuple[str, tuple[int, int]]]:
    return [(f.rule, report.document.position(f.span.start)) for f in report.findings]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        # the next paragraph only
        (
            "a.md",
            f"<!-- factcheck-ignore event-date: quoted -->\n{WRONG}\n\n{WRONG}\n",
            [("event-date", (4, 45))],
        ),
        # another rule's finding stays
        (
            "a.md",
            f"<!-- factcheck-ignore event-place: checked -->\n{WRONG}\n",
            [("event-date", (2, 45))],
        ),
        # several rules in one directive
        (
            "a.md",
            f"<!-- factcheck-ignore event-date, event-place: checked -->\n{WRONG} {WRONG_PLACE}\n",
            [],
        ),
        # stacked directives both apply to the paragraph after them
        (
            "a.md",
            "<!-- factcheck-ignore event-date: a -->\n<!-- factcheck-ignore event-place: b -->\n"
            f"{WRONG} {WRONG_PLACE}\n",
            [],
        ),
        # a whole list is the block after the comment
        ("a.md", f"<!-- factcheck-ignore event-date: quoted -->\n- {WRONG}\n- {WRONG}\n", []),
        # without a reason nothing is silenced
        ("a.md", f"<!-- factcheck-ignore event-date -->\n{WRONG}\n", [("event-date", (2, 45))]),
        (
            "a.html",
            f"<p>{WRONG}</p><!-- factcheck-ignore event-date: quoted --><p>{WRONG}</p>",
            [("event-date", (1, 48))],
        ),
        (
            "a.txt",
            f"{WRONG} factcheck-ignore[event-date]: quoted\n{WRONG}\n",
            [("event-date", (2, 45))],
        ),
        ("a.txt", f"{WRONG} factcheck-ignore[event-place]: checked\n", [("event-date", (1, 45))]),
    ],
)
def test_directives_silence_the_rules_they_name(
    checker: Checker, path: str, text: str, expected: list[tuple[str, tuple[int, int]]]
) -> None:
    report, _ = _apply(checker, path, text)
    assert _findings(report) == expected


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (
            f"Intro.\n\n<!-- factcheck-ignore event-date -->\n{WRONG}\n",
            "a.md:3:1: warning: factcheck-ignore event-date has no reason, so it is not applied; "
            "write why after a colon (factcheck-ignore event-date: why)",
        ),
        (
            f"<!-- factcheck-ignore: because -->\n{WRONG}\n",
            "a.md:1:1: warning: factcheck-ignore names no rule; write the rule id, a colon and "
            "the reason",
        ),
        (
            f"{WRONG}\n\n  <!-- factcheck-ignore evnt-date: typo -->\nText.\n",
            'a.md:3:3: warning: factcheck-ignore names unknown rule "evnt-date" '
            '(did you mean "event-date"?)',
        ),
        (
            f"{WRONG}\n\n<!-- factcheck-ignore event-date: nothing after -->\n",
            "a.md:3:1: warning: factcheck-ignore event-date has no paragraph after it to apply to",
        ),
    ],
)
def test_bad_directives_are_warned_about(checker: Checker, text: str, warning: str) -> None:
    _, warnings = _apply(checker, "a.md", text)
    assert warnings == [warning]


def test_unused_directives_become_findings(checker: Checker) -> None:
    text = (
        f"<!-- factcheck-ignore event-date, event-place: checked -->\n{WRONG}\n\n"
        "<!-- factcheck-ignore person-title: stale -->\nThe talks went on.\n"
    )
    report, warnings = _apply(checker, "a.md", text, unused=True)
    assert warnings == []
    got = [
        (f.rule, f.severity, report.document.position(f.span.start), f.found, f.message)
        for f in report.findings
    ]
    assert got == [
        (
            "unused-ignore",
            "warning",
            (1, 1),
            "factcheck-ignore event-place",
            'factcheck-ignore for "event-place" silences nothing here; remove it',
        ),
        (
            "unused-ignore",
            "warning",
            (4, 1),
            "factcheck-ignore person-title",
            'factcheck-ignore for "person-title" silences nothing here; remove it',
        ),
    ]
    assert report.findings[1].span.text(text) == "<!-- factcheck-ignore person-title: stale -->"


def test_unused_plain_text_directive(checker: Checker) -> None:
    text = "The talks went on. factcheck-ignore[event-date]: stale\n"
    report, _ = _apply(checker, "a.txt", text, unused=True)
    (finding,) = report.findings
    assert (finding.rule, finding.span.text(text)) == (
        "unused-ignore",
        "factcheck-ignore[event-date]: stale",
    )


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        f"<!-- factcheck-ignore event-date: quoted -->\n{WRONG}\n\n"
        f"<!-- factcheck-ignore event-date -->\n{WRONG}\n\n"
        "<!-- factcheck-ignore event-place: stale -->\nThe talks went on.\n",
        encoding="utf-8",
    )
    args = ["--date", "2019-02-09", "--format", "json", str(article)]
    assert cli.main([*args, "--report-unused-ignores", "--fail-on", "warning"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{article}:4:1: warning: factcheck-ignore event-date has no reason, so it is not "
        "applied; write why after a colon (factcheck-ignore event-date: why)"
    ]
    assert _rules(out) == ["event-date", "unused-ignore"]
    assert cli.main(args) == 1  # the directive without a reason leaves its finding
    assert _rules(capsys.readouterr().out) == ["event-date"]


def _rules(report: str) -> list[str]:
    return [f["rule"] for f in json.loads(report)["files"][0]["findings"]]
