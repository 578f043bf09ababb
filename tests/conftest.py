"""Shared fixtures: the shipped sample reference set, a checker on it, and a text runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.check import Checker, FileReport
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_FACTS = ROOT / "rules" / "sample-facts"
SHARED = ROOT.parent / "shared"

Run = Callable[[str], FileReport]


def make_runner(facts: Path, published: dt.date | None) -> Run:
    """Return a function that checks one text against ``facts`` with the built-in rules."""
    checker = Checker(
        load_reference([facts]), load_rules(sorted(shipped_rules_dir().glob("*.yaml")))
    )

    def run(text: str) -> FileReport:
        return checker.check(load_document("t.txt", text.encode("utf-8"), published))

    return run


@pytest.fixture(scope="session")
def korea() -> Run:
    """Check a text against the shipped sample facts as of 2019-02-09."""
    return make_runner(SAMPLE_FACTS, dt.date(2019, 2, 9))


@pytest.fixture(scope="session")
def korea_undated() -> Run:
    """Check a text against the shipped sample facts with no publication date."""
    return make_runner(SAMPLE_FACTS, None)


@pytest.fixture(scope="session")
def lives() -> Run:
    """Check a text against the life-facts fixture as of 2017-06-01."""
    return make_runner(FIXTURES / "lives.yaml", dt.date(2017, 6, 1))
