"""Small frozen value types shared by every stage: spans, partial dates, date values."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def text(self, source: str) -> str:
        """Return the slice of ``source`` this span covers."""
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Tell whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Tell whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Derives 1-based line and column numbers from offsets (offsets are the truth)."""

    def __init__(self, text: str) -> None:
        # CRLF is one line break; a lone CR or LF is one too.
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)``, both 1-based, of the character at ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to year, month or day precision; the year may be unstated."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is None and self.month is None:
            raise ValueError("a date needs a year or a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year if self.year is not None else 2000, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} out of range")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")

    @property
    def granularity(self) -> str:
        """Return ``"day"``, ``"month"`` or ``"year"``: the finest field that is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def with_year(self, year: int) -> PartialDate:
        """Return this date placed in ``year`` (for dates written without one)."""
        return PartialDate(year, self.month, self.day)

    def first_day(self) -> dt.date:
        """Return the first calendar day this date may denote (needs a year)."""
        if self.year is None:
            raise ValueError("date has no year")
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """Return the last calendar day this date may denote (needs a year)."""
        if self.year is None:
            raise ValueError("date has no year")
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def iso(self) -> str:
        """Return the ISO form at this date's precision (``--06-12`` style when yearless)."""
        y = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_date(cls, d: dt.date) -> PartialDate:
        """Return the day-precision partial date for ``d``."""
        return cls(d.year, d.month, d.day)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A stated or known date: one period (``lo == hi``), a fuzzy period, or explicit endpoints.

    ``is_range`` is true when the text or fact gives two endpoints ("1950-53",
    ``{from: .., to: ..}``); then ``lo`` and ``hi`` are each checked. Otherwise
    the value means "some time within lo..hi" ("June 2018", "late this month").
    """

    lo: PartialDate
    hi: PartialDate
    is_range: bool = False

    @classmethod
    def single(cls, d: PartialDate) -> DateValue:
        """Return the value for one period."""
        return cls(d, d, False)

    @property
    def has_year(self) -> bool:
        """Tell whether both ends carry a year."""
        return self.lo.year is not None and self.hi.year is not None

    def first_day(self) -> dt.date:
        """Return the earliest day covered."""
        return self.lo.first_day()

    def last_day(self) -> dt.date:
        """Return the latest day covered."""
        return self.hi.last_day()

    def with_year(self, year: int) -> DateValue:
        """Place a yearless value in ``year`` (the end rolls over when it precedes the start)."""
        lo = self.lo if self.lo.year is not None else self.lo.with_year(year)
        hi = self.hi if self.hi.year is not None else self.hi.with_year(year)
        if lo.month and hi.month and (hi.month, hi.day or 0) < (lo.month, lo.day or 0):
            hi = hi.with_year(year + 1)
        return DateValue(lo, hi, self.is_range)

    def describe(self) -> str:
        """Return a short human form: ``2018-06-12`` or ``2019-02-27..2019-02-28``."""
        if self.lo == self.hi:
            return self.lo.iso()
        return f"{self.lo.iso()}..{self.hi.iso()}"
