"""SPEC section 8 cue rules: numbers bound by cue words and units, compared at written precision."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.check import Checker, FileReport
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def checker() -> Checker:
    rules = load_rules(
        [*sorted(shipped_rules_dir().glob("*.yaml")), FIXTURES / "referendum-rules.yaml"]
    )
    return Checker(load_reference([FIXTURES / "referendum.yaml"]), rules)


def run(checker: Checker, text: str) -> FileReport:
    return checker.check(load_document("t.txt", text.encode(), dt.date(2016, 6, 30)))


ROWS = [
    ("Turnout in the referendum was 75 per cent.", "turnout", "75", "contradicted"),
    ("The referendum saw a turnout of 72.2%.", "turnout", "72.2", "supported"),
    ("Turnout in the referendum was more than 72 per cent.", "turnout", "72", "supported"),
    ("Turnout in the referendum was about 70 percent.", "turnout", "70", "supported"),
    ("Turnout in the referendum was about 60 percent.", "turnout", "60", "contradicted"),
    ("In the referendum Leave won 51.9 per cent.", "leave-share", "51.9", "supported"),
    ("In the referendum Leave won 17.4 million votes.", "leave-votes", "17.4 million", "supported"),
    (
        "In the referendum Leave won 18.4 million votes.",
        "leave-votes",
        "18.4 million",
        "contradicted",
    ),
    ("The referendum electorate was 46 million.", "electorate", "46 million", "supported"),
    ("The referendum electorate was 40 million.", "electorate", "40 million", "contradicted"),
]


@pytest.mark.parametrize(("text", "attribute", "found", "verdict"), ROWS)
def test_cue_rule_rows(
    checker: Checker, text: str, attribute: str, found: str, verdict: str
) -> None:
    report = run(checker, text)
    got = [
        (r.claim.attribute, r.claim.span.text(text), r.verdict.value)
        for r in report.results
        if r.claim.attribute == attribute
    ]
    assert got == [(attribute, found, verdict)]


def test_unit_decides_which_attribute_a_number_states(checker: Checker) -> None:
    text = "In the referendum Leave won 51.9 per cent, or 17.4 million votes."
    report = run(checker, text)
    got = {(r.claim.attribute, r.claim.span.text(text), r.verdict.value) for r in report.results}
    assert got == {
        ("leave-share", "51.9", "supported"),
        ("leave-votes", "17.4 million", "supported"),
    }
    assert report.findings == ()


def test_number_fitting_no_attribute_is_not_contradicted(checker: Checker) -> None:
    report = run(checker, "In the referendum Leave won 300 seats.")
    assert report.findings == ()
