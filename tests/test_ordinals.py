"""Tests for factcheck.extract.ordinals: ordinal mentions, with dates and idioms left out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.ordinals import find_ordinals


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("their first historic summit", "first", 1),
        ("the second summit", "second", 2),
        ("a second summit", "second", 2),
        ("for a second time", "second", 2),
        ("the third meeting", "third", 3),
        ("the fourth round", "fourth", 4),
        ("the fifth", "fifth", 5),
        ("the sixth", "sixth", 6),
        ("the seventh", "seventh", 7),
        ("the eighth", "eighth", 8),
        ("the ninth", "ninth", 9),
        ("the tenth", "tenth", 10),
        ("the eleventh", "eleventh", 11),
        ("the twelfth", "twelfth", 12),
        ("the thirteenth", "thirteenth", 13),
        ("the nineteenth", "nineteenth", 19),
        ("the twentieth", "twentieth", 20),
        ("the twenty-first", "twenty-first", 21),
        ("the twenty-second", "twenty-second", 22),
        ("the twenty-ninth", "twenty-ninth", 29),
        ("the thirtieth", "thirtieth", 30),
        ("the thirty-first", "thirty-first", 31),
        ("the ninety-ninth", "ninety-ninth", 99),
        ("the hundredth anniversary", "hundredth", 100),
        ("First, the talks", "First", 1),
        ("THE SECOND SUMMIT", "SECOND", 2),
        ("the first-ever summit", "first", 1),
        ("the second-largest economy", "second", 2),
        ("the third of five children", "third", 3),
        ("a first for the country", "first", 1),
        ("finished first.", "first", 1),
        ("the 1st", "1st", 1),
        ("the 2nd", "2nd", 2),
        ("the 3rd", "3rd", 3),
        ("the 4th", "4th", 4),
        ("the 11th", "11th", 11),
        ("the 12th", "12th", 12),
        ("the 13th", "13th", 13),
        ("the 21st century", "21st", 21),
        ("the 22nd", "22nd", 22),
        ("the 101st Airborne", "101st", 101),
        ("the 111th", "111th", 111),
        ("the 1,000th visitor", "1,000th", 1000),
        ("the 2ND", "2ND", 2),
    ],
)
def test_ordinal_forms(text: str, span: str, value: int) -> None:
    found = find_ordinals(text)
    assert [(m.span.text(text), m.value) for m in found] == [(span, value)]


@pytest.mark.parametrize(
    "text",
    [
        # days of the month belong to dates
        "February 4th",
        "Feb. 4th",
        "June the 4th",
        "the 4th of July",
        "the Fourth of July",
        "on 4th July",
        "the 12th of June",
        "July fourth",
        # idioms
        "at first",
        "at first glance",
        "first of all",
        "first and foremost",
        "the first lady",
        "First Lady Melania Trump",
        "second-hand cars",
        "a first-class seat",
        "a second-rate plan",
        "do not second-guess",
        "a third-party candidate",
        "first-degree murder",
        # fractions and moments
        "a third of the votes",
        "one-third",
        "one third",
        "two-thirds",
        "wait a second.",
        "a split second",
        "per second",
        # not ordinals at all
        "firstly",
        "seconds",
        "secondary",
        "1th",
        "12st",
        "22th",
        "1st1",
        "21",
        "twenty first",
    ],
)
def test_not_ordinals(text: str) -> None:
    assert find_ordinals(text) == []


def test_several_in_a_sentence() -> None:
    text = "After the first summit in June and the second on Feb. 27th, a 3rd is planned."
    assert [(m.span.text(text), m.value) for m in find_ordinals(text)] == [
        ("first", 1),
        ("second", 2),
        ("3rd", 3),
    ]


def test_start_and_end_bound_the_search() -> None:
    text = "first, second, third"
    assert [m.value for m in find_ordinals(text, 5, 14)] == [2]


FRAGMENTS = [
    "first", "second", "twenty-", "first", "21", "st", "nd", "rd", "th", "-", " ", "a ", "at ",
    "February ", "of ", "July", "lady", "-hand", "one-", "third", ",", ".", "1,000",
]  # fmt: skip
_any_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=30).map("".join),
)


@given(_any_text, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_find_ordinals_invariants(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for bounds in ((0, len(text)), (start, end)):
        found = find_ordinals(text, *bounds)
        previous_end = bounds[0]
        for mention in found:
            assert previous_end <= mention.span.start < mention.span.end <= bounds[1]
            assert mention.value >= 1
            previous_end = mention.span.end
        assert find_ordinals(text, *bounds) == found
