"""Tests for factcheck.extract.dates: one table row per phrasing, plus property tests."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import DateMention, find_dates
from factcheck.values import DateValue, PartialDate, Span

PUB = dt.date(2019, 2, 9)  # a Saturday, the seed article's publication date


class Row(NamedTuple):
    """One phrasing in a sentence and the single mention expected in it."""

    sentence: str
    span: str
    lo: str
    hi: str
    is_range: bool = False
    relative: bool = False


def _single(text: str, published: dt.date | None = PUB) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, [m.span.text(text) for m in mentions]
    return mentions[0]


def _check(row: Row) -> None:
    mention = _single(row.sentence)
    assert mention.span.text(row.sentence) == row.span
    assert mention.value is not None
    assert (mention.value.lo.iso(), mention.value.hi.iso()) == (row.lo, row.hi)
    assert mention.value.is_range is row.is_range
    assert mention.relative is row.relative


# --------------------------------------------------------------------------- absolute

CALENDAR_DATES = [
    Row(
        "The summit was held on June 12, 2018 in Singapore.",
        "June 12, 2018",
        "2018-06-12",
        "2018-06-12",
    ),
    Row(
        "The summit was held on June 12 2018 in Singapore.",
        "June 12 2018",
        "2018-06-12",
        "2018-06-12",
    ),
    Row(
        "Alice Cooper was born on February 4th, 1948.",
        "February 4th, 1948",
        "1948-02-04",
        "1948-02-04",
    ),
    Row("Kesha was born on March 1st, 1987.", "March 1st, 1987", "1987-03-01", "1987-03-01"),
    Row("They met on 12 June 2018 in Singapore.", "12 June 2018", "2018-06-12", "2018-06-12"),
    Row("They met on the 12th of June, he said.", "the 12th of June", "--06-12", "--06-12"),
    Row(
        "Francis I was born on the twelfth of September in the year 1494.",
        "the twelfth of September in the year 1494",
        "1494-09-12",
        "1494-09-12",
    ),
    Row(
        "Emma Watson was born in the 15th of April 1990.",
        "the 15th of April 1990",
        "1990-04-15",
        "1990-04-15",
    ),
    Row("Watson was born on 15th of April 1990.", "15th of April 1990", "1990-04-15", "1990-04-15"),
    Row("the Feb. 27 summit in Hanoi", "Feb. 27", "--02-27", "--02-27"),
    Row("Published : Feb 9, 2019 - 12:14", "Feb 9, 2019", "2019-02-09", "2019-02-09"),
    Row("Voting opens Sept. 5 in Seoul.", "Sept. 5", "--09-05", "--09-05"),
    Row("Voting opens Sep 5 in Seoul.", "Sep 5", "--09-05", "--09-05"),
    Row("Bruce Shand was born on Jan. 22nd, 1917.", "Jan. 22nd, 1917", "1917-01-22", "1917-01-22"),
    Row("The vote is on Mar. 8 this time.", "Mar. 8", "--03-08", "--03-08"),
    Row("Eric Church was born May 3, 1977.", "May 3, 1977", "1977-05-03", "1977-05-03"),
    Row("Parades on July Fourth.", "July Fourth", "--07-04", "--07-04"),
    Row("It ended on the twenty-first of June.", "the twenty-first of June", "--06-21", "--06-21"),
    Row("SEOUL, FEB. 9 (Yonhap) --", "FEB. 9", "--02-09", "--02-09"),
    Row("the agreement of Feb.27 holds", "Feb.27", "--02-27", "--02-27"),
    Row("Dated 2019-02-09 in the file.", "2019-02-09", "2019-02-09", "2019-02-09"),
    Row("Dated 2019-02 in the file.", "2019-02", "2019-02", "2019-02"),
]

DAY_RANGES = [
    Row("the Feb. 27-28 summit in Hanoi", "Feb. 27-28", "--02-27", "--02-28", True),
    Row("the Feb. 27–28 summit in Hanoi", "Feb. 27–28", "--02-27", "--02-28", True),
    Row("a summit February 27 to 28 in Hanoi", "February 27 to 28", "--02-27", "--02-28", True),
    Row(
        "held from February 27 to 28 in Hanoi", "from February 27 to 28", "--02-27", "--02-28", True
    ),
    Row(
        "held between Feb. 27 and 28 in Hanoi", "between Feb. 27 and 28", "--02-27", "--02-28", True
    ),
    Row("the June 12-13, 2018 talks", "June 12-13, 2018", "2018-06-12", "2018-06-13", True),
    Row(
        "held 27-28 February 2019 in Hanoi", "27-28 February 2019", "2019-02-27", "2019-02-28", True
    ),
    Row(
        "talks from Feb. 27 - March 1 in Hanoi",
        "from Feb. 27 - March 1",
        "--02-27",
        "--03-01",
        True,
    ),
    Row(
        "a visit Dec. 28 to Jan. 3, 2019 abroad",
        "Dec. 28 to Jan. 3, 2019",
        "2018-12-28",
        "2019-01-03",
        True,
    ),
    Row(
        "open from June to August 2018 daily",
        "from June to August 2018",
        "2018-06",
        "2018-08",
        True,
    ),
]

MONTHS_AND_YEARS = [
    Row("their first historic summit in Singapore in July.", "July", "--07", "--07"),
    Row("July was hot.", "July", "--07", "--07"),
    Row("It was held in June 2018 in Singapore.", "June 2018", "2018-06", "2018-06"),
    Row("Anne Sullivan was born in April of 1866.", "April of 1866", "1866-04", "1866-04"),
    Row("Ian Brennan was born in April 1978.", "April 1978", "1978-04", "1978-04"),
    Row("Duff McKagan was born in May of 1964.", "May of 1964", "1964-05", "1964-05"),
    Row("Billie Joe Armstrong was born on March.", "March", "--03", "--03"),
    Row("Jobs rose in May, the data showed.", "May", "--05", "--05"),
    Row("Talks resume in Jan. after the break.", "Jan.", "--01", "--01"),
    Row("Talks resume in early June.", "early June", "--06-01", "--06-10"),
    Row("Talks resume in mid-March.", "mid-March", "--03-11", "--03-20"),
    Row("Talks resume in late February.", "late February", "--02-21", "--02-28"),
    Row("Talks resume in late June 2018.", "late June 2018", "2018-06-21", "2018-06-30"),
    Row("It happened in 2018, he said.", "2018", "2018", "2018"),
    Row("Alexandra Daddario was born in 1986.", "1986", "1986", "1986"),
    Row("1966 was the year of birth of Justine Bateman.", "1966", "1966", "1966"),
    Row("Prices peaked in mid-2018.", "mid-2018", "2018-05", "2018-08"),
    Row("Prices peaked in late 2018.", "late 2018", "2018-09", "2018-12"),
    Row("Prices peaked in early 2018.", "early 2018", "2018-01", "2018-04"),
]

YEAR_RANGES = [
    Row("the 1950-53 Korean War", "1950-53", "1950", "1953", True),
    Row("the 1950–53 Korean War", "1950–53", "1950", "1953", True),
    Row("the 1950-1953 Korean War", "1950-1953", "1950", "1953", True),
    Row("the war lasted from 1950 to 1953.", "from 1950 to 1953", "1950", "1953", True),
    Row("fought between 1950 and 1953.", "between 1950 and 1953", "1950", "1953", True),
    Row("the 2008-09 financial crisis", "2008-09", "2008", "2009", True),
    Row("the 1999-00 season", "1999-00", "1999", "2000", True),
]

DECADES = [
    Row("Carlos Santana was born in the forties.", "the forties", "1940", "1949"),
    Row("Carlos Santana was born in the thirties.", "the thirties", "1930", "1939"),
    Row("born in the nineteen-forties.", "the nineteen-forties", "1940", "1949"),
    Row("born in the 1940s.", "the 1940s", "1940", "1949"),
    Row("a hit in the 1990s.", "the 1990s", "1990", "1999"),
    Row("a hit in the '90s.", "the '90s", "1990", "1999"),
    Row("a hit in the ’90s.", "the ’90s", "1990", "1999"),
    Row("a hit in the late 1990s.", "the late 1990s", "1996", "1999"),
    Row("a hit in the early '80s.", "the early '80s", "1980", "1983"),
    Row("a hit in 1990s Seoul.", "1990s", "1990", "1999"),
    # A year ending in 00 reads as the wider century (precision over recall).
    Row("built in the 1800s.", "the 1800s", "1800", "1899"),
]


@pytest.mark.parametrize("row", CALENDAR_DATES, ids=lambda r: r.span)
def test_calendar_dates(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", DAY_RANGES, ids=lambda r: r.span)
def test_day_ranges(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", MONTHS_AND_YEARS, ids=lambda r: r.span)
def test_months_and_years(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", YEAR_RANGES, ids=lambda r: r.span)
def test_year_ranges(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", DECADES, ids=lambda r: r.span)
def test_decades(row: Row) -> None:
    _check(row)


# --------------------------------------------------------------------------- relative

RELATIVE = [
    Row(
        "The envoy on Saturday cast the talks as productive.",
        "Saturday",
        "2019-02-09",
        "2019-02-09",
        relative=True,
    ),
    Row(
        "Biegun flew back to Seoul on Friday evening.",
        "Friday",
        "2019-02-08",
        "2019-02-08",
        relative=True,
    ),
    Row(
        "He said on Sunday that it went well.", "Sunday", "2019-02-03", "2019-02-03", relative=True
    ),
    Row(
        "The Government Complex Seoul, Saturday. (Yonhap)",
        "Saturday",
        "2019-02-09",
        "2019-02-09",
        relative=True,
    ),
    Row("It was announced today.", "today", "2019-02-09", "2019-02-09", relative=True),
    Row("It was announced yesterday.", "yesterday", "2019-02-08", "2019-02-08", relative=True),
    Row("It will be announced tomorrow.", "tomorrow", "2019-02-10", "2019-02-10", relative=True),
    Row("this week's working-level talks", "this week", "2019-02-04", "2019-02-10", relative=True),
    Row(
        "talks held last week in Pyongyang", "last week", "2019-01-28", "2019-02-03", relative=True
    ),
    Row("talks set for next week in Hanoi", "next week", "2019-02-11", "2019-02-17", relative=True),
    Row("a summit this month in Hanoi", "this month", "2019-02", "2019-02", relative=True),
    Row("talks held last month in Stockholm", "last month", "2019-01", "2019-01", relative=True),
    Row("talks due next month", "next month", "2019-03", "2019-03", relative=True),
    Row(
        "the second summit late this month",
        "late this month",
        "2019-02-21",
        "2019-02-28",
        relative=True,
    ),
    Row(
        "a meeting early next month", "early next month", "2019-03-01", "2019-03-10", relative=True
    ),
    Row("a report due mid-month", "mid-month", "2019-02-11", "2019-02-20", relative=True),
    Row("elections this year", "this year", "2019", "2019", relative=True),
    Row("the summit last year", "last year", "2018", "2018", relative=True),
    Row("elections next year", "next year", "2020", "2020", relative=True),
    Row("talks earlier this year", "earlier this year", "2019-01-01", "2019-02-09", relative=True),
    Row("talks later this year", "later this year", "2019-02-09", "2019-12-31", relative=True),
    Row("talks late last year", "late last year", "2018-09", "2018-12", relative=True),
    Row(
        "Kang noted that the past week has been long.",
        "the past week",
        "2019-02-02",
        "2019-02-09",
        relative=True,
    ),
    Row("plans for this weekend", "this weekend", "2019-02-09", "2019-02-10", relative=True),
    Row("they met two years ago", "two years ago", "2017", "2017", relative=True),
    Row("they met 3 days ago", "3 days ago", "2019-02-06", "2019-02-06", relative=True),
    Row("they met last Friday", "last Friday", "2019-02-08", "2019-02-08", relative=True),
    Row("they meet next Monday", "next Monday", "2019-02-11", "2019-02-11", relative=True),
    Row("they met last July in Seoul", "last July", "2018-07", "2018-07", relative=True),
    Row("they met in July last year", "July last year", "2018-07", "2018-07", relative=True),
    Row(
        "they meet on Feb. 27 this year",
        "Feb. 27 this year",
        "2019-02-27",
        "2019-02-27",
        relative=True,
    ),
]


@pytest.mark.parametrize("row", RELATIVE, ids=lambda r: r.span)
def test_relative(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", RELATIVE, ids=lambda r: r.span)
def test_relative_without_publication_date_is_unresolved(row: Row) -> None:
    mention = _single(row.sentence, None)
    assert mention.span.text(row.sentence) == row.span
    assert mention.relative
    assert mention.value is None


def test_weekday_alone_records_its_weekday() -> None:
    text = "Biegun flew back to Seoul on Friday evening."
    mention = _single(text)
    assert mention.weekday == 4
    assert mention.weekday_span is not None
    assert mention.weekday_span.text(text) == "Friday"


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("sentence", "span", "iso", "weekday", "weekday_text"),
    [
        ("The summit opens on Tuesday, Feb. 27 in Hanoi.", "Feb. 27", "--02-27", 1, "Tuesday"),
        (
            "Macmillan was born on Monday February 10, 1894.",
            "February 10, 1894",
            "1894-02-10",
            0,
            "Monday",
        ),
        (
            "Crowley was born on Tuesday, October 12, 1875.",
            "October 12, 1875",
            "1875-10-12",
            1,
            "Tuesday",
        ),
        ("The summit opens Tue., Feb. 27 in Hanoi.", "Feb. 27", "--02-27", 1, "Tue."),
        ("The summit opens Wednesday, 27 February.", "27 February", "--02-27", 2, "Wednesday"),
    ],
)
def test_weekday_with_date(
    sentence: str, span: str, iso: str, weekday: int, weekday_text: str
) -> None:
    mention = _single(sentence)
    assert mention.span.text(sentence) == span
    assert mention.value is not None and mention.value.lo.iso() == iso
    assert not mention.relative
    assert mention.weekday == weekday
    assert mention.weekday_span is not None
    assert mention.weekday_span.text(sentence) == weekday_text


def test_full_date_value() -> None:
    mention = _single("the Feb. 27-28 summit")
    assert mention.value == DateValue(PartialDate(None, 2, 27), PartialDate(None, 2, 28), True)
    assert _single("the 1940s").value == DateValue(PartialDate(1940), PartialDate(1949), False)
    assert _single("in July").value == DateValue.single(PartialDate(None, 7))


# --------------------------------------------------------------------------- negatives

NOT_DATES = [
    "The rally drew 2018 people.",
    "The fee was $2018 in total.",
    "It may be so.",
    "They may march on the capital.",
    "The call came at 12:14 p.m.",
    "He wore No. 2 on his shirt.",
    "It passed by a 3-2 vote.",
    "He counted 2,018 ballots.",
    "It measured 2018.5 metres.",
    "They sent 1500 troops.",
    "She won by 1,950 votes.",
    "Turnout was 1950 per cent of that.",
    "February 30 is no date.",
    "February 30, 2019 is no date.",
    "Call 555-2018 now.",
    "Call 02-2018-1234 now.",
    "June Carter sang.",
    "Good Friday services",
    "the Sunday Times reported",
    "USA Today reported it.",
    "Theresa May said so.",
    "They meet every Friday.",
    "It was his last year in office.",
    "It was the last week of the tour.",
    "The next year he left.",
    "He is in his forties.",
    "They met at Mar-a-Lago.",
    "It took 1000s of hours.",
    "Page 2018 of the book",
    "It cost about 1500 in total.",
    "Scores of 2-3 and 10-12 were posted.",
    "The 2019-13-45 code failed.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_date(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


# --------------------------------------------------------------------------- several, offsets


def test_several_mentions_in_order() -> None:
    text = "It rose in March and May, then fell on June 12, 2018 and in 2019."
    found = [m.span.text(text) for m in find_dates(text, PUB)]
    assert found == ["March", "May", "June 12, 2018", "2019"]


def test_date_with_time_keeps_the_date() -> None:
    text = "Updated : Feb 9, 2019 - 12:14"
    assert [m.span.text(text) for m in find_dates(text, PUB)] == ["Feb 9, 2019"]


def test_spans_are_offsets_into_the_text() -> None:
    text = "Héllo — “quoted” text.\r\n\tOn June 12, 2018 they met."
    (mention,) = find_dates(text, PUB)
    assert mention.span == Span(text.index("June"), text.index("June") + len("June 12, 2018"))


def test_start_and_end_limit_the_search() -> None:
    text = "In 2017 and in 2018 and in 2019."
    first, last = text.index("2018"), text.index("2019")
    found = find_dates(text, PUB, start=first, end=last)
    assert [m.span.text(text) for m in found] == ["2018"]
    assert find_dates(text, PUB, start=10, end=5) == []
    assert [m.span.text(text) for m in find_dates(text, PUB, start=-5, end=10_000)] == [
        "2017",
        "2018",
        "2019",
    ]


def test_seed_article() -> None:
    text = (
        "The US envoy for North Korea on Saturday cast this week's working-level talks "
        "to prepare for the two countries' second summit late this month as productive. "
        "Biegun flew back to Seoul on Friday evening to fine-tune the Feb. 27-28 summit. "
        "Kang noted that the past week has been long. Their first historic summit in "
        "Singapore in July. A formal end to the 1950-53 Korean War."
    )
    found = [
        (m.span.text(text), m.value.describe() if m.value else None) for m in find_dates(text, PUB)
    ]
    assert found == [
        ("Saturday", "2019-02-09"),
        ("this week", "2019-02-04..2019-02-10"),
        ("late this month", "2019-02-21..2019-02-28"),
        ("Friday", "2019-02-08"),
        ("Feb. 27-28", "--02-27..--02-28"),
        ("the past week", "2019-02-02..2019-02-09"),
        ("July", "--07"),
        ("1950-53", "1950..1953"),
    ]


# --------------------------------------------------------------------------- properties

FRAGMENTS = [
    "June 12, 2018",
    "Feb. 27-28",
    "Feb. 27–28",
    "1950-53",
    "the 1990s",
    "the '90s",
    "the forties",
    "2019-02-09",
    "2019-02",
    "on Tuesday, Feb. 27",
    "Saturday",
    "late this month",
    "the past week",
    "$2018",
    "2018 people",
    "12:14",
    "May",
    "may",
    "March",
    "in",
    "the",
    "from",
    "between",
    "and",
    "to",
    "-",
    "–",
    ",",
    ".",
    "'",
    "mid-",
    "early",
    "last",
    "this",
    "year",
    "ago",
    "two",
    "of",
    "12th",
    "twelfth",
    "February 30",
    "Feb. 29",
    "29",
    "31",
    "2099",
    "1000",
    "9999",
    "ſ",
    "İ",
    "\u00a0",
    "\n",
]

texts = st.text(max_size=200)
date_like_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map(" ".join) | st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
published_dates = st.one_of(st.none(), st.dates(), st.just(dt.date.min), st.just(dt.date.max))


def _assert_well_formed(
    text: str, mentions: list[DateMention], lo: int = 0, hi: int | None = None
) -> None:
    hi = len(text) if hi is None else hi
    previous_end = lo
    for m in mentions:
        assert lo <= m.span.start < m.span.end <= hi
        assert m.span.start >= previous_end, "mentions overlap or are out of order"
        previous_end = m.span.end
        assert not text[m.span.start].isspace() and not text[m.span.end - 1].isspace()
        if m.weekday_span is not None:
            assert m.weekday is not None and 0 <= m.weekday <= 6
            assert lo <= m.weekday_span.start < m.weekday_span.end <= hi
            for other in mentions:
                if other is not m:
                    assert not other.span.overlaps(m.weekday_span)
        if m.value is not None and m.value.has_year:
            assert m.value.first_day() <= m.value.last_day()


@settings(max_examples=300, deadline=None)
@given(texts, published_dates)
def test_arbitrary_text_never_raises(text: str, published: dt.date | None) -> None:
    mentions = find_dates(text, published)
    _assert_well_formed(text, mentions)
    assert find_dates(text, published) == mentions


@settings(max_examples=500, deadline=None)
@given(date_like_texts, published_dates)
def test_date_like_text_is_well_formed(text: str, published: dt.date | None) -> None:
    mentions = find_dates(text, published)
    _assert_well_formed(text, mentions)
    assert find_dates(text, published) == mentions


@settings(max_examples=300, deadline=None)
@given(date_like_texts, st.integers(-5, 300), st.integers(-5, 300))
def test_window_is_respected(text: str, start: int, end: int) -> None:
    mentions = find_dates(text, PUB, start, end)
    lo = max(0, min(start, len(text)))
    hi = max(0, min(end, len(text)))
    if lo >= hi:
        assert mentions == []
    else:
        _assert_well_formed(text, mentions, lo, hi)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(FRAGMENTS[:13]), st.text(max_size=40))
def test_offsets_follow_the_text(prefix: str, fragment: str, suffix: str) -> None:
    """A mention found in a fragment alone is found at the same place inside spaced text."""
    alone = find_dates(fragment, PUB)
    text = f"{prefix} . {fragment} . {suffix}"
    shift = len(prefix) + 3
    inside = {(m.span.start - shift, m.span.end - shift, m.value) for m in find_dates(text, PUB)}
    for m in alone:
        if not m.relative:
            assert (m.span.start, m.span.end, m.value) in inside
