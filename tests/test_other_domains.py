"""A second domain (a space mission) with its own facts and cue rules, phrasing by phrasing."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.check import Checker
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def checker() -> Checker:
    rules = [*sorted(shipped_rules_dir().glob("*.yaml")), FIXTURES / "space-rules.yaml"]
    return Checker(load_reference([FIXTURES / "space.yaml"]), load_rules(rules))


ROWS = [
    ("Apollo 11 took place in July 1969.", [("date", "July 1969", "supported")]),
    ("Apollo 11 was held in June 1969.", [("date", "June 1969", "contradicted")]),
    # the name and its own trigger noun are one phrase
    ("The Apollo 11 mission took place in June 1969.", [("date", "June 1969", "contradicted")]),
    # "launched"/"landed" date a part of the mission: only a cue rule may bind them
    ("Apollo 11 launched on July 18, 1969.", []),
    # the number inside a name is not a crew size
    ("Apollo 11 carried a crew of four astronauts.", [("crew", "four", "contradicted")]),
    ("Apollo 11 carried a crew of three.", [("crew", "three", "supported")]),
    (
        "The lunar module of Apollo 11 landed on July 21, 1969.",
        [("landing", "July 21, 1969", "contradicted")],
    ),
    ("NASA, founded in 1962, sent the astronauts.", [("founded", "1962", "contradicted")]),
    ("NASA has about 18,500 employees.", [("employees", "18,500", "supported")]),
    # text values: a name of the referenced kind, or a known place
    ("Neil Armstrong commanded Gemini 8.", [("commander", "Neil Armstrong", "supported")]),
    ("Buzz Aldrin commanded Gemini 8.", [("commander", "Buzz Aldrin", "contradicted")]),
    ("Gemini 8 splashed down near Japan.", [("splashdown", "Japan", "supported")]),
    ("Gemini 8 splashed down near Cuba.", [("splashdown", "Cuba", "contradicted")]),
    ("Gemini 8 splashed down near the reef.", []),
    # a date far from "born" belongs to another verb
    (
        "Neil Armstrong, who was born in 1930, walked on the Moon after the lunar module "
        "touched down on July 20, 1969.",
        [("born", "1930", "supported")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_space_rows(checker: Checker, text: str, expected: list[tuple[str, str, str]]) -> None:
    report = checker.check(load_document("t.txt", text.encode(), dt.date(2019, 7, 20)))
    got = [(r.claim.attribute, r.claim.span.text(text), r.verdict.value) for r in report.results]
    assert got == expected
