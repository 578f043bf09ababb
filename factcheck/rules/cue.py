"""Rule kind ``cue``: a generic attribute stated near cue words (the SPEC section 8 rule).

What it does
    In a clause that mentions a selected entity and one of the rule's
    ``cues``, reads the values of the rule's ``value`` kind (numbers with
    their units, or dates) and compares them with the entity's fact.

Why is this bad?
    Turnouts, tallies and budgets are where copy goes wrong most quietly:
    "turnout was 75 per cent" when it was 72.2.

Example
    ``- id: referendum-turnout``
    ``  attribute: turnout``
    ``  select: {type: referendum}``
    ``  cues: [turnout]``
    ``  value: number``

Options
    ``cues`` (required, non-empty): words that state the attribute.
    ``value``: ``number`` (default), ``date`` or ``text``. A ``text`` value is
    checked by the names in the clause: other entities of the type the fact
    refers to, or places; only a *known* name can contradict.
    A number is compared at the precision written; "about" uses the fact's
    ``tolerance``, or 10% when the fact gives none.
"""

from __future__ import annotations

import math

from factcheck.claims import Claim, NumberValue, PlaceValue
from factcheck.compare import Verdict, compare_dates, describe_date
from factcheck.extract.numbers import NumberMention, units_agree
from factcheck.reference.model import DateFact, Entity, NumberFact
from factcheck.rules.attribute import judge_value
from factcheck.rules.base import Judgement, Rule
from factcheck.values import DateValue

name = "cue"


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Compare the claim's number or date with the entity's fact for the rule's attribute."""
    if entity is None:
        return Judgement(Verdict.UNVERIFIABLE)
    del rule  # applies() already matched the claim's attribute to the rule's
    fact = entity.facts.get(claim.attribute)
    if fact is None:
        return Judgement(Verdict.UNVERIFIABLE)
    if isinstance(claim.value, NumberValue) and isinstance(fact.value, NumberFact):
        return Judgement(
            _compare_number(claim.value.mention, fact.value), _describe(fact.value), fact
        )
    if isinstance(claim.value, PlaceValue):
        return judge_value(entity, claim.attribute, claim.value, claim.as_of)
    if isinstance(claim.value, DateValue) and isinstance(fact.value, DateFact):
        verdict = compare_dates(claim.value, fact.value.value, duration=False)
        return Judgement(verdict, describe_date(fact.value.value), fact)
    return Judgement(Verdict.UNVERIFIABLE, fact=fact)


def fact_interval(fact: NumberFact) -> tuple[float, float]:
    """Return the interval of values the fact accepts (its tolerance applied)."""
    if fact.value is None:
        return (
            fact.min if fact.min is not None else -math.inf,
            fact.max if fact.max is not None else math.inf,
        )
    if fact.tolerance is None:
        return fact.value, fact.value
    slack = abs(fact.value) * fact.tolerance / 100 if fact.tolerance_is_percent else fact.tolerance
    return fact.value - slack, fact.value + slack


def _compare_number(said: NumberMention, fact: NumberFact) -> Verdict:
    if said.unit is not None and fact.unit is not None and not units_agree(said.unit, fact.unit):
        return Verdict.UNVERIFIABLE
    lo, hi = fact_interval(fact)
    if said.qualifier == "about" and fact.tolerance is not None:
        # the fact's own tolerance replaces the default 10% of "about"
        return Verdict.SUPPORTED if lo <= said.value <= hi else Verdict.CONTRADICTED
    if lo == hi:
        return Verdict.SUPPORTED if said.admits(lo) else Verdict.CONTRADICTED
    if said.hi < lo or hi < said.lo:
        return Verdict.CONTRADICTED
    return Verdict.SUPPORTED


def _describe(fact: NumberFact) -> str:
    unit = f" {fact.unit}" if fact.unit else ""
    if fact.value is not None:
        return f"{fact.value:g}{unit}"
    return f"{fact.min:g}..{fact.max:g}{unit}"
