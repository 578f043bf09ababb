"""Pure comparisons of a stated value with a known fact, each answering with a verdict.

These functions decide nothing about which entity a claim is about; they only
say whether a value agrees with a fact. Precision first: whatever the fact
cannot decide is ``UNVERIFIABLE``, never ``CONTRADICTED``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from factcheck.values import DateValue, PartialDate


class Verdict(enum.StrEnum):
    """The FEVER verdicts a claim can get."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """Return SUPPORTED if any reading is supported, CONTRADICTED if all are, else UNVERIFIABLE."""
    seen = list(verdicts)
    if Verdict.SUPPORTED in seen:
        return Verdict.SUPPORTED
    if seen and all(v is Verdict.CONTRADICTED for v in seen):
        return Verdict.CONTRADICTED
    return Verdict.UNVERIFIABLE


def _interval(d: PartialDate) -> tuple[dt.date, dt.date]:
    return d.first_day(), d.last_day()


def _relation(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> str:
    """Return "disjoint", "covers" (b within a, or equal), "inside" (a within b) or "overlap"."""
    if a[1] < b[0] or b[1] < a[0]:
        return "disjoint"
    if a[0] <= b[0] and b[1] <= a[1]:
        return "covers"
    if b[0] <= a[0] and a[1] <= b[1]:
        return "inside"
    return "overlap"


def _fact_years(fact: DateValue) -> range:
    return range(fact.first_day().year, fact.last_day().year + 1)


def compare_dates(stated: DateValue, fact: DateValue, *, duration: bool) -> Verdict:
    """Compare a stated date with a fact at the precision the text wrote.

    ``duration`` says a ranged fact is the span of an event (any stated day
    inside it is right); otherwise a range expresses uncertainty, as with a
    birth date known only to lie in some interval. A stated date without a year
    is compared in each year the fact touches.
    """
    if not stated.has_year:
        years = _fact_years(fact)
        if len(years) > 2:
            return Verdict.UNVERIFIABLE
        return combine(_in_year(stated, y, fact, duration) for y in years)
    if stated.is_range:
        return _compare_endpoints(stated, fact)
    rel = _relation((stated.first_day(), stated.last_day()), (fact.first_day(), fact.last_day()))
    if rel == "disjoint":
        return Verdict.CONTRADICTED
    if rel == "covers":
        return Verdict.SUPPORTED
    if duration and fact.is_range and _ends_exact(fact):
        return Verdict.SUPPORTED
    if rel == "inside" and fact.lo == fact.hi and fact.lo.granularity == "day":
        return Verdict.SUPPORTED
    return Verdict.UNVERIFIABLE


def _in_year(stated: DateValue, year: int, fact: DateValue, duration: bool) -> Verdict:
    try:
        placed = stated.with_year(year)
    except ValueError:  # "Feb. 29" in a year that has none cannot be the fact's date
        return Verdict.CONTRADICTED
    return compare_dates(placed, fact, duration=duration)


def _ends_exact(fact: DateValue) -> bool:
    return fact.lo.granularity == "day" and fact.hi.granularity == "day"


def _compare_endpoints(stated: DateValue, fact: DateValue) -> Verdict:
    verdicts = []
    for said, known in ((stated.lo, fact.lo), (stated.hi, fact.hi)):
        rel = _relation(_interval(said), _interval(known))
        if rel == "disjoint":
            return Verdict.CONTRADICTED
        verdicts.append(Verdict.SUPPORTED if rel == "covers" else Verdict.UNVERIFIABLE)
    return (
        Verdict.SUPPORTED
        if all(v is Verdict.SUPPORTED for v in verdicts)
        else (Verdict.UNVERIFIABLE)
    )


def describe_date(value: DateValue) -> str:
    """Return a newsroom form of a date value: "June 12, 2018", "Feb. 27-28, 2019", "1950-1953"."""

    def one(d: PartialDate) -> str:
        if d.month is None:
            return str(d.year)
        month = dt.date(2000, d.month, 1).strftime("%B")
        year = f", {d.year}" if d.year is not None and d.day else f" {d.year}" if d.year else ""
        return f"{month} {d.day}{year}" if d.day else f"{month}{year}"

    lo, hi = value.lo, value.hi
    if lo == hi:
        return one(lo)
    if lo.granularity == hi.granularity == "year":
        return f"{lo.year}-{hi.year}"
    if lo.granularity == hi.granularity == "day" and (lo.year, lo.month) == (hi.year, hi.month):
        assert lo.month is not None
        year = f", {lo.year}" if lo.year is not None else ""
        return f"{dt.date(2000, lo.month, 1).strftime('%B')} {lo.day}-{hi.day}{year}"
    return f"{one(lo)} to {one(hi)}"


def age_range(born: DateValue, on: dt.date) -> tuple[int, int]:
    """Return the youngest and oldest age a person born within ``born`` can be on ``on``."""

    def age(birth: dt.date) -> int:
        return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))

    return age(born.last_day()), age(born.first_day())


def compare_age(stated: int, born: DateValue, on: dt.date) -> Verdict:
    """Compare a stated age with a birth date as of ``on``."""
    if born.first_day() > on:
        return Verdict.UNVERIFIABLE
    low, high = age_range(born, on)
    if low <= stated <= high:
        return Verdict.SUPPORTED if low == high else Verdict.UNVERIFIABLE
    return Verdict.CONTRADICTED


def compare_number(lo: float, hi: float, fact_lo: float, fact_hi: float) -> Verdict:
    """Compare the interval a text's number allows with the interval the fact allows."""
    if hi < fact_lo or fact_hi < lo:
        return Verdict.CONTRADICTED
    return Verdict.SUPPORTED
