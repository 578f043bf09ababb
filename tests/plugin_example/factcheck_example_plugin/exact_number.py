"""Rule kind ``exact-number``: a number stated by cue words must equal the fact, unrounded.

What it does
    Reads numbers the way the built-in ``cue`` kind does (a clause that
    mentions a selected entity and one of the rule's ``cues``) but compares
    them with the fact exactly: "160 people" does not round to 157.

Why is this bad?
    Some counts are never rounded in print: casualties, votes in a small
    chamber, seats won. Stating them at a rounder precision is an error.

Example
    ``- id: crash-deaths``
    ``  kind: exact-number``
    ``  attribute: deaths``
    ``  cues: [killed, dead]``
    ``  value: number``

Options
    ``cues`` (required): words that state the attribute. A ``tolerance`` on
    the fact still applies.
"""

from __future__ import annotations

from factcheck.claims import Claim, NumberValue
from factcheck.compare import Verdict
from factcheck.reference.model import Entity, NumberFact
from factcheck.rules.base import Judgement, Rule
from factcheck.rules.cue import fact_interval

name = "exact-number"


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Support a number inside the fact's interval; contradict any other."""
    del rule  # every option of this kind is a shared rule field
    fact = entity.facts.get(claim.attribute) if entity is not None else None
    if fact is None or not isinstance(claim.value, NumberValue):
        return Judgement(Verdict.UNVERIFIABLE)
    if not isinstance(fact.value, NumberFact):
        return Judgement(Verdict.UNVERIFIABLE, fact=fact)
    lo, hi = fact_interval(fact.value)
    said = claim.value.mention.value
    verdict = Verdict.SUPPORTED if lo <= said <= hi else Verdict.CONTRADICTED
    expected = f"{fact.value.value:g}" if fact.value.value is not None else f"{lo:g}..{hi:g}"
    return Judgement(verdict, expected, fact)
