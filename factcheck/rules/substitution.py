"""Rule kind ``substitution``: house spellings and banned variants, with the spelling to use.

What it does
    Flags every match of a ``swap`` pattern and says which spelling the house
    style wants instead (``Kim Jong Un`` -> ``Kim Jong-un``). Needs no facts.

Why is this bad?
    One name spelt three ways in a paper's archive breaks search, corrections
    and the reader's trust; style guides fix one spelling for a reason.

Example
    ``- id: house-names``
    ``  kind: substitution``
    ``  severity: warning``
    ``  swap:``
    ``    Kim Jong Un: Kim Jong-un``
    ``    /Moon Jae[ -]In/: Moon Jae-in``

Options
    ``swap`` (required): pattern -> spelling to use. A pattern is literal text
    matched on word boundaries, or a regular expression between slashes (as in
    prh). A match that already is the wanted spelling is not flagged.
    ``ignorecase`` (default false): match patterns regardless of case.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from factcheck.claims import Claim
from factcheck.compare import Verdict
from factcheck.reference.model import Entity
from factcheck.rules.base import Judgement, Rule
from factcheck.values import Span

name = "substitution"
message = 'house style is "{expected}", not "{found}"'


def __getattr__(name: str) -> Any:
    # The loader asks for ``Options`` only when it reads a rule of this kind.
    if name == "Options":
        from factcheck.rules.substitution_options import Options

        return Options
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return UNVERIFIABLE: this kind reads text in :func:`scan`, not claims."""
    del rule, claim, entity
    return Judgement(Verdict.UNVERIFIABLE)


def scan(rule: Rule, text: str, regions: Sequence[Span]) -> Iterator[tuple[Span, str]]:
    """Yield every banned spelling in the checked regions, with the spelling to use."""
    matches = getattr(rule.options, "matches", None)  # a substitution_options.Options
    if matches is not None:
        yield from sorted(matches(text, regions), key=lambda m: m[0])
