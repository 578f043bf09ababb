"""The file format of reference sets (SPEC section 3) as pydantic models.

These models describe what a file may contain; the loader checks files against
the same key names and reports problems with their line and column, which
pydantic cannot do, and ``ReferenceFile.model_json_schema()`` publishes the
format (``factcheck schema reference``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.reference.model import (
    ATTRIBUTE_PATTERN,
    DATE_PATTERN,
    ID_PATTERN,
    NUMBER_PATTERN,
    PERCENT_PATTERN,
    TYPE_PATTERN,
)


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


NonEmptyText = Annotated[str, Field(min_length=1)]
DateForm = Annotated[
    dt.date | int | Annotated[str, Field(pattern=DATE_PATTERN)],
    Field(description="YYYY-MM-DD, YYYY-MM or YYYY; the precision follows the written form"),
]
NumberForm = float | Annotated[str, Field(pattern=NUMBER_PATTERN)]


class DateRangeModel(_Schema):
    """An inclusive date range; each end may have any precision."""

    from_: DateForm = Field(alias="from")
    to: DateForm


class NumberModel(_Schema):
    """A number, or bounds on one, with an optional unit and tolerance."""

    value: NumberForm | None = None
    min: NumberForm | None = None
    max: NumberForm | None = None
    unit: NonEmptyText | None = None
    tolerance: (
        Annotated[float, Field(ge=0)] | Annotated[str, Field(pattern=PERCENT_PATTERN)] | None
    ) = Field(None, description="absolute, or a percentage such as 2%")


class TermModel(_Schema):
    """One value of a time-scoped fact, holding from..to (either end optional)."""

    value: NonEmptyText
    aliases: NonEmptyText | list[NonEmptyText] = []
    from_: DateForm | None = Field(None, alias="from")
    to: DateForm | None = None


FactValueModel = (
    DateForm
    | DateRangeModel
    | NumberModel
    | NumberForm
    | NonEmptyText
    | list[NonEmptyText]
    | list[TermModel | NonEmptyText]
)


class EntityModel(_Schema):
    """One entity of a reference file."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    type: Annotated[str, Field(pattern=TYPE_PATTERN)]
    names: Annotated[list[NonEmptyText], Field(min_length=1)]
    triggers: list[NonEmptyText] = []
    facts: dict[Annotated[str, Field(pattern=ATTRIBUTE_PATTERN)], FactValueModel] = {}
    source: NonEmptyText | list[NonEmptyText] | None = None
    note: str | None = None


class ReferenceFile(_Schema):
    """A reference file: a list of entities, optionally with the format version."""

    version: Literal[1] = 1
    entities: list[EntityModel]
