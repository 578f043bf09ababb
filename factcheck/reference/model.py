"""The reference set as loaded: frozen, typed, located facts.

The dataclasses are what the rest of factcheck reads. The file format of SPEC
section 3 is described by pydantic models in `factcheck.reference.schema`
(``ReferenceFile`` and the models it is made of); they can be imported from here
too, and are only then loaded, so that checking against a cached set does not
import pydantic for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

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

    def __len__(self) -> int:
        """Return how many entities the set holds."""
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return self._by_id.get(entity_id)

    def by_type(self, entity_type: str) -> tuple[Entity, ...]:
        """Return the entities of this type, in file order."""
        return self._by_type.get(entity_type, ())


_SCHEMA = frozenset({"DateRangeModel", "EntityModel", "NumberModel", "ReferenceFile", "TermModel"})


def __getattr__(name: str) -> Any:
    if name in _SCHEMA:
        from factcheck.reference import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
