"""The fields of a rules file as pydantic models: what a rule may say, validated when read.

`factcheck.rules.reading` validates every rule of a file with `RuleSpec`, then keeps it
as the plain `factcheck.rules.base.RuleSpec` (`compiled`), which is what the rest of
factcheck reads: checking with rules from the cache imports no pydantic.
``RulesFile.model_json_schema()`` publishes the format (``factcheck schema rules``).
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from factcheck.rules import base
from factcheck.rules.base import PLACEHOLDERS, Severity

# A list of strings that may be written as one string; a "before" validator makes the list.
OneOrMany = Annotated[
    list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


def _empty() -> list[Any]:
    """Return an empty list, as a default.

    Not ``list`` itself: pydantic inspects a default factory's signature, and a builtin's
    is parsed from text, which takes a millisecond every run.
    """
    return []


class Select(BaseModel):
    """Which entities a rule applies to: by type and/or id (empty means all)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    type: OneOrMany = Field(default_factory=_empty)
    id: OneOrMany = Field(default_factory=_empty)

    @field_validator("type", "id", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Example(BaseModel):
    """A rule's own example: a text, the facts it needs, and what the rule must say about it.

    ``facts`` lists entities exactly as the ``entities`` of a reference file do, and
    ``facts_file`` names a reference file (relative to the rule file) instead. Both are read
    by the reference-set loader when the example runs, so their problems are reported where
    they are written.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    text: str = Field(min_length=1, description="the sentence or paragraph the rule judges")
    date: dt.date | None = Field(None, description="publication date (YYYY-MM-DD)")
    facts: list[dict[str, Any]] = Field(
        default_factory=_empty, description="entities, as in a reference file"
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

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    examples: list[Example] = Field(default_factory=_empty)

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

    model_config = ConfigDict(extra="forbid", title="factcheck rules file", defer_build=True)

    rules: list[RuleSpec]


def compiled(spec: RuleSpec) -> base.RuleSpec:
    """Return the validated ``spec`` as the plain rule fields the rest of factcheck reads."""
    fields = {name: getattr(spec, name) for name in RuleSpec.model_fields}
    select = base.Select(type=spec.select.type, id=spec.select.id)
    examples = [
        base.Example(**{name: getattr(e, name) for name in Example.model_fields})
        for e in spec.examples
    ]
    return base.RuleSpec(**{**fields, "select": select, "examples": examples})
