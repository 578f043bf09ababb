"""Tests for factcheck.extract.numbers: number mentions, their precision intervals and units."""

from __future__ import annotations

import math
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.numbers import NumberMention, canonical_unit, find_numbers, units_agree

INF = math.inf


class Row(NamedTuple):
    text: str
    span: str
    value_span: str
    value: float
    lo: float
    hi: float
    unit: str | None = None
    qualifier: str | None = None
    is_range: bool = False


ROWS = [
    # digits, separators, decimals: exact integers +-0.5, decimals +- half the last place
    Row(
        "17,410,742 voters",
        "17,410,742 voters",
        "17,410,742",
        17410742,
        17410741.5,
        17410742.5,
        "voter",
    ),
    Row("a turnout of 51.9", "51.9", "51.9", 51.9, 51.85, 51.95),
    Row("some 0.25 of it", "some 0.25", "0.25", 0.25, 0.225, 0.275, None, "about"),
    Row("3,000", "3,000", "3,000", 3000, 2999.5, 3000.5),
    # percentages
    Row("won 51.9 per cent", "51.9 per cent", "51.9", 51.9, 51.85, 51.95, "percent"),
    Row("won 51.9%", "51.9%", "51.9", 51.9, 51.85, 51.95, "percent"),
    Row("won 51.9 %", "51.9 %", "51.9", 51.9, 51.85, 51.95, "percent"),
    Row("won 51.9 percent", "51.9 percent", "51.9", 51.9, 51.85, 51.95, "percent"),
    Row("rose 5 percentage points", "5 percentage points", "5", 5, 4.5, 5.5, "percentage point"),
    # scale words: +- half a unit of the last written digit, times the scale
    Row(
        "17.4 million votes", "17.4 million votes", "17.4 million", 17.4e6, 17.35e6, 17.45e6, "vote"
    ),
    Row("17 million", "17 million", "17 million", 17e6, 16.5e6, 17.5e6),
    Row("2.5bn", "2.5bn", "2.5bn", 2.5e9, 2.45e9, 2.55e9),
    Row("2.5 bn", "2.5 bn", "2.5 bn", 2.5e9, 2.45e9, 2.55e9),
    Row("three thousand", "three thousand", "three thousand", 3000, 2500, 3500),
    # currency
    Row("$3.5 billion", "$3.5 billion", "3.5 billion", 3.5e9, 3.45e9, 3.55e9, "usd"),
    Row("US$3.5 billion", "US$3.5 billion", "3.5 billion", 3.5e9, 3.45e9, 3.55e9, "usd"),
    Row("₩1 trillion", "₩1 trillion", "1 trillion", 1e12, 0.5e12, 1.5e12, "won"),
    Row("1 trillion won", "1 trillion won", "1 trillion", 1e12, 0.5e12, 1.5e12, "won"),
    Row("£40 ", "£40", "40", 40, 39.5, 40.5, "pound"),
    Row("€40", "€40", "40", 40, 39.5, 40.5, "euro"),
    Row("5 million dollars", "5 million dollars", "5 million", 5e6, 4.5e6, 5.5e6, "usd"),
    Row("$3m", "$3m", "3m", 3e6, 2.5e6, 3.5e6, "usd"),
    Row("£5k", "£5k", "5k", 5e3, 4.5e3, 5.5e3, "pound"),
    # number words
    Row("three", "three", "three", 3, 2.5, 3.5),
    Row("Three men", "Three men", "Three", 3, 2.5, 3.5, "man"),
    Row("twenty-one", "twenty-one", "twenty-one", 21, 20.5, 21.5),
    Row("twenty one", "twenty one", "twenty one", 21, 20.5, 21.5),
    Row("a hundred", "a hundred", "a hundred", 100, 99.5, 100.5),
    Row(
        "two hundred and fifty", "two hundred and fifty", "two hundred and fifty", 250, 249.5, 250.5
    ),
    Row("a dozen", "a dozen", "a dozen", 12, 6, 18),
    Row("two dozen", "two dozen", "two dozen", 24, 18, 30),
    Row("half a dozen", "half a dozen", "half a dozen", 6, 5.4, 6.6),
    Row("half a million", "half a million", "half a million", 5e5, 4.5e5, 5.5e5),
    Row("a million", "a million", "a million", 1e6, 0.5e6, 1.5e6),
    Row("twenty-one thousand", "twenty-one thousand", "twenty-one thousand", 21e3, 20.5e3, 21.5e3),
    # "one" only when it counts something
    Row("one person", "one person", "one", 1, 0.5, 1.5, "people"),
    Row("one million", "one million", "one million", 1e6, 0.5e6, 1.5e6),
    Row("a one-day visit", "one-day", "one", 1, 0.5, 1.5, "day"),
    # hyphenated compounds
    Row("a three-day visit", "three-day", "three", 3, 2.5, 3.5, "day"),
    Row("a 72-year-old", "72-year-old", "72", 72, 71.5, 72.5, "age"),
    Row("the 72-years-old man", "72-years-old", "72", 72, 71.5, 72.5, "age"),
    Row("he is 72 years old", "72 years old", "72", 72, 71.5, 72.5, "age"),
    Row("aged 72,", "aged 72", "72", 72, 71.5, 72.5, "age"),
    Row("a 10-foot wall", "10-foot", "10", 10, 9.5, 10.5, "foot"),
    Row("a 5-mile march", "5-mile", "5", 5, 4.5, 5.5, "mile"),
    Row("a 15-member delegation", "15-member", "15", 15, 14.5, 15.5, "member"),
    Row("a million-dollar prize", "a million-dollar", "a million", 1e6, 0.5e6, 1.5e6, "usd"),
    # unit nouns
    Row("10 feet", "10 feet", "10", 10, 9.5, 10.5, "foot"),
    Row("300 seats", "300 seats", "300", 300, 299.5, 300.5, "seat"),
    Row("2 countries'", "2 countries", "2", 2, 1.5, 2.5, "country"),
    Row("40 km", "40 km", "40", 40, 39.5, 40.5, "kilometre"),
    Row("28,000 troops", "28,000 troops", "28,000", 28000, 27999.5, 28000.5, "troop"),
    # qualifiers: about-like +-10% (union with precision); bounds are one-sided
    Row("about 3,000", "about 3,000", "3,000", 3000, 2700, 3300, None, "about"),
    Row("around 3,000", "around 3,000", "3,000", 3000, 2700, 3300, None, "about"),
    Row("roughly 3,000", "roughly 3,000", "3,000", 3000, 2700, 3300, None, "about"),
    Row("approximately 3,000", "approximately 3,000", "3,000", 3000, 2700, 3300, None, "about"),
    Row("some 3,000 people", "some 3,000 people", "3,000", 3000, 2700, 3300, "people", "about"),
    Row("about 3 million", "about 3 million", "3 million", 3e6, 2.5e6, 3.5e6, None, "about"),
    Row("nearly 3,000", "nearly 3,000", "3,000", 3000, 2700, 3000.5, None, "about"),
    Row("almost 3,000", "almost 3,000", "3,000", 3000, 2700, 3000.5, None, "about"),
    Row(
        "more than 72 per cent", "more than 72 per cent", "72", 72, 72, INF, "percent", "more than"
    ),
    Row("over 2,000 people", "over 2,000 people", "2,000", 2000, 2000, INF, "people", "more than"),
    Row("at least 40", "at least 40", "40", 40, 40, INF, None, "at least"),
    Row("fewer than 10", "fewer than 10", "10", 10, -INF, 10, None, "less than"),
    Row("less than 10", "less than 10", "10", 10, -INF, 10, None, "less than"),
    Row("under 10", "under 10", "10", 10, -INF, 10, None, "less than"),
    Row(
        "up to 17.4 million",
        "up to 17.4 million",
        "17.4 million",
        17.4e6,
        -INF,
        17.4e6,
        None,
        "at most",
    ),
    Row("at most 5", "at most 5", "5", 5, -INF, 5, None, "at most"),
    Row("about $3 billion", "about $3 billion", "3 billion", 3e9, 2.5e9, 3.5e9, "usd", "about"),
    # "over three days" may mean "during": the lenient reading, "at least"
    Row("over three days", "over three days", "three", 3, 3, INF, "day", "at least"),
    # ranges: each end at its written precision
    Row("between 40 and 50", "between 40 and 50", "40 and 50", 45, 39.5, 50.5, None, None, True),
    Row("40 to 50", "40 to 50", "40 to 50", 45, 39.5, 50.5, None, None, True),
    Row("40-50 per cent", "40-50 per cent", "40-50", 45, 39.5, 50.5, "percent", None, True),
    Row("40–50 people", "40–50 people", "40–50", 45, 39.5, 50.5, "people", None, True),
    Row(
        "3 to 4 million people",
        "3 to 4 million people",
        "3 to 4 million",
        3.5e6,
        2.5e6,
        4.5e6,
        "people",
        None,
        True,
    ),
    Row(
        "$3 billion to $4 billion",
        "$3 billion to $4 billion",
        "3 billion to $4 billion",
        3.5e9,
        2.5e9,
        4.5e9,
        "usd",
        None,
        True,
    ),
    Row(
        "1000-1500 people",
        "1000-1500 people",
        "1000-1500",
        1250,
        999.5,
        1500.5,
        "people",
        None,
        True,
    ),
    # four digits are a count when a unit says so
    Row("2,018 people", "2,018 people", "2,018", 2018, 2017.5, 2018.5, "people"),
    Row("2018 people", "2018 people", "2018", 2018, 2017.5, 2018.5, "people"),
    Row("$2000", "$2000", "2000", 2000, 1999.5, 2000.5, "usd"),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.text for row in ROWS])
def test_number_forms(row: Row) -> None:
    found = find_numbers(row.text)
    assert len(found) == 1, found
    (mention,) = found
    assert mention.span.text(row.text) == row.span
    assert mention.value_span.text(row.text) == row.value_span
    assert mention.value == pytest.approx(row.value)
    assert mention.lo == pytest.approx(row.lo)
    assert mention.hi == pytest.approx(row.hi)
    assert mention.unit == row.unit
    assert mention.qualifier == row.qualifier
    assert mention.is_range is row.is_range


NOT_NUMBERS = [
    "the first summit",
    "their 21st meeting",
    "the 2nd round",
    "at 12:14 local time",
    "Feb. 27",
    "the Feb. 27-28 summit",
    "on February 4, 2019",
    "Published : Feb 9, 2019 - 12:14",
    "on 12 June",
    "the 1950-53 Korean War",
    "on 2019-02-09",
    "on 2/9/2019",
    "in 2018",
    "between 2018 and 2020",
    "the 2019-2020 season",
    "about 2000",
    "No. 2",
    "Resolution 2397",
    "version 3.5.1",
    "one of the leaders",
    "no one came",
    "the one he chose",
    "one",
    "a",
    "a day",
    "two-thirds of the votes",
    "a 3-D film",
    "won 3-1",
    "the 1990s",
    "COVID-19",
    "F-16 jets",
    "G20",
    "at 3 p.m.",
    "at 3pm",
    "a 3m wall",
    "3M",
    "someone",
    "tens of thousands",
    "dozens of people",
    "half a day",
    "1" * 40,
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def _texts(text: str) -> list[str]:
    return [m.span.text(text) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Leave won 51.9 per cent, or 17.4 million votes",
            ["51.9 per cent", "17.4 million votes"],
        ),
        ("from 40 to 50 per cent", ["40", "50 per cent"]),
        ("3 and 4 million", ["3", "4 million"]),
        ("between 50 and 40", ["50", "40"]),
        ("In 2018, 3,000 people", ["3,000 people"]),
        ("June 12, 2018: 3 dead", ["3"]),
        ("Nos. 3 and 4 failed", ["4"]),
        (
            "Biegun flew back to Seoul on Friday evening following a three-day visit to "
            "Pyongyang aimed at fine-tuning details for the Feb. 27-28 summit between the "
            "two countries' leaders, the 1950-53 war and the 2018 summit.",
            ["three-day", "two countries"],
        ),
    ],
)
def test_mentions_in_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_start_and_end_bound_the_search() -> None:
    text = "3 people, 4 people, 5 people"
    found = find_numbers(text, 3, 18)
    assert [m.span.text(text) for m in found] == ["4 people"]
    # a unit past ``end`` is not taken in
    assert [m.span.text(text) for m in find_numbers(text, 0, 3)] == ["3"]


@pytest.mark.parametrize(
    ("text", "true_value", "admitted"),
    [
        # SPEC 4 examples
        ("17.4 million", 17_410_742, True),
        ("51.9 per cent", 51.89, True),
        ("more than 72 per cent", 72.2, True),
        ("about 3,000", 3250, True),
        ("more than 72 per cent", 72, False),
        ("at least 72 per cent", 72, True),
        ("less than 10", 10, False),
        ("up to 10", 10, True),
        ("17.4 million", 17_460_000, False),
        ("75 per cent", 72.2, False),
        ("between 40 and 50", 50.2, True),
    ],
)
def test_admits(text: str, true_value: float, admitted: bool) -> None:
    (mention,) = find_numbers(text)
    assert mention.admits(true_value) is admitted


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("percent", "per cent", True),
        ("%", "Percent", True),
        ("pct", "per  cent", True),
        ("votes", "vote", True),
        ("people", "persons", True),
        ("feet", "foot", True),
        ("metres", "meter", True),
        ("km", "kilometres", True),
        ("casualties", "casualty", True),
        ("usd", "dollars", True),
        ("$", "USD", True),
        ("won", "KRW", True),
        ("Widgets", "widget", True),
        ("families", "family", True),
        ("percent", "percentage points", False),
        ("votes", "voters", False),
        ("ton", "tonne", False),
        ("usd", "won", False),
        ("people", None, False),
        (None, "people", False),
        (None, None, True),
    ],
)
def test_units_agree(a: str | None, b: str | None, agree: bool) -> None:
    assert units_agree(a, b) is agree
    assert units_agree(b, a) is agree


def test_mention_units_are_canonical() -> None:
    for mention in find_numbers("3 votes, 4 days, 5 feet, 6 per cent, 7 people, $8"):
        assert mention.unit is not None
        assert canonical_unit(mention.unit) == mention.unit


FRAGMENTS = [
    "3,000", "17.4 million", "51.9 per cent", "%", "$", "₩", "about ", "more than ", "between ",
    " and ", " to ", "-", "–", "three", "-day", "twenty-one", "a dozen", "half a million", "one",
    "a ", "2018", "1950-53", "Feb. ", "12:14", "No. ", "3.5.1", "21st", "people", " votes",
    "-year-old", "2.5bn", "3m", " ", ",", ".", "/", "from ", "aged ", "nearly ", "over ",
    "1" * 20, "hundred", " thousand",
]  # fmt: skip
_texts_with_numbers = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=30
).map("".join)
_any_text = st.one_of(st.text(), _texts_with_numbers)


def _check_invariants(text: str, found: list[NumberMention], start: int, end: int) -> None:
    previous_end = start
    for mention in found:
        assert previous_end <= mention.span.start < mention.span.end <= end
        assert mention.span.contains(mention.value_span)
        assert mention.value_span.start < mention.value_span.end
        assert mention.lo <= mention.value <= mention.hi
        previous_end = mention.span.end


@given(_any_text)
def test_find_numbers_invariants(text: str) -> None:
    found = find_numbers(text)
    _check_invariants(text, found, 0, len(text))
    assert find_numbers(text) == found


@given(_any_text, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_find_numbers_respects_bounds(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    _check_invariants(text, find_numbers(text, start, end), start, end)
