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

import re
from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from factcheck.claims import Claim
from factcheck.compare import Verdict
from factcheck.reference.model import Entity
from factcheck.rules.base import Judgement, Rule
from factcheck.values import Span

name = "substitution"
message = 'house style is "{expected}", not "{found}"'


class Options(BaseModel):
    """The substitution kind's own fields, compiled once when the rule is loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    swap: dict[str, str] = Field(min_length=1)
    ignorecase: bool = False
    _patterns: list[tuple[re.Pattern[str], str]] = PrivateAttr(default_factory=list)

    @field_validator("swap")
    @classmethod
    def _patterns_compile(cls, swap: dict[str, str]) -> dict[str, str]:
        for pattern in swap:
            try:
                re.compile(_source(pattern))
            except re.error as exc:
                raise ValueError(f'bad pattern "{pattern}": {exc}') from None
        return swap

    def model_post_init(self, context: object) -> None:
        """Compile every pattern once."""
        flags = re.IGNORECASE if self.ignorecase else 0
        self._patterns = [(re.compile(_source(p), flags), want) for p, want in self.swap.items()]

    def matches(self, text: str, regions: Sequence[Span]) -> Iterator[tuple[Span, str]]:
        """Yield each span inside ``regions`` that a pattern matches, with the wanted spelling."""
        for region in regions:
            for pattern, want in self._patterns:
                for m in pattern.finditer(text, region.start, region.end):
                    if m.end() > m.start() and m.group() != want:
                        yield Span(m.start(), m.end()), want


def _source(pattern: str) -> str:
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        return pattern[1:-1]
    return rf"(?<!\w){re.escape(pattern)}(?!\w)"


def judge(rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
    """Return UNVERIFIABLE: this kind reads text in :func:`scan`, not claims."""
    del rule, claim, entity
    return Judgement(Verdict.UNVERIFIABLE)


def scan(rule: Rule, text: str, regions: Sequence[Span]) -> Iterator[tuple[Span, str]]:
    """Yield every banned spelling in the checked regions, with the spelling to use."""
    if isinstance(rule.options, Options):
        yield from sorted(rule.options.matches(text, regions), key=lambda m: m[0])
