"""Rule kind ``attribute``: compares a claim's stated value with the entity's fact.

What it does
    Judges dates (``date``, ``born``, ``died``), places (``place``,
    ``birthplace``, ``country``), ordinals, time-scoped titles and ages
    against the reference set. It is the kind behind every built-in check.

Why is this bad?
    A date, place or office that disagrees with the newsroom's reference is
    the error that reaches print: "the summit in Singapore in July" when it
    was held in June 2018.

Example
    ``- id: event-date``
    ``  kind: attribute``
    ``  attribute: date``
    ``  select: {type: [summit, war]}``

Options
    None beyond the shared rule fields (``attribute``, ``select``,
    ``severity``, ``message``).
"""

from __future__ import annotations

import datetime as dt

from factcheck.claims import (
    AgeValue,
    Claim,
    DeedValue,
    OrdinalValue,
    PlaceValue,
    Stated,
    TitleValue,
)
from factcheck.compare import Verdict, compare_age, compare_dates, describe_date
from factcheck.extract.phrases import fold
from factcheck.extract.places import gazetteer
from factcheck.reference.model import (
    DateFact,
    Entity,
    Fact,
    NumberFact,
    RefFact,
    ScopedFact,
    Term,
    TextFact,
)
from factcheck.rules.base import Judgement, Rule
from factcheck.values import DateValue

name = "attribute"
# Event dates are spans of time: any day inside a two-day summit is right.
_DURATION_ATTRIBUTES = frozenset({"date"})


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return the judgement of ``claim`` about ``entity`` (the rule adds nothing of its own)."""
    del rule  # every option of this kind is a shared rule field
    if entity is None:
        return Judgement(Verdict.UNVERIFIABLE)
    if (
        isinstance(claim.value, TitleValue)
        and claim.value.qualifier == "then"
        and claim.as_of_source != "clause"
    ):
        return Judgement(Verdict.UNVERIFIABLE)  # "then-minister" needs the clause's own date
    return judge_value(entity, claim.attribute, claim.value, claim.as_of)


def judge_value(entity: Entity, attribute: str, value: Stated, as_of: dt.date | None) -> Judgement:
    """Compare one stated value with ``entity``'s fact for ``attribute``."""
    if isinstance(value, AgeValue):
        return _judge_age(entity, value, as_of)
    if isinstance(value, DeedValue):
        return _judge_deed(entity, value)
    fact = entity.facts.get(attribute)
    if fact is None:
        return Judgement(Verdict.UNVERIFIABLE)
    if isinstance(value, DateValue) and isinstance(fact.value, DateFact):
        verdict = compare_dates(value, fact.value.value, duration=attribute in _DURATION_ATTRIBUTES)
        return Judgement(verdict, describe_date(fact.value.value), fact)
    if isinstance(value, OrdinalValue) and isinstance(fact.value, NumberFact):
        known = fact.value.value
        if known is None:
            return Judgement(Verdict.UNVERIFIABLE, fact=fact)
        verdict = Verdict.SUPPORTED if value.value == known else Verdict.CONTRADICTED
        return Judgement(verdict, _ordinal(int(known)), fact)
    if isinstance(value, PlaceValue) and isinstance(fact.value, TextFact | RefFact):
        return _judge_place(value, fact)
    if isinstance(value, TitleValue) and isinstance(fact.value, ScopedFact):
        return _dead_holder(entity, value, as_of) or _judge_title(value, fact, as_of)
    return Judgement(Verdict.UNVERIFIABLE, fact=fact)


def _judge_deed(entity: Entity, value: DeedValue) -> Judgement:
    """Contradict an act dated after the person's death; support one dated before it."""
    died = entity.facts.get("died")
    if died is None or not isinstance(died.value, DateFact):
        return Judgement(Verdict.UNVERIFIABLE)
    death = died.value.value
    expected = f"died {describe_date(death)}"
    if value.when.first_day() > death.last_day():
        return Judgement(Verdict.CONTRADICTED, expected, died)
    if value.when.last_day() <= death.first_day():
        return Judgement(Verdict.SUPPORTED, expected, died)
    return Judgement(Verdict.UNVERIFIABLE, expected, died)


def _dead_holder(entity: Entity, value: TitleValue, as_of: dt.date | None) -> Judgement | None:
    """Contradict a present-tense title held by someone who had died by the clause's date."""
    died = entity.facts.get("died")
    if died is None or as_of is None or not isinstance(died.value, DateFact):
        return None
    if value.qualifier in ("former", "late", "then"):
        return None
    if died.value.value.last_day() >= as_of:
        return None
    return Judgement(Verdict.CONTRADICTED, f"died {describe_date(died.value.value)}", died)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _judge_age(entity: Entity, value: AgeValue, as_of: dt.date | None) -> Judgement:
    born = entity.facts.get("born")
    if born is None or not isinstance(born.value, DateFact):
        return Judgement(Verdict.UNVERIFIABLE)
    died = entity.facts.get("died")
    on = as_of
    if value.at_death:
        if died is None or not isinstance(died.value, DateFact):
            return Judgement(Verdict.UNVERIFIABLE, fact=born)
        dv = died.value.value
        if dv.lo != dv.hi or dv.lo.granularity != "day":
            return Judgement(Verdict.UNVERIFIABLE, fact=died)
        on = dv.lo.first_day()
    elif died is not None:
        return Judgement(Verdict.UNVERIFIABLE, fact=died)  # the age of someone dead is ambiguous
    if on is None:
        return Judgement(Verdict.UNVERIFIABLE, fact=born)
    verdict = compare_age(value.years, born.value.value, on)
    return Judgement(verdict, f"born {describe_date(born.value.value)}", born)


def _judge_place(value: PlaceValue, fact: Fact) -> Judgement:
    """Support a place the fact lists or that contains it; contradict only a provably other place.

    The gazetteer decides "provably": a name it cannot place, or one with
    several readings, is never disjoint from anything.
    """
    options = _options(fact)
    expected = ", ".join(options)
    if isinstance(fact.value, RefFact):
        if value.entity in options:
            return Judgement(Verdict.SUPPORTED, expected, fact)
        verdict = Verdict.CONTRADICTED if value.entity is not None else Verdict.UNVERIFIABLE
        return Judgement(verdict, expected, fact)
    names = [value.text] + ([value.known.name] if value.known is not None else [])
    if any(fold(n) == fold(o) for n in names for o in options):
        return Judgement(Verdict.SUPPORTED, expected, fact)
    # a demonym ("Vietnamese") stands for its country
    said = value.known.name if value.known is not None and value.known.demonym else value.text
    places = gazetteer()
    if any(places.relation(said, o) in ("same", "contains") for o in options):
        return Judgement(Verdict.SUPPORTED, expected, fact)  # "in Vietnam" for Hanoi
    if options and places.relation(said, expected) == "disjoint":
        return Judgement(Verdict.CONTRADICTED, expected, fact)
    return Judgement(Verdict.UNVERIFIABLE, expected, fact)


def _options(fact: Fact) -> list[str]:
    if isinstance(fact.value, TextFact):
        return list(fact.value.options)
    if isinstance(fact.value, RefFact):
        return list(fact.value.ids)
    return []


def _judge_title(value: TitleValue, fact: Fact, as_of: dt.date | None) -> Judgement:
    """Judge a title as of ``as_of``: held then, held before ("former"), or never held."""
    assert isinstance(fact.value, ScopedFact)
    terms = fact.value.terms
    said = fold(value.phrase)
    matching = [t for t in terms if said in {fold(t.value), *(fold(a) for a in t.aliases)}]
    if as_of is None:
        return Judgement(Verdict.UNVERIFIABLE, fact=fact)
    current = [t for t in terms if _holds(t, as_of)]
    expected = _describe_terms(current or list(terms))
    if not matching:
        return Judgement(Verdict.CONTRADICTED, expected, fact)
    if value.qualifier in ("former", "late"):
        if any(t.end is not None and t.end.last_day() < as_of for t in matching):
            return Judgement(Verdict.SUPPORTED, expected, fact)
        if all(_holds(t, as_of) for t in matching):
            return Judgement(Verdict.CONTRADICTED, expected, fact)
        return Judgement(Verdict.UNVERIFIABLE, expected, fact)
    if any(_holds(t, as_of) for t in matching):
        return Judgement(Verdict.SUPPORTED, expected, fact)
    return Judgement(Verdict.CONTRADICTED, expected, fact)


def _holds(term: Term, on: dt.date) -> bool:
    if term.start is not None and term.start.first_day() > on:
        return False
    return not (term.end is not None and term.end.last_day() < on)


def _describe_terms(terms: list[Term]) -> str:
    parts = []
    for t in terms:
        since = t.start.iso() if t.start else "?"
        until = t.end.iso() if t.end else ""
        parts.append(f"{t.value} ({since}..{until})")
    return "; ".join(parts)
