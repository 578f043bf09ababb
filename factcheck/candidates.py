"""An index of the entities that could agree with a stated event cue, built once per reference set.

A trigger frame ("their first summit in Singapore in July") picks, among every
entity the trigger noun can mean, the one most cues agree with. With 100k
entities a trigger such as "summit" can mean thousands of them, and judging
each against each cue would make checking time grow with the reference set.
The index answers, for one cue, a *superset* of the entities whose fact
`factcheck.rules.attribute.judge_value` would find supported, so the claims
stage judges only those few exactly:

- a date can only agree with a date fact that shares a month of the year with it
  (agreement needs the two periods to overlap);
- an ordinal only with a fact of the same number;
- a place the gazetteer does not know only with a fact listing it (case-folded).

Anything the index cannot narrow down (another attribute, a place the
gazetteer knows, which can agree through the places around it) answers None:
every candidate may agree with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from typing import TypeVar

from factcheck.claims import EVENT_ATTRIBUTES, OrdinalValue, PlaceValue, Stated
from factcheck.extract.phrases import fold
from factcheck.reference.model import DateFact, Entity, NumberFact, RefFact, TextFact
from factcheck.values import DateValue

K = TypeVar("K")

INDEXED = EVENT_ATTRIBUTES
_ALL_MONTHS = frozenset(range(1, 13))
_NOTHING: frozenset[str] = frozenset()


class CandidateIndex:
    """Maps a stated date, ordinal or place to the entities whose fact it could agree with."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        months: dict[tuple[str, int], set[str]] = {}
        numbers: dict[tuple[str, float], set[str]] = {}
        places: dict[tuple[str, str], set[str]] = {}
        events: set[str] = set()
        for entity in entities:
            if any(a in entity.facts for a in INDEXED):
                events.add(entity.id)
            for attribute in INDEXED:
                fact = entity.facts.get(attribute)
                if fact is None:
                    continue
                value = fact.value
                if isinstance(value, DateFact):
                    for month in month_span(value.value) or _ALL_MONTHS:
                        months.setdefault((attribute, month), set()).add(entity.id)
                elif isinstance(value, NumberFact) and value.value is not None:
                    numbers.setdefault((attribute, value.value), set()).add(entity.id)
                elif isinstance(value, TextFact | RefFact):
                    options = value.options if isinstance(value, TextFact) else value.ids
                    for option in options:
                        places.setdefault((attribute, fold(option)), set()).add(entity.id)
        self._months = _frozen(months)
        self._numbers = _frozen(numbers)
        self._places = _frozen(places)
        # The entities a trigger frame may choose among: those with an event attribute.
        self.events = frozenset(events)

    def __call__(self, attribute: str, value: Stated) -> Set[str] | None:
        """Return the entities ``value`` could agree with for ``attribute`` (None: any of them)."""
        if attribute not in INDEXED:
            return None
        if isinstance(value, DateValue):
            months = month_span(value)
            if months is None:
                return None
            return _union(self._months.get((attribute, m), _NOTHING) for m in months)
        if isinstance(value, OrdinalValue):
            return self._numbers.get((attribute, float(value.value)), _NOTHING)
        if isinstance(value, PlaceValue) and value.known is None:
            said = [value.text] + ([value.entity] if value.entity else [])
            return _union(self._places.get((attribute, fold(s)), _NOTHING) for s in said)
        return None


def month_span(value: DateValue) -> frozenset[int] | None:
    """Return the months of the year (1-12) that a date value touches; None if it cannot say."""
    if value.has_year:
        first, last = value.first_day(), value.last_day()
        if last < first:
            return None
        return _months_between(first, last)
    lo, hi = value.lo, value.hi
    if lo.year is not None or hi.year is not None or lo.month is None or hi.month is None:
        return None
    if (hi.month, hi.day or 0) < (lo.month, lo.day or 0) and hi.month == lo.month:
        return _ALL_MONTHS  # rolls over into the next year's same month
    count = (hi.month - lo.month) % 12 + 1
    return frozenset((lo.month - 1 + k) % 12 + 1 for k in range(count))


def _months_between(first: dt.date, last: dt.date) -> frozenset[int]:
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    if count >= 12:
        return _ALL_MONTHS
    return frozenset((first.month - 1 + k) % 12 + 1 for k in range(count))


def _frozen(index: dict[K, set[str]]) -> dict[K, frozenset[str]]:
    return {key: frozenset(ids) for key, ids in index.items()}


def _union(sets: Iterable[Set[str]]) -> Set[str]:
    """Return the union of ``sets``, without copying when only one is non-empty."""
    found = [s for s in sets if s]
    if not found:
        return _NOTHING
    if len(found) == 1:
        return found[0]
    return frozenset().union(*found)
