"""The reference set as loaded (frozen, typed, located facts) and the schema of its files.

The dataclasses are what the rest of factcheck reads. The pydantic models at
the end describe the file format of SPEC section 3; the loader takes its key
names from them, and ``ReferenceFile.model_json_schema()`` publishes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from factcheck.values import DateValue, PartialDate

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TYPE_PATTERN = r"^[a-z][a-z0-9-]*$"
ATTRIBUTE_PATTERN = r"^[a-z][a-z0-9_-]*$"
DATE_PATTERN = r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$"
NUMBER_PATTERN = r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"
PERCENT_PATTERN = r"^(\.[0-9]+|[0-9]+(\.[0-9]*)?) *%$"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a reference file, 1-based."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date, or with ``value.is_range`` an inclusive range of dates."""

    value: DateValue


@dataclass(frozen=True, slots=True)
class NumberFact:
    """A number (``value``) or bounds (``min``/``max``), with an optional unit and tolerance."""

    value: float | None
    min: float | None
    max: float | None
    unit: str | None
    tolerance: float | None
    tolerance_is_percent: bool


@dataclass(frozen=True, slots=True)
class TextFact:
    """Text: a mention that equals any of the options is supported."""

    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RefFact:
    """References to other entities of the set, by id."""

    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a time-scoped fact and the period it holds (an open end is None)."""

    value: str
    aliases: tuple[str, ...]
    start: PartialDate | None
    end: PartialDate | None
    location: Location


@dataclass(frozen=True, slots=True)
class ScopedFact:
    """A time-scoped fact: values that each hold for a period, such as the titles of a person."""

    terms: tuple[Term, ...]


FactValue: TypeAlias = DateFact | NumberFact | TextFact | RefFact | ScopedFact


@dataclass(frozen=True, slots=True)
class Fact:
    """One attribute of an entity with its value, located at the value in the file."""

    attribute: str
    value: FactValue
    location: Location


@dataclass(frozen=True)
class Entity:
    """Something the reference set knows facts about, located at its mapping in the file."""

    id: str
    type: str
    names: tuple[str, ...]
    triggers: tuple[str, ...]
    facts: Mapping[str, Fact]
    sources: tuple[str, ...]
    note: str | None
    location: Location

    def __hash__(self) -> int:
        # Ids are unique within a set, and the facts mapping could not be hashed anyway.
        return hash(self.id)


class ReferenceSet:
    """The entities of one or more reference files, looked up by id or by type."""

    __slots__ = ("_by_id", "_by_type", "entities", "files")

    def __init__(self, entities: Iterable[Entity], files: Iterable[str]) -> None:
        self.entities = tuple(entities)
        self.files = tuple(files)
        self._by_id = {entity.id: entity for entity in self.entities}
        by_type: dict[str, list[Entity]] = {}
        for entity in self.entities:
            by_type.setdefault(entity.type, []).append(entity)
        self._by_type = {name: tuple(group) for name, group in by_type.items()}

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return self._by_id.get(entity_id)

    def by_type(self, entity_type: str) -> tuple[Entity, ...]:
        """Return the entities of this type, in file order."""
        return self._by_type.get(entity_type, ())


# File schema (SPEC section 3). These models describe what a file may contain;
# the loader checks files against the same key names and reports problems
# with their line and column, which pydantic cannot do.


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
