"""The keys of a configuration file as pydantic models, used only when there is such a file.

Kept apart from `factcheck.config`, which every run imports: a run without a configuration
file does not need pydantic for it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factcheck.config import FailOn, Scope
from factcheck.rules.base import Severity
from factcheck.rules.schema import OneOrMany


class RuleOverrideModel(BaseModel):
    """A change to one rule: its severity, or ``enabled: false`` to turn it off."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    severity: Severity | None = None
    enabled: bool | None = None


class ConfigModel(BaseModel):
    """The keys a configuration may have."""

    model_config = ConfigDict(extra="forbid", title="factcheck configuration", defer_build=True)

    facts: OneOrMany = Field(default_factory=list, description="reference files or directories")
    rules: OneOrMany = Field(default_factory=list, description="rule files or directories")
    rule_overrides: dict[str, RuleOverrideModel] = Field(
        default_factory=dict, alias="rule-overrides", description="per rule id"
    )
    fail_on: FailOn | None = Field(None, alias="fail-on")
    skip_scopes: list[Scope] = Field(
        default_factory=list,
        alias="skip-scopes",
        description="parts of the text not checked: quotations; code (always skipped)",
    )

    encoding: str | None = Field(
        None, description="how articles without a byte order mark are decoded (default utf-8)"
    )

    @field_validator("encoding")
    @classmethod
    def _text_encoding(cls, value: str | None) -> str | None:
        from factcheck.document import text_encoding

        return None if value is None else text_encoding(value)

    @field_validator("facts", "rules", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value
