"""The substitution kind: house spellings flagged with the spelling to use; options validated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.check import Checker
from factcheck.document import load_document
from factcheck.errors import FactcheckError
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules
from tests.conftest import ROOT, SAMPLE_FACTS

HOUSE = ROOT / "examples" / "house-style.yaml"

ROWS = [
    ("Kim Jong Un arrived.", [("Kim Jong Un", "Kim Jong-un")]),
    ("Kim Jong-un arrived.", []),
    ("President Moon Jae In spoke; Moon Jae-in left.", [("Moon Jae In", "Moon Jae-in")]),
    (
        "Kang Kyungwha and Kang Kyung wha met.",
        [("Kang Kyungwha", "Kang Kyung-wha"), ("Kang Kyung wha", "Kang Kyung-wha")],
    ),
    ("Kim Jong Unified is not a match.", []),
]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_reference([SAMPLE_FACTS]), load_rules([HOUSE]))


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_house_spellings(checker: Checker, text: str, expected: list[tuple[str, str]]) -> None:
    report = checker.check(load_document("t.txt", text.encode(), dt.date(2019, 2, 9)))
    got = [(f.found, f.expected) for f in report.findings if f.rule == "house-names"]
    assert got == expected
    for f in report.findings:
        assert f.severity == "warning"
        assert f.message == f'house style is "{f.expected}", not "{f.found}"'


def test_code_blocks_are_not_checked(checker: Checker, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Kim Jong Un arrived.\n\n```\nKim Jong Un\n```\n", encoding="utf-8")
    report = checker.check(load_document(str(article), None, dt.date(2019, 2, 9)))
    assert [f.found for f in report.findings] == ["Kim Jong Un"]


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("    swap: {}\n", "4:11", "swap: Dictionary should have at least 1 item"),
        ("    swap: {'/Kim [/': x}\n", "4:11", 'bad pattern "/Kim [/"'),
        ("    swop: {a: b}\n", "4:5", 'unknown field "swop" (did you mean "swap"?)'),
        (
            "    swap: {a: b}\n    ignore_case: true\n",
            "5:5",
            'unknown field "ignore_case" (did you mean "ignorecase"?)',
        ),
    ],
)
def test_bad_options_are_located(tmp_path: Path, body: str, where: str, message: str) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: house\n    kind: substitution\n" + body, encoding="utf-8")
    with pytest.raises(FactcheckError) as info:
        load_rules([rules])
    (line,) = info.value.lines()
    assert line.startswith(f"{rules}:{where}: ")
    assert message in line


def test_kind_without_options_rejects_unknown_fields(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: x\n    kind: weekday\n    attribute: weekday\n    swap: {a: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(FactcheckError) as info:
        load_rules([rules])
    assert info.value.lines() == [f'{rules}:5:5: unknown field "swap"']


def test_extends_names_the_kind_and_the_kind_words_the_message(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: house\n    extends: substitution\n    swap: {Kim Jong Un: Kim Jong-un}\n",
        encoding="utf-8",
    )
    checker = Checker(load_reference([SAMPLE_FACTS]), load_rules([rules]))
    report = checker.check(load_document("t.txt", b"Kim Jong Un arrived.", dt.date(2019, 2, 9)))
    (finding,) = report.findings
    assert finding.message == 'house style is "Kim Jong-un", not "Kim Jong Un"'


def test_kind_and_extends_must_agree(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: house\n    kind: cue\n    extends: substitution\n    swap: {a: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(FactcheckError) as info:
        load_rules([rules])
    assert 'give "kind" or "extends", not both' in info.value.lines()[0]
