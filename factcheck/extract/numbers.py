"""Finds stated numbers in news copy, with the range of true values each one is consistent with.

A number is compared at the precision written (SPEC 4): "17.4 million" agrees
with anything that rounds to it, "about 3,000" with anything near it, "more
than 72 per cent" with anything above 72. Each mention therefore carries the
interval ``[lo, hi]`` its words allow, the qualifier that produced it (so the
checker can swap in a fact's own tolerance for "about") and the unit it is
stated in, which decides which fact it can be compared with (SPEC 8).

The grammar is our own (see LIBRARIES.md: no number-word library gives spans):
digits with thousands separators and decimals, number words up to the
hundreds, "dozen", scale words ("million", "bn"), a qualifier or currency sign
before, a unit noun or "-day"/"-year-old" compound after, and two-ended ranges.
Numbers that belong to other extractors are left alone: ordinals, dates,
times, years standing alone, labels ("No. 2") and version strings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from factcheck.extract.grammar import MONTH_NAME, alternation
from factcheck.values import Span

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "zero": 0, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SMALL = _ONES | _TEENS | _TENS

_SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12,
}  # fmt: skip

_QUALIFIERS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "close to": "about",
    "nearly": "nearly", "almost": "nearly",
    "more than": "more than", "over": "more than", "above": "more than",
    "just over": "more than", "upwards of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "just under": "less than",
    "up to": "at most", "at most": "at most", "no more than": "at most",
    "as many as": "at most", "as much as": "at most",
}  # fmt: skip

_CURRENCY_SIGNS = {"$": "usd", "us$": "usd", "€": "euro", "£": "pound", "¥": "yen", "₩": "won"}

# Canonical unit -> the ways copy (or a reference set) writes it. Nouns that form
# their plural with a plain "s" are listed once, in _REGULAR_UNITS.
_UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "per cent", "percent", "pct"),
    "percentage point": ("percentage point", "percentage points"),
    "people": ("people", "person", "persons"),
    "age": ("years old", "year old", "year-old", "years-old"),
    "foot": ("foot", "feet", "ft"),
    "metre": ("metre", "metres", "meter", "meters"),
    "kilometre": ("km", "kilometre", "kilometres", "kilometer", "kilometers"),
    "kilogram": ("kg", "kilogram", "kilograms"),
    "child": ("child", "children"),
    "man": ("man", "men"),
    "woman": ("woman", "women"),
    "casualty": ("casualty", "casualties"),
    "country": ("country", "countries"),
    "usd": ("dollar", "dollars", "usd"),
    "won": ("won", "krw"),
    "yen": ("yen", "jpy"),
    "yuan": ("yuan", "cny", "rmb"),
    "euro": ("euro", "euros", "eur"),
    "pound": ("pound", "pounds", "gbp"),
}
_REGULAR_UNITS = (
    "vote", "voter", "troop", "soldier", "death", "mile", "ton", "tonne", "year", "month",
    "week", "day", "hour", "minute", "seat", "member", "delegate", "missile", "warhead",
    "nation", "resident", "worker", "victim", "refugee",
)  # fmt: skip
for _noun in _REGULAR_UNITS:
    _UNIT_FORMS[_noun] = (_noun, _noun + "s")
_CANONICAL_UNIT = {form: unit for unit, forms in _UNIT_FORMS.items() for form in forms}
_CANONICAL_UNIT.update(_CURRENCY_SIGNS)
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute"})


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, longest first, any whitespace between words."""
    return alternation(words).replace(r"\ ", r"\s+")


_WORD = (
    rf"(?:(?:{_alternation(_TENS)})(?:[-\s](?:{_alternation(_ONES)})\b)?"
    rf"|{_alternation(_TEENS)}|{_alternation(_ONES)})"
)
_SCALE_WORDS = "thousand|million|billion|trillion"
# One number: digits or words, then "dozen" and a scale. No look-behind here, so the same
# body serves as the second end of a range ("40-50", where "50" follows a hyphen). Digit
# runs are bounded: a longer run is an identifier, not a quantity.
_NUMBER_BODY = rf"""
    (?:
        (?P<digits>(?:[0-9]{{1,3}}(?:,[0-9]{{3}}){{1,5}}|[0-9]{{1,15}})(?:\.[0-9]{{1,9}})?)
      | (?P<words>(?:a|{_WORD})\s+hundred(?:\s+(?:and\s+)?{_WORD})?\b|{_WORD}\b)
      | (?P<half>half\s+a)(?=\s+(?:dozen|{_SCALE_WORDS})\b)
      | (?P<a>a)(?=\s+(?:dozen|{_SCALE_WORDS})\b)
    )
    (?P<dozen>\s+dozen\b)?
    (?:\s+(?P<scale>{_SCALE_WORDS})\b|\s?(?P<abbr>bn|mln|mn|tn)\b|(?<=[0-9])(?P<short>[mk])\b)?
    (?![.,:/][0-9]|\w)
"""
_FLAGS = re.IGNORECASE | re.VERBOSE
# Not inside a word, a decimal, a time or a date, nor after a hyphenated word ("COVID-19").
# The look-ahead on the first letter is only for speed: it spares most positions the
# whole alternation of number words.
_SEED = re.compile(r"(?=[0-9aefhnostz])(?<![\w.,:/])(?<!\w[-–])" + _NUMBER_BODY, _FLAGS)
_BODY = re.compile(_NUMBER_BODY, _FLAGS)

_RANGE_TAIL = re.compile(
    r"(?:\s*(?P<dash>[-–])\s*|\s+(?P<word>to|and)\s+)(?P<currency>US\$|\$|[€£¥₩])?", _FLAGS
)
_WORD_UNIT_FORMS = [f for f in _CANONICAL_UNIT if re.fullmatch(r"[a-z]+(?: [a-z]+)*", f)]
_UNIT_TAIL = re.compile(
    rf"""
      \s*(?P<percent>%)
    | \s+(?P<noun>{_alternation(_WORD_UNIT_FORMS)})\b
    | -(?P<compound>{_alternation([*_WORD_UNIT_FORMS, "year-old", "years-old"])})\b
    """,
    _FLAGS,
)
# What may stand just before a number. Month names and labels are matched case-sensitively
# ("may" and "march" are verbs; "no" is not "No. 2"); they mean the number is no quantity.
_BEFORE = re.compile(
    rf"""
    (?:
        (?-i:\b(?P<month>{MONTH_NAME})\.?\s+)
      | (?-i:\b(?P<label>No|Nos|Article|Resolution|Section|Chapter|Flight|Route|Phase|Room)
            \.?\s*)
      | (?:\b(?P<lead>between|from|aged|{_alternation(_QUALIFIERS)})\s+)?
        (?P<currency>US\$|(?<![A-Za-z])\$|[€£¥₩])?
    )\Z
    """,
    _FLAGS,
)
_AFTER_REJECT = re.compile(
    rf"""
      \s+{MONTH_NAME}\b                     # "12 June": a day of the month
    | \s*(?:[ap]\.m\.|[ap]m\b|o'clock)  # "3 p.m.": a time
    | [-–/][0-9]                        # "10-12-2019": a date
    | [-–][^\W\d_]                      # "two-thirds", "3-D", "twenty-first"
    """,
    re.VERBOSE,
)
_WORD_SPLIT = re.compile(r"[\s-]+")

_LOOKBACK = 30  # longest qualifier or month name plus currency sign, with room for spacing


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number stated in the text, with the interval of true values it is consistent with.

    ``lo``/``hi`` already include the written precision and the qualifier;
    ``math.inf`` stands for an open end. Whether an end is itself excluded
    ("more than 72" excludes 72) is told by ``qualifier``; use ``admits``.
    A range ("between 40 and 50") has ``is_range`` set and ``value`` at its
    midpoint. ``qualifier`` is one of "about" (also for "nearly", "almost"),
    "more than", "at least", "less than", "at most", or None.
    """

    span: Span
    value_span: Span
    value: float
    lo: float
    hi: float
    qualifier: str | None
    unit: str | None
    is_range: bool

    def admits(self, x: float) -> bool:
        """Tell whether a true value ``x`` is consistent with what the text states."""
        if self.qualifier == "more than":
            return self.lo < x <= self.hi
        if self.qualifier == "less than":
            return self.lo <= x < self.hi
        return self.lo <= x <= self.hi


@dataclass(frozen=True, slots=True)
class _Number:
    """One parsed number: its exact value and the place value of its last written digit."""

    value: Decimal
    step: Decimal
    factor: int  # what "dozen" and the scale word multiply by; 1 when neither is written
    # "3m" and "5k" are metres and kilos as often as money: they count only after a currency sign.
    short_scale: bool
    text: str  # the digits or words as written, before "dozen" and the scale

    def scaled(self, factor: int) -> _Number:
        """Return this number with a scale word it shares with the other end of a range."""
        return _Number(self.value * factor, self.step * factor, factor, self.short_scale, self.text)

    @property
    def is_year_like(self) -> bool:
        """Tell whether this is written like a year: four bare digits from 1000 to 2099."""
        return (
            self.factor == 1
            and self.text.isdigit()
            and len(self.text) == 4
            and 1000 <= int(self.text) <= 2099
        )


def _parse(match: re.Match[str]) -> _Number:
    """Return the value and precision of a ``_NUMBER_BODY`` match."""
    digits, words = match["digits"], match["words"]
    if digits is not None:
        plain = digits.replace(",", "")
        value = Decimal(plain)
        step = Decimal(1).scaleb(-len(plain.partition(".")[2]))
        text = digits
    elif words is not None:
        value, step, text = Decimal(_word_value(words)), Decimal(1), words
    elif match["half"] is not None:
        value, step, text = Decimal("0.5"), Decimal("0.1"), "half"
    else:
        value, step, text = Decimal(1), Decimal(1), "a"
    factor = 12 if match["dozen"] else 1
    scale = match["scale"] or match["abbr"] or match["short"]
    if scale:
        factor *= _SCALES[scale.lower()]
    return _Number(value, step, 1, match["short"] is not None, text).scaled(factor)


def _word_value(words: str) -> int:
    """Return the integer that number words such as "two hundred and fifty" name."""
    current = 0
    for token in _WORD_SPLIT.split(words.lower()):
        if token == "hundred":
            current = (current or 1) * 100
        elif token == "a":
            current = 1
        elif token != "and":
            current += _SMALL[token]
    return current


def canonical_unit(name: str) -> str:
    """Return the canonical spelling of a unit name: "per cent" -> "percent", "votes" -> "vote"."""
    key = " ".join(name.lower().split())
    if key in _CANONICAL_UNIT:
        return _CANONICAL_UNIT[key]
    # Units the table does not know still match across singular and plural.
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return key


def units_agree(a: str | None, b: str | None) -> bool:
    """Tell whether two unit names mean the same unit; no unit agrees only with no unit."""
    if a is None or b is None:
        return a is None and b is None
    return canonical_unit(a) == canonical_unit(b)


def _interval(low: _Number, high: _Number, qualifier: str | None) -> tuple[float, float]:
    """Return ``(lo, hi)`` for a number (``low is high``) or range stated with ``qualifier``."""
    lo = low.value - low.step / 2
    hi = high.value + high.step / 2
    if qualifier in ("more than", "at least"):
        return float(low.value), math.inf
    if qualifier in ("less than", "at most"):
        return -math.inf, float(high.value)
    if qualifier in ("about", "nearly"):
        lo = min(lo, low.value * Decimal("0.9"))
    if qualifier == "about":
        hi = max(hi, high.value * Decimal("1.1"))
    return float(lo), float(hi)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Return the numbers stated in ``text[start:end]``, in order, none overlapping."""
    end = len(text) if end is None else min(end, len(text))
    found: list[NumberMention] = []
    pos = start
    while (seed := _SEED.search(text, pos, end)) is not None:
        mention, pos = _read(text, seed, max(start, pos), end)
        if mention is not None:
            found.append(mention)
    return found


def _read(text: str, seed: re.Match[str], floor: int, end: int) -> tuple[NumberMention | None, int]:
    """Read the mention that starts with ``seed``; return it (or None) and where to go on.

    ``floor`` is the first offset the mention may take in (the previous mention's end).
    """
    first = last = _parse(seed)
    value_start, number_end = seed.start(), seed.end()
    before = _BEFORE.search(text, max(floor, value_start - _LOOKBACK), value_start)
    assert before is not None  # every part is optional, so it matches at value_start at least
    if before["month"] or before["label"]:
        return None, _skip_day_range(text, number_end, end)
    lead = " ".join((before["lead"] or "").lower().split())
    currency = before["currency"]

    is_range = False
    tail = _RANGE_TAIL.match(text, number_end, end)
    second = _BODY.match(text, tail.end(), end) if tail else None
    if tail and second and (tail["dash"] or tail["word"].lower() == "to" or lead == "between"):
        last = _parse(second)
        if first.factor == 1 and first.value * last.factor < last.value:
            # "3 to 4 million": a scale written once applies to both ends.
            first = first.scaled(last.factor)
        # "from 40 to 50" is a change, not a range: each end is a number of its own.
        if first.value < last.value and (tail["dash"] or lead != "from"):
            is_range, number_end = True, second.end()
            currency = currency or tail["currency"]
        elif tail["dash"]:
            # "3-1", "1950-53", "2019-02-09": a score or a date, not a range.
            return None, second.end()
        else:
            last = first

    unit_match = None if currency else _UNIT_TAIL.match(text, number_end, end)
    span_end = unit_match.end() if unit_match else number_end
    unit = _unit(currency, unit_match, lead)
    if (first.short_scale or last.short_scale) and currency is None:
        return None, span_end
    if unit is None and _not_a_count(text, first, last, seed, span_end, end, is_range):
        return None, span_end

    qualifier = _QUALIFIERS.get(lead)
    if lead == "over" and unit in _TIME_UNITS:
        # "over three days" may mean "during three days": take the reading that flags less.
        qualifier = "at least"
    if qualifier or (lead == "between" and is_range) or (lead == "aged" and unit == "age"):
        span_start = before.start("lead")
    elif currency:
        span_start = before.start("currency")
    else:
        span_start = value_start
    lo, hi = _interval(first, last, qualifier)
    mention = NumberMention(
        span=Span(span_start, span_end),
        value_span=Span(value_start, number_end),
        value=float((first.value + last.value) / 2),
        lo=lo,
        hi=hi,
        qualifier="about" if qualifier == "nearly" else qualifier,
        unit=unit,
        is_range=is_range,
    )
    return mention, span_end


def _unit(currency: str | None, unit_match: re.Match[str] | None, lead: str) -> str | None:
    """Return the canonical unit from a currency sign, a following unit word, or "aged"."""
    if currency:
        return _CURRENCY_SIGNS[currency.lower()]
    if unit_match:
        word = unit_match["percent"] or unit_match["noun"] or unit_match["compound"]
        return _CANONICAL_UNIT[" ".join(word.lower().split())]
    return "age" if lead == "aged" else None


def _not_a_count(
    text: str,
    first: _Number,
    last: _Number,
    seed: re.Match[str],
    after: int,
    end: int,
    is_range: bool,
) -> bool:
    """Tell whether a number stated without a unit belongs to another extractor or is no number."""
    if _AFTER_REJECT.match(text, after, end):
        return True
    # A bare 1000-2099 is a year ("in 2018"); with a unit it is a count ("2018 people").
    if first.is_year_like and (last.is_year_like or not is_range):
        return True
    # "one" is a pronoun ("one of the", "no one") unless it counts something.
    return not is_range and first.factor == 1 and (seed["words"] or "").lower() == "one"


def _skip_day_range(text: str, pos: int, end: int) -> int:
    """Return the offset past a day range's second end ("Feb. 27-28"), or ``pos``."""
    tail = _RANGE_TAIL.match(text, pos, end)
    if tail and tail["dash"] and (second := _BODY.match(text, tail.end(), end)):
        return second.end()
    return pos
