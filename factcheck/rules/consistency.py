"""Rule kind ``consistency``: one entity, one attribute, one value within an article.

What it does
    Compares every pair of claims about the same entity and attribute in
    one article (dates, ordinals, ages, places, numbers) and reports a value
    that disagrees with an earlier one, pointing at both. Needs no reference.

Why is this bad?
    "The June 12 summit" in the lede and "the June 13 summit" further down
    means one of them is wrong, whatever the reference set knows.

Example
    ``- id: internal-consistency``
    ``  kind: consistency``
    ``  severity: warning``

Options
    ``attribute`` (optional): only check this attribute. Claims the
    reference already contradicts are left to their own rule.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

from factcheck.claims import AgeValue, Claim, NumberValue, OrdinalValue, PlaceValue, Stated
from factcheck.compare import Verdict, compare_dates
from factcheck.reference.model import Entity
from factcheck.rules.base import Judgement, Rule
from factcheck.values import DateValue

name = "consistency"
_SKIPPED = frozenset({"title", "name", "weekday"})  # people hold several titles at once
# Distinct values remembered per entity and attribute: an article stating more (only hostile
# input does) is not compared past them, so that reviewing stays linear in the claims.
_MAX_VALUES = 64


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return UNVERIFIABLE: this kind judges whole articles in :func:`review`, not single claims."""
    del rule, claim, entity
    return Judgement(Verdict.UNVERIFIABLE)


def review(rule: Rule, claims: Sequence[tuple[Claim, Verdict]]) -> Iterator[tuple[Claim, Claim]]:
    """Yield ``(later, earlier)`` pairs of claims that state different values for one attribute."""
    # The first claim of each distinct value, in order: a later claim with the same value
    # disagrees with exactly the same ones, so it need not be compared again.
    seen: dict[tuple[str, str], dict[Hashable, Claim]] = {}
    for claim, verdict in claims:
        if claim.entity is None or claim.attribute in _SKIPPED:
            continue
        if rule.spec.attribute is not None and claim.attribute != rule.spec.attribute:
            continue
        if verdict is Verdict.CONTRADICTED:
            continue
        earlier = seen.setdefault((claim.entity, claim.attribute), {})
        clash = next((e for e in earlier.values() if disagree(e.value, claim.value)), None)
        if clash is not None:
            yield claim, clash
        if len(earlier) < _MAX_VALUES:
            earlier.setdefault(_compared(claim.value), claim)


def _compared(value: Stated) -> Hashable:
    """Return what `disagree` reads of a value: values with equal keys agree with the same ones."""
    if isinstance(value, NumberValue):
        return ("number", value.mention.unit, value.mention.lo, value.mention.hi)
    if isinstance(value, PlaceValue):
        return ("place", value.entity)
    return value


def disagree(a: Stated, b: Stated) -> bool:
    """Tell whether two stated values cannot both be true of one entity."""
    if isinstance(a, DateValue) and isinstance(b, DateValue):
        if a.has_year != b.has_year:
            return False
        if not a.has_year:  # "November" and "December": compare them in one (leap) year
            a, b = a.with_year(2000), b.with_year(2000)
        return compare_dates(b, a, duration=False) is Verdict.CONTRADICTED
    if isinstance(a, OrdinalValue) and isinstance(b, OrdinalValue):
        return a.value != b.value
    if isinstance(a, AgeValue) and isinstance(b, AgeValue):
        return a.at_death == b.at_death and a.years != b.years
    if isinstance(a, PlaceValue) and isinstance(b, PlaceValue):
        return a.entity is not None and b.entity is not None and a.entity != b.entity
    if isinstance(a, NumberValue) and isinstance(b, NumberValue):
        x, y = a.mention, b.mention
        return x.unit == y.unit and (x.hi < y.lo or y.hi < x.lo)
    return False
