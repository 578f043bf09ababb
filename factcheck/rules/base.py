"""What every rule shares: its fields as users write them, the compiled rule, a judgement.

The fields are validated by the pydantic models of `factcheck.rules.schema` when a rules
file is read; a rule keeps them as the plain `RuleSpec` here, so that rules read from the
cache are used without importing pydantic. ``RulesFile``, the schema of a whole rules file,
can be imported from here too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from factcheck.reference.model import Entity, Fact

if TYPE_CHECKING:
    from pydantic import BaseModel

    from factcheck.claims import Claim
    from factcheck.compare import Verdict
    from factcheck.rules.schema import RulesFile as RulesFile

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
PLACEHOLDERS = frozenset({"entity", "found", "expected", "source", "attribute"})


@dataclass(frozen=True)
class Select:
    """Which entities a rule applies to: by type and/or id (empty means all)."""

    type: list[str] = field(default_factory=list)
    id: list[str] = field(default_factory=list)

    def matches(self, entity: Entity) -> bool:
        """Tell whether ``entity`` is selected."""
        if self.type and entity.type not in self.type:
            return False
        return not (self.id and entity.id not in self.id)


@dataclass(frozen=True, kw_only=True)
class Example:
    """A rule's own example: a text, the facts it needs, and what the rule must say about it.

    ``facts`` lists entities exactly as the ``entities`` of a reference file do, and
    ``facts_file`` names a reference file (relative to the rule file) instead.
    """

    text: str
    date: dt.date | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)
    facts_file: str | None = None
    expect: Literal["supported", "contradicted", "unverifiable"]
    found: str | None = None


@dataclass(frozen=True, kw_only=True)
class RuleSpec:
    """The fields every rule carries, whatever its kind, as validated (see `rules.schema`)."""

    id: str
    kind: str | None = None
    extends: str | None = None
    attribute: str | None = None
    select: Select = field(default_factory=Select)
    cues: list[str] | None = None
    value: Literal["number", "date", "text"] | None = None
    severity: Severity = "error"
    message: str | None = None
    description: str = ""
    link: str | None = None
    enabled: bool = True
    examples: list[Example] = field(default_factory=list)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> RuleSpec:
        """Return a copy with the fields in ``update`` changed (pydantic's name for it)."""
        return dataclasses.replace(self, **(update or {}))


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a rule says about one claim: the verdict, what the reference expects, and from where."""

    verdict: Verdict
    expected: str | None = None
    fact: Fact | None = None
    message: str | None = None


class Kind(Protocol):
    """A rule kind: judges the claims a rule of this kind selects."""

    name: str

    def judge(self, rule: Rule, claim: Claim, entity: Entity | None) -> Judgement:
        """Return the judgement of ``claim`` about ``entity`` (None for entity-free claims)."""
        ...


@dataclass(frozen=True, slots=True)
class Override:
    """A configured change to one rule (its severity, whether it runs) and where it is written."""

    severity: Severity | None
    enabled: bool | None
    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Rule:
    """A validated rule bound to its kind, with where it was defined."""

    spec: RuleSpec
    kind: Kind
    path: str
    line: int
    column: int = 1
    options: BaseModel | None = None  # the kind's own validated options, when it has any

    @property
    def id(self) -> str:
        """Return the rule's id."""
        return self.spec.id

    def applies(self, claim: Claim, entity: Entity | None) -> bool:
        """Tell whether this rule judges ``claim`` about ``entity`` (None: the claim needs none)."""
        if not self.spec.enabled or claim.attribute != self.spec.attribute:
            return False
        return entity is None or self.spec.select.matches(entity)


def __getattr__(name: str) -> Any:
    # The schema of a rules file, for code that imported it from here.
    if name == "RulesFile":
        from factcheck.rules import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
