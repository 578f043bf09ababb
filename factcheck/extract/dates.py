"""Date mentions in news copy: a small hand-written grammar of regexes and tables.

``find_dates`` finds the date expressions in a text and gives each one its exact
span and a :class:`~factcheck.values.DateValue` at the precision written:

* calendar dates: ``June 12, 2018``, ``Feb. 27``, ``12 June 2018``, ``the 12th of June``,
  ``the twelfth of September in the year 1494``, ISO ``2019-02-09`` and ``2019-02``;
* day and year ranges: ``Feb. 27-28``, ``June 12-13, 2018``, ``1950-53``,
  ``from 1950 to 1953``, ``between 1950 and 1953``, ``Feb. 27 - March 1``;
* months and years: ``July`` (yearless), ``June 2018``, ``April of 1866``, ``2018``;
* periods: ``the 1990s``, ``the '90s``, ``the forties``, ``early June``, ``mid-2018``;
* relative expressions, resolved against the publication date: ``Saturday``,
  ``yesterday``, ``last week``, ``late this month``, ``the past week``, ``two years ago``.

A weekday written with a date ("on Tuesday, Feb. 27") is recorded on the mention
(``weekday``, ``weekday_span``) so a rule can check that the two agree.

Design: a few flat *anchor* regexes (month names, weekdays, four-digit numbers,
relative keywords) find where an expression may start, one fast pass each; each
form's full regex is then tried only at those offsets, and the words to the left
that belong to the expression ("the", "early", "between", a weekday) are read from
the few characters before it. All quantifiers are bounded, so the cost is linear
in the text. Every match becomes a candidate over the characters it covers; a
candidate that is syntactically a date but cannot exist (``February 30``) is a
*blocker* that claims its characters and yields nothing. The longest candidates
win, then the leftmost.

Readings chosen where the text is ambiguous (precision over recall):

* a bare weekday is the most recent such day on or before the publication date;
* ``the 1900s``/``the 2000s`` (a year ending in ``00``) reads as the wider century;
* ``the forties`` and ``the '40s`` are in the 1900s (``the '00s`` is 2000-2009);
* ``mid-March`` is yearless like ``March`` (not relative); ``mid-month`` is relative;
* ``May`` and ``March`` standing alone need a cue (``in May``, ``early March``);
* ``the next year`` (narrative) and ``his last year`` are not dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Concatenate, ParamSpec

from factcheck.extract.grammar import alternation
from factcheck.values import DateValue, PartialDate, Span

__all__ = ["DateMention", "find_dates"]

_P = ParamSpec("_P")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text, with its value at the precision written."""

    span: Span
    value: DateValue | None
    relative: bool
    weekday: int | None = None
    weekday_span: Span | None = None


# --------------------------------------------------------------------------- tables

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month words that are also everyday words or names: alone they need a cue word before them.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march", "mar"})

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# Abbreviated weekdays are common words ("Sun", "Sat", "Wed"): only accepted before a date.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_UNITS_ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
for _i, _w in enumerate((*_UNITS_ORDINAL, "ninth"), start=1):
    ORDINAL_WORDS[f"twenty-{_w}"] = 20 + _i
ORDINAL_WORDS["thirty-first"] = 31
RELATIVE_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

# Words that open "this week", "last Friday", "next July", "the past month".
RELATIVE_WORDS: tuple[str, ...] = ("this", "last", "next", "past", "coming")

CARDINAL_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

DECADE_WORDS: dict[str, int] = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}

# A four-digit number followed by one of these counts things, it is not a year ("1500 troops").
QUANTITY_WORDS: tuple[str, ...] = (
    "people",
    "persons",
    "residents",
    "votes",
    "voters",
    "troops",
    "soldiers",
    "workers",
    "members",
    "students",
    "cases",
    "units",
    "points",
    "seats",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "metres",
    "m",
    "feet",
    "ft",
    "tons",
    "tonnes",
    "kg",
    "dollars",
    "won",
    "yen",
    "yuan",
    "euros",
    "pounds",
    "percent",
    "per cent",
    "years",
    "hours",
    "minutes",
)

# Words before a bare month or weekday that make it a date ("in May", "since Friday").
CUE_WORDS: tuple[str, ...] = (
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "early",
    "late",
    "last",
    "next",
    "this",
    "during",
    "through",
)

# Capitalised words that may start a sentence before a date word without naming anything.
SENTENCE_STARTERS: tuple[str, ...] = (
    *CUE_WORDS,
    "the",
    "a",
    "an",
    "that",
    "from",
    "before",
    "after",
)

# Words before a four-digit number that make it a count, an amount or a label, not a year.
NOT_YEAR_BEFORE: tuple[str, ...] = (
    "US",
    "USD",
    "KRW",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "Rs",
    "No",
    "Nos",
    "no",
    "nos",
    "Number",
    "number",
    "Room",
    "room",
    "Route",
    "route",
    "Flight",
    "flight",
    "Page",
    "page",
    "p",
    "pp",
    "Article",
    "article",
    "Chapter",
    "chapter",
    "Section",
    "section",
    "Vol",
    "vol",
)
APPROXIMATORS: tuple[str, ...] = (
    "about",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "more than",
    "less than",
    "fewer than",
    "at least",
)

# Verbs after a bare "May"/"March" that show it is a person or a verb ("since May took office").
VERB_AFTER_AMBIGUOUS_MONTH: tuple[str, ...] = (
    "said",
    "says",
    "say",
    "told",
    "took",
    "takes",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "must",
    "met",
    "won",
    "lost",
    "wants",
    "faces",
)

# How far left of a core match the words that belong to the expression are looked for.
_LEFT_WINDOW = 48

# --------------------------------------------------------------------------- regexes


def _cased(words: list[str]) -> list[str]:
    """Return each word in Title case and in UPPER case (lower case is a different word)."""
    return [form for w in words for form in (w.title(), w.upper())]


def _any_case(words: list[str]) -> list[str]:
    """Return each word in lower, Title and UPPER case."""
    return [form for w in words for form in (w.lower(), w.title(), w.upper())]


def _spaced(words: list[str]) -> str:
    """Return an alternation where a hyphen inside a word may also be written as a space."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\-", r"[-\s]") for w in parts)


_S = r"\s{1,5}"  # bounded whitespace: quantifiers stay bounded, so scanning stays linear
_FULL_MONTH = alternation(_cased(list(MONTHS)))
_ABBR_MONTH = alternation(_cased(list(MONTH_ABBREVIATIONS)))
_FULL_WEEKDAY = alternation(_cased(list(WEEKDAYS)))
_APPROXIMATORS = alternation(list(APPROXIMATORS)).replace(r"\ ", _S)
_QUANTITY = alternation(list(QUANTITY_WORDS)).replace(r"\ ", r"\s{1,3}")


def _month(group: str) -> str:
    """Return a regex for one month name (full, or abbreviated with an optional period)."""
    return rf"(?P<{group}>(?:{_FULL_MONTH})(?![A-Za-z])|(?:{_ABBR_MONTH})(?:\.|(?![A-Za-z])))"


def _day(group: str) -> str:
    """Return a regex for a day of the month: ``12``, ``12th``, ``twelfth``, ``twenty-first``."""
    return (
        rf"(?P<{group}>(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
        rf"|(?i:{_spaced(list(ORDINAL_WORDS))})(?![\w-]))"
    )


_YEAR_CORE = r"(?:1[0-9]{3}|20[0-9]{2})"
# What may not follow a year: more digits, decimals, thousands, times, a hyphenated word
# ("1000-strong"), or a quantity word ("2018 people").
_YEAR_TAIL = rf"(?!\w|[.,/:]\d|[-‐–—][^\W_]|\s{{0,3}}(?:%|(?i:{_QUANTITY})(?!\w)))"


def _year(group: str) -> str:
    """Return a regex for a year 1000-2099 that is not part of a quantity."""
    return rf"(?P<{group}>{_YEAR_CORE}){_YEAR_TAIL}"


_DASH = r"[-‐–—]"
_DAY_CONNECTOR = rf"(?:\s{{0,3}}{_DASH}\s{{0,3}}|{_S}(?i:to|through|and){_S})"
_AFTER_MONTH = rf"(?:(?<=\.)\s{{0,5}}|{_S})"
_YEAR_JOIN = rf"(?:,\s{{0,5}}|{_S})"

# "June 12", "Feb. 27-28", "February 27 to 28", "June 12-13, 2018", "May 4 of 1970".
_MONTH_DAY = re.compile(
    rf"(?<!\w){_month('month')}{_AFTER_MONTH}{_day('d1')}"
    rf"(?:{_DAY_CONNECTOR}{_day('d2')})?"
    rf"(?:{_YEAR_JOIN}(?:(?i:of){_S})?{_year('year')})?"
)
# Read leftwards from a month name: the day part of "12 June", "27-28 Feb", "the 15th of April".
_DAY_BEFORE_MONTH = re.compile(
    rf"(?<![\w.,$€£¥₩#]){_day('d1')}"
    rf"(?:(?:\s{{0,3}}{_DASH}\s{{0,3}}|{_S}(?i:to){_S}){_day('d2')})?"
    rf"(?:{_S}(?P<of>(?i:of)){_S}|{_S})$"
)
# The month part of "12 June 2018", "15th of April 1990", "twelfth of September in the year 1494".
_MONTH_AFTER_DAY = re.compile(
    rf"{_month('month')}(?:{_YEAR_JOIN}(?:(?i:in{_S}the{_S}year|of){_S})?{_year('year')})?"
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"})
# "June 2018", "April of 1866", "May, 1964".
_MONTH_YEAR = re.compile(rf"(?<!\w){_month('month')}(?:,?{_S}|{_S}(?i:of){_S}){_year('year')}")
# "July", "Sept." — guarded in code (cue words, names).
_MONTH_ALONE = re.compile(rf"(?<!\w){_month('month')}")
# "2018".
_YEAR_ALONE = re.compile(rf"(?<![\w.,/:$€£¥₩#])(?<!\d[-‐–—]){_year('year')}")
# "1950-53", "1950–1953", "2018-19", and ISO "2019-02".
_YEAR_DASH = re.compile(
    rf"(?<![\w.,/:$€£¥₩#'’])(?<!\d[-‐–—])(?P<y1>{_YEAR_CORE})(?P<dash>\s{{0,2}}{_DASH}\s{{0,2}})"
    r"(?P<y2>[0-9]{4}|[0-9]{2})(?!\w|[-‐–—.,/:]\d)"
)
# ISO "2019-02-09".
_ISO_DATE = re.compile(
    r"(?<![\w.,/:-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?!\d|[-./:]\d)"
)
# "1990s", "'90s", "90s", "forties", "nineteen-forties".
_DECADE = re.compile(
    r"(?<![\w.,$€£¥₩'’‘])(?:(?P<full>(?:1[1-9]|20)[0-9]0)['’]?s"
    r"|['’‘](?P<short>[0-9])0['’]?s"
    r"|(?P<two>[1-9]0)['’]?s"
    rf"|(?P<word>(?i:(?:nineteen[-\s]{{1,3}})?(?:{alternation(list(DECADE_WORDS))}))))(?!\w)"
)
# "today", "yesterday", "tomorrow", "tonight".
_REL_DAY = re.compile(r"(?<!\w)(?P<word>(?i:today|tonight|yesterday|tomorrow))(?!\w)")
# "this week", "last month", "next year", "past week", "this weekend".
_REL_UNIT = re.compile(
    rf"(?<!\w)(?P<which>(?i:this|last|next|past|coming)){_S}"
    r"(?P<unit>(?i:weekend|week|month|year))(?!\w)"
)
# "mid-month".
_MID_MONTH = re.compile(r"(?<!\w)(?i:mid\s{0,3}-?\s{0,3}month)(?!\w)")
# "two years ago", "3 days ago", "a week ago": found from "ago", reading leftwards.
_AGO = re.compile(r"(?<!\w)(?i:ago)(?!\w)")
_LEFT_AGO_AMOUNT = re.compile(
    rf"(?<!\w)(?P<n>[1-9][0-9]?|(?i:{alternation(list(CARDINAL_WORDS))})){_S}"
    rf"(?P<unit>(?i:day|week|month|year))(?i:s)?{_S}$"
)
# "last Friday", "this coming Monday".
_REL_WEEKDAY = re.compile(
    rf"(?<!\w)(?P<which>(?i:this{_S}past|this{_S}coming|last|this|next)){_S}"
    rf"(?P<weekday>{_FULL_WEEKDAY})(?!\w)"
)
# "last July", "this May", "next March".
_REL_MONTH = re.compile(rf"(?<!\w)(?P<which>(?i:last|this|next)){_S}{_month('month')}(?!{_S}\d)")
# "Saturday".
_WEEKDAY_ALONE = re.compile(rf"(?<!\w)(?P<weekday>{_FULL_WEEKDAY})(?!\w)")

# Anchors: flat alternations of literals, which the regex engine skips through by first
# character, so finding where an expression may start costs one fast pass per kind; the
# full pattern of each form is then tried only at those places.
_ANCHORS: dict[str, re.Pattern[str]] = {
    "month": re.compile(alternation(_cased([*MONTHS, *MONTH_ABBREVIATIONS]))),
    "weekday": re.compile(_FULL_WEEKDAY),
    "year": re.compile(r"\d{4}(?!\d)"),
    "decade digits": re.compile(r"(?:\d{4}|\d{2})['’]?s"),
    "apostrophe": re.compile(r"['’‘](?=\d)"),
    "decade": re.compile(alternation(_any_case([*DECADE_WORDS, "nineteen"]))),
    "relative": re.compile(alternation(_any_case([*RELATIVE_DAYS, *RELATIVE_WORDS, "mid"]))),
    "ago": re.compile(alternation(_any_case(["ago"]))),
}
# The anchors that need a digit: a text without one has none of them.
_DIGIT_ANCHORS = ("year", "decade digits", "apostrophe")
_DIGIT = re.compile(r"\d")

# The word just before an offset, read on the reversed window: separator, period, letters.
_REVERSED_WORD = re.compile(r"(?P<sep>[\s,\-‐–—]{0,6})(?P<dot>\.?)(?P<word>[^\W\d_]{1,20})(?!\w)")
_DASHES = frozenset("-‐–—")
# Non-ASCII letters that case-insensitive patterns accept for ASCII ones.
_ASCII_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
_MONTH_FORMS = frozenset(_cased([*MONTHS, *MONTH_ABBREVIATIONS]))
_WEEKDAY_FORMS = frozenset(_cased([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS]))
# Any of those forms, even inside a longer word: a span without one has no date carrying a
# written weekday (`may_carry_weekday`).
_WEEKDAY_FORM = re.compile(alternation(sorted(_WEEKDAY_FORMS)))
_CUE_SET = frozenset(CUE_WORDS)
_STARTER_SET = frozenset(SENTENCE_STARTERS)
_MODIFIERS = frozenset({"early", "mid", "late"})
_RELATIVE_MODIFIERS = frozenset({"early", "mid", "late", "earlier", "later"})
_LIST_WORDS = frozenset({"and", "or", "to", "through", "until", "till"})
_DETERMINERS = frozenset(
    {"his", "her", "its", "their", "my", "our", "your", "a", "an", "that", "whose", "one"}
)
_HABITUAL = frozenset({"every", "each"})
_RANGE_OPENERS = frozenset({"from", "between"})
_THE = frozenset({"the"})
_OF = frozenset({"of"})
_THE_THIS = frozenset({"the", "this"})

# Left context searched in a short window that ends where a core match starts.
_LEFT_NOT_YEAR = re.compile(
    rf"(?:[$€£¥₩#]|(?<!\w)(?:{alternation(list(NOT_YEAR_BEFORE))})\.?"
    rf"|(?<!\w)(?i:{_APPROXIMATORS}))\s{{0,3}}$"
)
_RANGE_CONNECTOR = re.compile(
    rf"(?:\s{{0,5}}{_DASH}\s{{0,5}}|{_S}(?P<word>(?i:to|through|thru|until|till|and)){_S})"
)
_RIGHT_CAPITALISED = re.compile(r"\s{1,3}[A-Z][a-z]")
_RIGHT_OF = re.compile(r"\s{1,5}(?i:of)(?!\w)")
_RIGHT_REL_YEAR = re.compile(rf",?{_S}(?P<which>(?i:this|last|next)){_S}(?i:year)(?!\w)")
_DIGITS = re.compile(r"[0-9]+")
_WORD_SEPARATOR = re.compile(r"[\s-]+")
_RIGHT_AMBIGUOUS_VERB = re.compile(
    rf"\s{{1,5}}(?:[a-z]+ed|{alternation(list(VERB_AFTER_AMBIGUOUS_MONTH))})(?!\w)"
)


# --------------------------------------------------------------------------- values


def _date(year: int | None, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """Return the partial date, or None when the fields cannot form one (``February 30``)."""
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _day_of(d: dt.date) -> PartialDate:
    """Return the day-precision partial date of ``d``."""
    return PartialDate.from_date(d)


def _days(lo: dt.date, hi: dt.date) -> DateValue:
    """Return the period from ``lo`` to ``hi`` at day precision (one day when they are equal)."""
    return DateValue(_day_of(lo), _day_of(hi), False)


def _month_length(year: int | None, month: int) -> int:
    """Return the days in ``month``; a yearless February has 28 so the value fits any year."""
    return calendar.monthrange(year if year is not None else 2001, month)[1]


def _month_value(year: int | None, month: int, mod: str | None) -> DateValue | None:
    """Return a month, or its early (1-10), mid (11-20) or late (21-end) part."""
    if mod is None:
        whole = _date(year, month)
        return DateValue.single(whole) if whole else None
    first, last = {"early": (1, 10), "mid": (11, 20)}.get(mod, (21, _month_length(year, month)))
    lo, hi = _date(year, month, first), _date(year, month, last)
    return DateValue(lo, hi, False) if lo and hi else None


def _year_value(year: int, mod: str | None) -> DateValue | None:
    """Return a year, or its early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) part."""
    if mod is None:
        whole = _date(year)
        return DateValue.single(whole) if whole else None
    first, last = {"early": (1, 4), "mid": (5, 8)}.get(mod, (9, 12))
    lo, hi = _date(year, first), _date(year, last)
    return DateValue(lo, hi, False) if lo and hi else None


def _years_value(first: int, count: int, mod: str | None) -> DateValue | None:
    """Return a decade or century as a period of years, or its early, mid or late part."""
    lo, hi = first, first + count - 1
    if mod == "early":
        hi = first + count * 4 // 10 - 1
    elif mod == "mid":
        lo, hi = first + count * 3 // 10, first + count * 7 // 10
    elif mod == "late":
        lo = first + count * 6 // 10
    a, b = _date(lo), _date(hi)
    return DateValue(a, b, False) if a and b else None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return the (year, month) ``delta`` months after the given one."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _shift_months(d: dt.date, delta: int) -> dt.date:
    """Return the same day ``delta`` months away, clamped to the end of a shorter month."""
    year, month = _add_months(d.year, d.month, delta)
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True, slots=True)
class _Word:
    """A word just before some offset: where it starts, its letters, and what follows it."""

    start: int
    word: str  # the letters as written, without a trailing period
    dot: bool  # an abbreviation's period follows the letters
    sep: str  # whitespace, commas or dashes between the word and the offset

    @property
    def key(self) -> str:
        """Return the word in lower case, for table look-ups."""
        return self.word.lower()

    @property
    def spaced(self) -> bool:
        """Tell whether only whitespace (at least one character) separates the word."""
        return not self.dot and self.sep != "" and self.sep.isspace()

    @property
    def hyphened(self) -> bool:
        """Tell whether the word is joined by a hyphen or whitespace ("mid-March", "mid March")."""
        return not self.dot and (self.spaced or self.sep.strip() in _DASHES)


@dataclass(slots=True)
class _Candidate:
    """A possible mention over ``start..end`` (its span plus any attached weekday)."""

    start: int
    end: int
    mention: DateMention | None  # None: a blocker, a date shape that cannot exist
    combinable: bool = False  # an absolute single date that may end a "X to Y" range
    day_precise: bool = False  # a date with a day, which a weekday may introduce


class _Finder:
    """Runs every form's regex over ``text[start:end]`` and collects candidates."""

    def __init__(self, text: str, published: dt.date | None, start: int, end: int) -> None:
        self.text = text
        self.published = published
        self.start = start
        self.end = end
        self.candidates: list[_Candidate] = []
        self._anchor_cache: dict[str, list[int]] = {}
        self._words: dict[int, _Word | None] = {}

    # -- helpers ------------------------------------------------------------

    def _left(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """Return ``pattern``'s match that ends exactly at ``pos`` within a short window."""
        return pattern.search(self.text, max(self.start, pos - _LEFT_WINDOW), pos)

    def _right(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """Return ``pattern``'s match that starts at ``pos``."""
        return pattern.match(self.text, pos, self.end)

    def _add(
        self,
        start: int,
        end: int,
        value: DateValue | None,
        *,
        relative: bool = False,
        weekday: int | None = None,
        weekday_span: Span | None = None,
        combinable: bool = False,
        day_precise: bool = False,
    ) -> None:
        """Record a candidate mention; an absolute form with no value becomes a blocker."""
        if value is None and not relative:
            self.candidates.append(_Candidate(start, end, None))
            return
        mention = DateMention(Span(start, end), value, relative, weekday, weekday_span)
        self.candidates.append(_Candidate(start, end, mention, combinable, day_precise))

    def _block(self, start: int, end: int) -> None:
        """Record characters that look like a date but are none, so no shorter form claims them."""
        self.candidates.append(_Candidate(start, end, None))

    def _word_before(self, pos: int) -> _Word | None:
        """Return the word just before ``pos`` (read once per offset, on the reversed text)."""
        if pos in self._words:
            return self._words[pos]
        lo = max(self.start, pos - _LEFT_WINDOW)
        m = _REVERSED_WORD.match(self.text[lo:pos][::-1])
        word: _Word | None = None
        if m is not None:
            sep, dot, letters = m.group("sep"), m.group("dot"), m.group("word")
            start = pos - len(sep) - len(dot) - len(letters)
            if start > lo or start == 0 or not self.text[start - 1].isalnum():
                word = _Word(start, letters[::-1], dot != "", sep[::-1])
        self._words[pos] = word
        return word

    def _word_in(self, pos: int, words: frozenset[str]) -> _Word | None:
        """Return the word before ``pos`` when it is one of ``words`` and a space apart."""
        w = self._word_before(pos)
        return w if w is not None and w.spaced and w.key in words else None

    def _cued(self, pos: int) -> bool:
        """Tell whether a cue word ("in", "since", "mid-") or a month list leads up to ``pos``."""
        w = self._word_before(pos)
        if w is None:
            return False
        if (w.spaced and w.key in _CUE_SET) or (w.key == "mid" and w.hyphened):
            return True
        if w.sep.strip() in _DASHES and w.word in _MONTH_FORMS:
            return True  # "June-July"
        if not (w.spaced and w.key in _LIST_WORDS):
            return False
        first = self._word_before(w.start)  # "March and May", "Jan., Feb. or March"
        return first is not None and first.sep.strip() in ("", ",") and first.word in _MONTH_FORMS

    def _named(self, pos: int) -> bool:
        """Tell whether a capitalised word that is not a sentence opener comes just before."""
        w = self._word_before(pos)
        return (
            w is not None
            and w.spaced
            and w.word[0].isupper()
            and w.key not in _STARTER_SET
            and (w.start == 0 or self.text[w.start - 1] != ".")
        )

    def _modifier(self, pos: int, words: frozenset[str] = _MODIFIERS) -> tuple[int, str | None]:
        """Return where an early/mid/late word before ``pos`` starts, and the word."""
        w = self._word_before(pos)
        if w is None or not w.hyphened or w.key not in words:
            return pos, None
        if w.start > 0 and self.text[w.start - 1] in _DASHES:
            return pos, None
        return w.start, w.key

    def _the_modifier(self, pos: int) -> tuple[int, str | None, bool]:
        """Return where "the early" before ``pos`` starts, its modifier, and if "the" is there."""
        start, mod = self._modifier(pos)
        the = self._word_in(start, _THE)
        return (the.start if the else start), mod, the is not None

    def _range_start(self, pos: int) -> int:
        """Return where a range starting at ``pos`` begins, taking in "from" or "between"."""
        lead = self._word_in(pos, _RANGE_OPENERS)
        return lead.start if lead is not None else pos

    def _weekday_before(self, pos: int) -> tuple[int, _Word] | None:
        """Return the weekday written just before a date ("Tuesday, Feb. 27"), if any."""
        w = self._word_before(pos)
        if (
            w is None
            or w.sep == ""
            or w.sep.strip() not in ("", ",")
            or w.word not in _WEEKDAY_FORMS
        ):
            return None
        weekday = WEEKDAYS.get(w.key)
        if weekday is None:
            weekday = WEEKDAY_ABBREVIATIONS[w.key]
        elif w.dot:
            return None  # "on Tuesday. Feb. 27 is ..." ends a sentence
        return weekday, w

    def _relative(
        self,
        resolve: Callable[Concatenate[dt.date, _P], DateValue | None],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> DateValue | None:
        """Resolve a relative expression against the publication date (None when unknown)."""
        if self.published is None:
            return None
        try:
            return resolve(self.published, *args, **kwargs)
        except (OverflowError, ValueError):
            return None  # a publication date at the very edge of the calendar

    def _anchors(self, kind: str) -> list[int]:
        """Return the offsets where an anchor of ``kind`` starts (computed once per kind)."""
        found = self._anchor_cache.get(kind)
        if found is None:
            found = [m.start() for m in _ANCHORS[kind].finditer(self.text, self.start, self.end)]
            self._anchor_cache[kind] = found
        return found

    def _has_anchor(self) -> bool:
        """Tell whether any form can start in the span: every form starts at an anchor."""
        if _DIGIT.search(self.text, self.start, self.end) is None:
            for kind in _DIGIT_ANCHORS:
                self._anchor_cache[kind] = []
        return any(self._anchors(kind) for kind in _ANCHORS)

    def _matches(self, pattern: re.Pattern[str], *kinds: str) -> Iterator[re.Match[str]]:
        """Yield ``pattern``'s matches that start at an anchor of one of ``kinds``."""
        text, end = self.text, self.end
        for kind in kinds:
            for pos in self._anchors(kind):
                m = pattern.match(text, pos, end)
                if m is not None:
                    yield m

    # -- absolute forms -----------------------------------------------------

    def month_day(self) -> None:
        """Collect "June 12", "Feb. 27-28", "June 12-13, 2018", "Jan. 22nd, 1917"."""
        for m in self._matches(_MONTH_DAY, "month"):
            month = _month_number(m.group("month"))
            d1 = _day_number(m.group("d1"))
            year = int(m.group("year")) if m.group("year") else None
            d2_text = m.group("d2")
            if d2_text is None:
                lo = _date(year, month, d1)
                value = DateValue.single(lo) if lo else None
                self._add(m.start(), m.end(), value, combinable=True, day_precise=True)
                continue
            d2 = _day_number(d2_text)
            lo, hi = _date(year, month, d1), _date(year, month, d2)
            if lo is None or hi is None or d2 <= d1:
                self._block(m.start(), m.end())
                continue
            start = self._range_start(m.start())
            self._add(start, m.end(), DateValue(lo, hi, True), day_precise=True)

    def day_month(self) -> None:
        """Collect "12 June 2018", "the 15th of April", "the twelfth of September in 1494"."""
        for m in self._matches(_MONTH_AFTER_DAY, "month"):
            head = self._day_before_month(m.start())
            if head is None:
                continue
            d1_text = head.group("d1")
            if d1_text[0].isalpha() and head.group("of") is None:
                continue  # "twelfth September": only with "of"
            month = _month_number(m.group("month"))
            year = int(m.group("year")) if m.group("year") else None
            start = head.start()
            the = self._word_in(start, _THE)
            if the is not None:
                start = the.start
            d1 = _day_number(d1_text)
            lo = _date(year, month, d1)
            if head.group("d2") is None:
                value = DateValue.single(lo) if lo else None
                self._add(start, m.end(), value, combinable=True, day_precise=True)
                continue
            d2 = _day_number(head.group("d2"))
            hi = _date(year, month, d2)
            if lo is None or hi is None or d2 <= d1:
                self._block(start, m.end())
                continue
            start = self._range_start(start)
            self._add(start, m.end(), DateValue(lo, hi, True), day_precise=True)

    def _day_before_month(self, pos: int) -> re.Match[str] | None:
        """Return the day written before the month name at ``pos`` ("12 June", "the 12th of")."""
        text = self.text
        j = pos
        while j > max(self.start, pos - 5) and text[j - 1].isspace():
            j -= 1
        if j == pos or j <= self.start:
            return None
        # Cheap test first: a digit, an ordinal suffix after a digit, or "of" must come before.
        if not (
            text[j - 1].isdigit()
            or (j - 3 >= 0 and text[j - 3].isdigit() and text[j - 2 : j] in _ORDINAL_SUFFIXES)
            or self._word_in(pos, _OF) is not None
        ):
            return None
        return self._left(_DAY_BEFORE_MONTH, pos)

    def month_year(self) -> None:
        """Collect "June 2018", "April of 1866", "early June 2018"."""
        for m in self._matches(_MONTH_YEAR, "month"):
            start, mod = self._modifier(m.start())
            month = _month_number(m.group("month"))
            value = _month_value(int(m.group("year")), month, mod)
            self._add(start, m.end(), value, combinable=True)

    def month_alone(self) -> None:
        """Collect a month with no day or year ("in July"), guarding month words that are words."""
        for m in self._matches(_MONTH_ALONE, "month"):
            word = m.group("month")
            key = word.rstrip(".").lower()
            s, e = m.start(), m.end()
            start, mod = self._modifier(s)
            cued = mod is not None or self._cued(s)
            if key in AMBIGUOUS_MONTHS:
                if not cued or self._right(_RIGHT_AMBIGUOUS_VERB, e) is not None:
                    continue
            elif key in MONTH_ABBREVIATIONS or word.isupper():
                if not cued:
                    continue
            elif not cued and (self._right(_RIGHT_CAPITALISED, e) is not None or self._named(s)):
                continue  # "June Carter", "Princess June"
            value = _month_value(None, _month_number(word), mod)
            self._add(start, e, value, combinable=True)

    def year_alone(self) -> None:
        """Collect a year ("2018", "mid-2018"), not an amount or a label ("$2018", "No. 2018")."""
        for m in self._matches(_YEAR_ALONE, "year"):
            s = m.start()
            if self._left(_LEFT_NOT_YEAR, s) is not None:
                continue
            start, mod = self._modifier(s)
            self._add(start, m.end(), _year_value(int(m.group("year")), mod), combinable=True)

    def year_dash(self) -> None:
        """Collect "1950-53", "1950–1953" and ISO months "2019-02" (a season reading wins)."""
        for m in self._matches(_YEAR_DASH, "year"):
            if self._left(_LEFT_NOT_YEAR, m.start()) is not None:
                continue
            y1 = int(m.group("y1"))
            y2_text = m.group("y2")
            tight = m.group("dash") == "-"
            if len(y2_text) == 4:
                y2 = int(y2_text)
                ok = 1000 <= y2 <= 2099 and y2 > y1
            else:
                y2 = y1 - y1 % 100 + int(y2_text)
                if y2 <= y1 and y1 % 100 >= 90:
                    y2 += 100  # "1999-00", "1998-2002" written short
                ok = y2 > y1
            if ok:
                lo, hi = _date(y1), _date(y2)
                value = DateValue(lo, hi, True) if lo and hi else None
                self._add(m.start(), m.end(), value)
            elif tight and len(y2_text) == 2 and 1 <= int(y2_text) <= 12:
                self._add(m.start(), m.end(), _month_value(y1, int(y2_text), None))
            else:
                self._block(m.start(), m.end())

    def iso_date(self) -> None:
        """Collect ISO dates "2019-02-09"; impossible ones block ("2019-02-30")."""
        for m in self._matches(_ISO_DATE, "year"):
            d = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            value = DateValue.single(d) if d else None
            self._add(m.start(), m.end(), value, combinable=True, day_precise=True)

    def decade(self) -> None:
        """Collect decades ("the 1990s", "the '90s", "the forties") and centuries ("the 1800s")."""
        for m in self._matches(_DECADE, "decade digits", "apostrophe", "decade"):
            start, mod, has_the = self._the_modifier(m.start())
            if not has_the and (m.group("two") is not None or m.group("word") is not None):
                continue  # "in his forties", "in their 90s": ages, not decades
            if self._right(_RIGHT_OF, m.end()) is not None and m.group("full"):
                continue  # "1000s of people"
            if m.group("full"):
                first = int(m.group("full"))
                count = 100 if first % 100 == 0 else 10
            elif m.group("short") is not None:
                digit = int(m.group("short"))
                first, count = (2000 if digit == 0 else 1900 + digit * 10), 10
            elif m.group("two") is not None:
                first, count = 1900 + int(m.group("two")), 10
            else:
                key = _fold(m.group("word")).split()[-1].split("-")[-1]
                first, count = 1900 + DECADE_WORDS[key], 10
            self._add(start, m.end(), _years_value(first, count, mod))

    # -- relative forms -----------------------------------------------------

    def relative_day(self) -> None:
        """Collect "today", "tonight", "yesterday", "tomorrow"."""
        for m in self._matches(_REL_DAY, "relative"):
            word = m.group("word")
            s = m.start()
            if word[0].isupper() and self._named(s) and not self._cued(s):
                continue  # "USA Today"
            offset = RELATIVE_DAYS[_fold(word)]
            value = self._relative(_day_after, offset)
            self._add(s, m.end(), value, relative=True)

    def relative_unit(self) -> None:
        """Collect "this week", "late this month", "next year", "the past week", "last weekend"."""
        for m in self._matches(_REL_UNIT, "relative"):
            which = _fold(m.group("which"))
            unit = _fold(m.group("unit"))
            start = m.start()
            lead = self._word_in(start, _THE_THIS)
            rolling = which in ("past", "coming")
            if lead is not None and which != "this":
                lead_word = lead.key
                if which == "next" and lead_word == "the":
                    continue  # "the next year": relative to the story, not to the paper
                if which == "last" and self._right(_RIGHT_OF, m.end()) is not None:
                    continue  # "the last week of February"
                if which != "next":
                    rolling = True  # "the last week", "the past month", "this past week"
                    start = lead.start
            elif which in ("last", "next") and self._word_in(start, _DETERMINERS):
                continue  # "his last year in office"
            mod: str | None = None
            if not rolling and unit != "weekend":
                mod_start, word = self._modifier(start, _RELATIVE_MODIFIERS)
                if word is not None and (word not in ("earlier", "later") or which == "this"):
                    mod, start = word, mod_start
            if rolling:
                back = which in ("past", "last")
                value = self._relative(_rolling, unit, backwards=back)
            else:
                value = self._relative(_calendar_unit, unit, which, mod)
            self._add(start, m.end(), value, relative=True)

    def mid_month(self) -> None:
        """Collect "mid-month": days 11-20 of the publication month."""
        for m in self._matches(_MID_MONTH, "relative"):
            value = self._relative(_mid_month)
            self._add(m.start(), m.end(), value, relative=True)

    def ago(self) -> None:
        """Collect "two years ago", "3 days ago", "a week ago"."""
        for m in self._matches(_AGO, "ago"):
            amount = self._left(_LEFT_AGO_AMOUNT, m.start())
            if amount is None:
                continue
            n_text = amount.group("n")
            n = int(n_text) if n_text.isdigit() else CARDINAL_WORDS[_fold(n_text)]
            unit = _fold(amount.group("unit"))
            value = self._relative(_ago, n, unit)
            self._add(amount.start(), m.end(), value, relative=True)

    def relative_weekday(self) -> None:
        """Collect "last Friday", "this Monday", "next Tuesday", "this coming Sunday"."""
        for m in self._matches(_REL_WEEKDAY, "relative"):
            if self._word_in(m.start(), _DETERMINERS):
                continue
            which = " ".join(_fold(m.group("which")).split())
            weekday = WEEKDAYS[m.group("weekday").lower()]
            value = self._relative(_weekday, weekday, which)
            wd_span = Span(m.start("weekday"), m.end("weekday"))
            self._add(
                m.start(), m.end(), value, relative=True, weekday=weekday, weekday_span=wd_span
            )

    def relative_month(self) -> None:
        """Collect "last July", "this May", "next March"."""
        for m in self._matches(_REL_MONTH, "relative"):
            if self._word_in(m.start(), _DETERMINERS):
                continue
            which = _fold(m.group("which"))
            month = _month_number(m.group("month"))
            value = self._relative(_named_month, month, which)
            self._add(m.start(), m.end(), value, relative=True)

    def weekday_alone(self) -> None:
        """Collect a bare weekday ("on Friday"): the most recent such day up to publication."""
        for m in self._matches(_WEEKDAY_ALONE, "weekday"):
            s, e = m.start(), m.end()
            if self._word_in(s, _HABITUAL):
                continue  # "every Friday": a habit, not a date
            if not self._cued(s) and (
                self._named(s)  # "Good Friday", "Super Tuesday"
                or self._right(_RIGHT_CAPITALISED, e) is not None  # "Sunday Times"
            ):
                continue
            weekday = WEEKDAYS[m.group("weekday").lower()]
            value = self._relative(_weekday, weekday, "")
            self._add(s, e, value, relative=True, weekday=weekday, weekday_span=Span(s, e))

    def context_years(self) -> None:
        """Place a yearless date by a following "last year" ("in July last year")."""
        for c in list(self.candidates):
            mention = c.mention
            if mention is None or mention.relative or mention.value is None:
                continue
            value = mention.value
            if value.lo.year is not None or value.hi.year is not None:
                continue
            m = self._right(_RIGHT_REL_YEAR, c.end)
            if m is None:
                continue
            step = {"last": -1, "next": 1}.get(_fold(m.group("which")), 0)
            placed = self._relative(_place, value, step)
            self._add(c.start, m.end(), placed, relative=True, day_precise=c.day_precise)

    # -- compound forms -----------------------------------------------------

    def ranges(self) -> None:
        """Join two absolute dates into a range: "Feb. 27 - March 1", "from 1950 to 1953"."""
        by_start: dict[int, list[_Candidate]] = {}
        ends: list[_Candidate] = []
        for c in self.candidates:
            if c.combinable and c.mention is not None:
                by_start.setdefault(c.start, []).append(c)
                ends.append(c)
        for a in ends:
            conn = self._right(_RANGE_CONNECTOR, a.end)
            if conn is None or conn.end() not in by_start:
                continue
            lead = self._word_in(a.start, _RANGE_OPENERS)
            lead_word = lead.key if lead else None
            word = _fold(conn.group("word") or "")
            if (word == "and") != (lead_word == "between"):
                continue
            for b in by_start[conn.end()]:
                assert a.mention is not None and b.mention is not None
                assert a.mention.value is not None and b.mention.value is not None
                value = _join(a.mention.value, b.mention.value)
                if value is not None:
                    start = lead.start if lead else a.start
                    self._add(start, b.end, value)

    def weekdays(self) -> None:
        """Attach a weekday written before a date ("Tuesday, Feb. 27") to that date."""
        for c in list(self.candidates):
            if not c.day_precise or c.mention is None:
                continue
            found = self._weekday_before(c.start)
            if found is None:
                continue
            weekday, w = found
            wd_span = Span(w.start, w.start + len(w.word) + w.dot)
            mention = DateMention(
                c.mention.span, c.mention.value, c.mention.relative, weekday, wd_span
            )
            self.candidates.append(_Candidate(w.start, c.end, mention))

    def run(self) -> list[DateMention]:
        """Collect every form, then keep the longest non-overlapping candidates."""
        if not self._has_anchor():
            return []
        for collect in (
            self.month_day,
            self.day_month,
            self.month_year,
            self.month_alone,
            self.year_alone,
            self.year_dash,
            self.iso_date,
            self.decade,
            self.relative_day,
            self.relative_unit,
            self.mid_month,
            self.ago,
            self.relative_weekday,
            self.relative_month,
            self.weekday_alone,
        ):
            collect()
        self.ranges()
        self.context_years()
        self.weekdays()
        return _resolve(self.candidates, self.start, self.end)


def _fold(word: str) -> str:
    """Return a word in lower case for table look-ups (case-blind matching lets "ſ" be "s")."""
    return word.translate(_ASCII_FOLD).lower()


def _month_number(word: str) -> int:
    """Return the month number of a month name or abbreviation (with or without its period)."""
    key = word.rstrip(".").lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _day_number(word: str) -> int:
    """Return the day written as ``12``, ``12th``, ``twelfth`` or ``twenty first``."""
    digits = _DIGITS.match(word)
    if digits is not None:
        return int(digits.group())
    return ORDINAL_WORDS[_WORD_SEPARATOR.sub("-", _fold(word))]


def _one_day(d: dt.date) -> DateValue:
    """Return the value for the single day ``d``."""
    return _days(d, d)


def _day_after(p: dt.date, days: int) -> DateValue:
    """Return the single day ``days`` after ``p`` (before it when negative)."""
    return _one_day(p + dt.timedelta(days=days))


def _mid_month(p: dt.date) -> DateValue | None:
    """Return days 11-20 of ``p``'s month."""
    return _month_value(p.year, p.month, "mid")


def _weekday(p: dt.date, weekday: int, which: str) -> DateValue:
    """Return the day a weekday names, relative to ``p`` (see :func:`_weekday_date`)."""
    return _one_day(_weekday_date(p, weekday, which))


def _place(p: dt.date, value: DateValue, step: int) -> DateValue:
    """Place a yearless value in ``p``'s year moved by ``step`` ("July last year")."""
    return value.with_year(p.year + step)


def _weekday_date(p: dt.date, weekday: int, which: str) -> dt.date:
    """Return the day a weekday names: the latest on or before ``p`` unless "last"/"next"/"this"."""
    if which in ("last", "this past"):
        return p - dt.timedelta(days=(p.weekday() - weekday) % 7 or 7)
    if which in ("next", "this coming"):
        return p + dt.timedelta(days=(weekday - p.weekday()) % 7 or 7)
    if which == "this":
        return p + dt.timedelta(days=weekday - p.weekday())
    return p - dt.timedelta(days=(p.weekday() - weekday) % 7)


def _named_month(p: dt.date, month: int, which: str) -> DateValue | None:
    """Resolve "last July" (the latest July before ``p``'s month), "this July", "next July"."""
    year = p.year
    if which == "last" and month >= p.month:
        year -= 1
    elif which == "next" and month <= p.month:
        year += 1
    return _month_value(year, month, None)


def _ago(p: dt.date, n: int, unit: str) -> DateValue | None:
    """Resolve "N days/weeks/months/years ago" at the precision of the unit."""
    if unit == "day":
        return _one_day(p - dt.timedelta(days=n))
    if unit == "week":
        d = p - dt.timedelta(days=7 * n)
        monday = d - dt.timedelta(days=d.weekday())
        return _days(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        year, month = _add_months(p.year, p.month, -n)
        return _month_value(year, month, None)
    return _year_value(p.year - n, None)


def _calendar_unit(p: dt.date, unit: str, which: str, mod: str | None) -> DateValue | None:
    """Resolve "this/last/next week|weekend|month|year" (optionally early/late...) against ``p``."""
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit in ("week", "weekend"):
        if unit == "weekend" and which == "coming":
            step = 0 if p.weekday() < 5 else 1
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(days=7 * step)
        sunday = monday + dt.timedelta(days=6)
        if unit == "weekend":
            return _days(monday + dt.timedelta(days=5), sunday)
        first, last = {
            "early": (0, 2),
            "mid": (1, 3),
            "late": (3, 6),
            "earlier": (0, p.weekday()),
            "later": (p.weekday(), 6),
        }.get(mod or "", (0, 6))
        return _days(monday + dt.timedelta(days=first), monday + dt.timedelta(days=last))
    if unit == "month":
        year, month = _add_months(p.year, p.month, step)
        if mod == "earlier":
            return _days(dt.date(year, month, 1), p)
        if mod == "later":
            return _days(p, dt.date(year, month, _month_length(year, month)))
        return _month_value(year, month, mod)
    if mod == "earlier":
        return _days(dt.date(p.year, 1, 1), p)
    if mod == "later":
        return _days(p, dt.date(p.year, 12, 31))
    return _year_value(p.year + step, mod)


def _rolling(p: dt.date, unit: str, *, backwards: bool) -> DateValue | None:
    """Resolve "the past week/month/year" (ending at ``p``) or "the coming week" (from ``p``)."""
    sign = -1 if backwards else 1
    if unit in ("week", "weekend"):
        other = p + dt.timedelta(days=7 * sign)
    elif unit == "month":
        other = _shift_months(p, sign)
    else:
        other = _shift_months(p, 12 * sign)
    return _days(other, p) if backwards else _days(p, other)


def _join(a: DateValue, b: DateValue) -> DateValue | None:
    """Return the range from ``a`` to ``b``, lending a year to the end that lacks one."""
    lo, hi = a.lo, b.hi
    if (lo.year is None or hi.year is None) and (lo.month is None or hi.month is None):
        return None
    try:
        if lo.year is None and hi.year is not None:
            lo = lo.with_year(hi.year)
            if lo.first_day() > hi.last_day():
                lo = lo.with_year(hi.year - 1)
        elif hi.year is None and lo.year is not None:
            hi = hi.with_year(lo.year)
            if hi.last_day() < lo.first_day():
                hi = hi.with_year(lo.year + 1)
    except ValueError:
        return None  # February 29 lent a year that has none
    if lo.year is not None and hi.year is not None:
        if lo.first_day() >= hi.first_day():
            return None
    else:
        assert lo.month is not None and hi.month is not None
        if (lo.month, lo.day or 0) == (hi.month, hi.day or 0):
            return None
    return DateValue(lo, hi, True)


def _resolve(candidates: list[_Candidate], start: int, end: int) -> list[DateMention]:
    """Keep the longest candidates that do not overlap (then the leftmost, then the first)."""
    order = sorted(
        range(len(candidates)),
        key=lambda i: (candidates[i].start - candidates[i].end, candidates[i].start, i),
    )
    taken = bytearray(end - start)
    kept: list[DateMention] = []
    for i in order:
        c = candidates[i]
        s, e = c.start - start, c.end - start
        if s < 0 or e > len(taken) or e <= s or taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        if c.mention is not None:
            kept.append(c.mention)
    kept.sort(key=lambda mention: mention.span.start)
    return kept


def may_carry_weekday(text: str, start: int, end: int) -> bool:
    """Tell whether a date in ``text[start:end]`` could carry a weekday written before it.

    False only when no word there is a weekday, so `find_dates` would attach none.
    """
    return _WEEKDAY_FORM.search(text, start, end) is not None


def find_dates(
    text: str,
    published: dt.date | None = None,
    start: int = 0,
    end: int | None = None,
) -> list[DateMention]:
    """Find the date expressions in ``text[start:end]``, sorted and non-overlapping.

    Spans are offsets into ``text``. Relative expressions are resolved against
    ``published``; without it their value is None. Never raises on odd input.
    """
    n = len(text)
    stop = n if end is None else max(0, min(end, n))
    begin = max(0, min(start, stop))
    if begin >= stop:
        return []
    return _Finder(text, published, begin, stop).run()
