"""What every rule shares: the YAML fields users write, the compiled rule, and a judgement."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from factcheck.claims import Claim
from factcheck.compare import Verdict
from factcheck.reference.model import Entity, Fact

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
PLACEHOLDERS = frozenset({"entity", "found", "expected", "source", "attribute"})
# A list of strings that may be written as one string; a "before" validator makes the list.
OneOrMany = Annotated[
    list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class Select(BaseModel):
    """Which entities a rule applies to: by type and/or id (empty means all)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: OneOrMany = Field(default_factory=list)
    id: OneOrMany = Field(default_factory=list)

    @field_validator("type", "id", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def matches(self, entity: Entity) -> bool:
        """Tell whether ``entity`` is selected."""
        if self.type and entity.type not in self.type:
            return False
        return not (self.id and entity.id not in self.id)


class Example(BaseModel):
    """A rule's own example: a text, the facts it needs, and what the rule must say about it.

    ``facts`` lists entities exactly as the ``entities`` of a reference file do, and
    ``facts_file`` names a reference file (relative to the rule file) instead. Both are read
    by the reference-set loader when the example runs, so their problems are reported where
    they are written.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, description="the sentence or paragraph the rule judges")
    date: dt.date | None = Field(None, description="publication date (YYYY-MM-DD)")
    facts: list[dict[str, Any]] = Field(
        default_factory=list, description="entities, as in a reference file"
    )
    facts_file: str | None = Field(None, description="a reference file, relative to this file")
    expect: Literal["supported", "contradicted", "unverifiable"] = Field(
        description="the verdict this rule must give"
    )
    found: str | None = Field(None, description="the words of the text the verdict is about")

    @model_validator(mode="after")
    def _one_source_of_facts(self) -> Example:
        if self.facts and self.facts_file is not None:
            raise ValueError('give either "facts" or "facts_file", not both')
        return self


class RuleSpec(BaseModel):
    """The fields every rule file entry may carry, whatever its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: str | None = None
    extends: str | None = Field(None, description='the kind, Vale-style ("extends: cue")')
    attribute: str | None = None
    select: Select = Field(default_factory=Select)
    cues: list[str] | None = None
    value: Literal["number", "date", "text"] | None = None
    severity: Severity = "error"
    message: str | None = None
    description: str = ""
    link: str | None = None
    enabled: bool = True
    examples: list[Example] = Field(default_factory=list)

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        for _, name, _, _ in string.Formatter().parse(value):
            if name is not None and name not in PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
                raise ValueError(f'unknown placeholder "{{{name}}}" (use {known})')
        return value

    @model_validator(mode="before")
    @classmethod
    def _extends_names_the_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("extends") is not None:
            if data.get("kind") is not None and data["kind"] != data["extends"]:
                raise ValueError('give "kind" or "extends", not both')
            data = {**data, "kind": data["extends"]}
        return data

    @model_validator(mode="after")
    def _attribute_when_needed(self) -> RuleSpec:
        if self.attribute is None and self.kind in (None, "attribute", "cue"):
            raise ValueError('missing required field "attribute"')
        return self

    @field_validator("cues")
    @classmethod
    def _cues_not_empty(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("cues must list at least one word")
        return value


class RulesFile(BaseModel):
    """A rules file: the rules it defines, each in the format above."""

    model_config = ConfigDict(extra="forbid", title="factcheck rules file")

    rules: list[RuleSpec]


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
