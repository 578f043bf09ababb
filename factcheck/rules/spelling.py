"""Rule kind ``spelling``: a name one typo away from a known person's name.

What it does
    Flags capitalised names that differ from exactly one known name by a
    single small edit in one word ("Stephen Beigun" for "Stephen Biegun").

Why is this bad?
    A misspelt name is an error readers and subjects notice at once, and it
    hides the person from every other check.

Example
    ``- id: person-name-spelling``
    ``  kind: spelling``
    ``  attribute: name``
    ``  severity: warning``

Options
    None beyond the shared rule fields. Names in the reference set, and
    names close to two known names, are never flagged.
"""

from __future__ import annotations

from factcheck.claims import Claim, NameValue
from factcheck.compare import Verdict
from factcheck.reference.model import Entity
from factcheck.rules.base import Judgement, Rule

name = "spelling"


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return CONTRADICTED with the known spelling for every near miss the claims stage found."""
    del rule, entity
    if not isinstance(claim.value, NameValue):
        return Judgement(Verdict.UNVERIFIABLE)
    return Judgement(Verdict.CONTRADICTED, claim.value.known)
