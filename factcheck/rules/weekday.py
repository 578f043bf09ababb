"""Rule kind ``weekday``: a weekday written with a date must be that date's weekday.

What it does
    Checks "on Tuesday, Feb. 27" and "born on Monday, February 10, 1894"
    against the calendar. A date without a year takes the publication year.

Why is this bad?
    A weekday that disagrees with its date means one of the two is wrong,
    and readers notice. No reference set is needed to see it.

Example
    ``- id: weekday-date``
    ``  kind: weekday``
    ``  attribute: weekday``

Options
    None beyond the shared rule fields.
"""

from __future__ import annotations

import calendar

from factcheck.claims import Claim, WeekdayValue
from factcheck.compare import Verdict
from factcheck.reference.model import Entity
from factcheck.rules.base import Judgement, Rule

name = "weekday"


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return SUPPORTED when the stated weekday is the date's, else CONTRADICTED."""
    del rule, entity  # the calendar is the only reference
    value = claim.value
    if not isinstance(value, WeekdayValue):
        return Judgement(Verdict.UNVERIFIABLE)
    actual = value.date.weekday()
    day = f"{calendar.month_name[value.date.month]} {value.date.day}, {value.date.year}"
    expected = f"{day} was a {calendar.day_name[actual]}"
    verdict = Verdict.SUPPORTED if actual == value.weekday else Verdict.CONTRADICTED
    return Judgement(verdict, expected)
