"""The options of the ``substitution`` rule kind, validated by pydantic when a rule is loaded.

They live apart from the kind so that a run with no substitution rule never imports pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from factcheck.values import Span


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
