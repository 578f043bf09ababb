"""Load reference files (SPEC section 3) into a `ReferenceSet`, reporting every problem at once.

Each file is composed once into located nodes (`yamlnodes`) and read in one
pass that builds the typed facts and records each problem at its line and
column. Checks that need the whole set (duplicate ids, references to other
entities) run after every file is read. If anything is wrong, one
`FactcheckError` carries all problems of all files, in file and line order.

How a fact's value is read depends on its attribute: ``date``, ``born`` and
``died`` are dates or ranges; ``ordinal`` a positive integer; ``title`` is
time-scoped; ``participants`` are entity ids; ``place``, ``country`` and
``birthplace`` are text. Any other attribute takes the form its value has.
Text that names only entity ids becomes a reference to those entities.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import gc
import json
import math
import os
import re
from collections.abc import Collection, Iterator, Sequence

import yaml
from pydantic import BaseModel
from yaml.constructor import SafeConstructor

from factcheck.errors import FactcheckError, Problem, did_you_mean
from factcheck.reference import model, schema
from factcheck.reference import yamlnodes as nodes
from factcheck.reference.files import referenced_files
from factcheck.reference.model import (
    DateFact,
    Entity,
    Fact,
    FactValue,
    Location,
    NumberFact,
    ReferenceSet,
    RefFact,
    ScopedFact,
    Term,
    TextFact,
)
from factcheck.values import DateValue, PartialDate

_ID = re.compile(model.ID_PATTERN)
_TYPE = re.compile(model.TYPE_PATTERN)
_ATTRIBUTE = re.compile(model.ATTRIBUTE_PATTERN)
_DATE = re.compile(model.DATE_PATTERN)
_NUMBER = re.compile(model.NUMBER_PATTERN)
_PERCENT = re.compile(model.PERCENT_PATTERN)

_DATE_ATTRIBUTES = frozenset({"date", "born", "died"})
_TEXT_ATTRIBUTES = frozenset({"place", "country", "birthplace"})

_KIND_NAMES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "empty",
    "timestamp": "a date",
}
# Far more than loads in any machine's memory: a file that never ends (a link to /dev/zero)
# is refused after this many bytes instead of being read until memory runs out.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Numbers written in YAML 1.1's other forms (0x1F, 1_000, 1:30) convert as PyYAML converts them.
_CONSTRUCTOR = SafeConstructor()


@dataclasses.dataclass(frozen=True)
class _Keys:
    """The keys a mapping may have and those it must have, taken from a schema model."""

    allowed: tuple[str, ...]
    required: tuple[str, ...]

    @classmethod
    def of(cls, schema: type[BaseModel]) -> _Keys:
        fields = {info.alias or name: info for name, info in schema.model_fields.items()}
        return cls(tuple(fields), tuple(key for key, info in fields.items() if info.is_required()))


_FILE_KEYS = _Keys.of(schema.ReferenceFile)
_ENTITY_KEYS = _Keys.of(schema.EntityModel)
_RANGE_KEYS = _Keys.of(schema.DateRangeModel)
_NUMBER_KEYS = _Keys.of(schema.NumberModel)
_TERM_KEYS = _Keys.of(schema.TermModel)


def load_reference(paths: Sequence[str | os.PathLike[str]]) -> ReferenceSet:
    """Load the reference files and directories in ``paths`` into one reference set.

    Raises `FactcheckError` with every problem found in every file.
    """
    problems: list[Problem] = []
    files = referenced_files(paths, problems)
    readers: list[_FileReader] = []
    with _cyclic_gc_paused():
        for path in files:
            text = _read_text(path, problems)
            if text is None:
                continue
            reader = _FileReader(path, problems)
            reader.read(text)
            readers.append(reader)
        return _assemble(readers, files, problems)


def load_entities(path: str, node: nodes.Node) -> ReferenceSet:
    """Load a list of entities written inside another YAML file, such as a rule example's facts.

    ``node`` is the list as `yamlnodes.compose` read it from the file at ``path``, so each
    problem is reported where it is written. Raises `FactcheckError` as `load_reference` does.
    """
    problems: list[Problem] = []
    reader = _FileReader(path, problems)
    reader.entity_list(node, '"facts"')
    return _assemble([reader], [path], problems)


def _assemble(
    readers: Sequence[_FileReader], files: list[str], problems: list[Problem]
) -> ReferenceSet:
    """Check the entities read across files (unique ids, known participants) and build the set."""
    entities: dict[str, Entity] = {}
    id_locations: dict[str, Location] = {}
    references: list[tuple[str, Location]] = []
    for reader in readers:
        for entity, where in reader.entities:
            first = id_locations.setdefault(entity.id, where)
            if first is where:
                entities[entity.id] = entity
            else:
                message = f'duplicate id "{entity.id}" (first defined at {first})'
                problems.append(Problem(where.path, where.line, where.column, message))
        references.extend(reader.references)
    for entity_id, where in references:
        if entity_id not in id_locations:
            message = f"unknown entity {_quoted(entity_id)} in participants"
            problems.append(Problem(where.path, where.line, where.column, message))
    if problems:
        order = {path: rank for rank, path in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.path, -1), p.line, p.column))
        raise FactcheckError(problems)
    return ReferenceSet((_with_references(e, entities) for e in entities.values()), files)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Loading makes millions of small objects without cycles: the collector would
    scan them over and over (it makes a large set load 2.5 times slower) and
    find nothing to free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_text(path: str, problems: list[Problem]) -> str | None:
    """Return the file's text, or None after recording why it cannot be read."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as e:  # ValueError: a path with a NUL character
        problems.append(Problem(path, 1, 1, f"cannot read file: {getattr(e, 'strerror', e)}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        message = f"more than {MAX_FILE_BYTES >> 20} MB: too large for a reference file"
        problems.append(Problem(path, 1, 1, message))
        return None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, e.start) + 1
        message = f"not valid UTF-8 (byte 0x{data[e.start]:02x})"
        problems.append(Problem(path, line, column, message))
        return None


def _with_references(entity: Entity, ids: Collection[str]) -> Entity:
    """Return ``entity`` with each text fact that names only entity ids made a reference."""
    facts = dict(entity.facts)
    for attribute, fact in entity.facts.items():
        if isinstance(fact.value, TextFact) and all(o in ids for o in fact.value.options):
            facts[attribute] = Fact(attribute, RefFact(fact.value.options), fact.location)
    return dataclasses.replace(entity, facts=facts) if facts != entity.facts else entity


class _FileReader:
    """Reads one file's nodes into entities, recording each problem where it is.

    Methods return None for a value that is wrong (after recording why), so a
    caller can tell a broken part from an absent one and go on reading.
    """

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        # Each entity with the location of its id, for the duplicate check across files.
        self.entities: list[tuple[Entity, Location]] = []
        # Ids named in participants, checked once every file is read.
        self.references: list[tuple[str, Location]] = []

    def problem(self, node: nodes.Node, message: str) -> None:
        """Record a problem located at ``node``."""
        self.problems.append(Problem(self.path, node.line, node.column, message))

    def location(self, node: nodes.Node) -> Location:
        """Return where ``node`` is."""
        return Location(self.path, node.line, node.column)

    def read(self, text: str) -> None:
        """Read the entities of the file whose content is ``text``."""
        try:
            root = nodes.compose(text)
        except nodes.ComposeError as e:
            self.problems.append(Problem(self.path, e.line, e.column, e.message))
            return
        if root is None or (isinstance(root, nodes.Scalar) and root.kind == "null"):
            return  # an empty file holds no entities
        if not isinstance(root, nodes.Mapping):
            message = f'the top level must be a mapping with "entities", not {_describe(root)}'
            self.problem(root, message)
            return
        fields = self.fields(root, _FILE_KEYS)
        version = fields.get("version")
        if version is not None and not (
            isinstance(version, nodes.Scalar) and version.kind == "int" and version.value == "1"
        ):
            self.problem(version, f"bad version {_shown(version)} (must be 1)")
        entities = fields.get("entities")
        if entities is not None:
            self.entity_list(entities, '"entities"')

    def entity_list(self, node: nodes.Node, label: str) -> None:
        """Read a list of entities; ``label`` names the list in messages."""
        if isinstance(node, nodes.Sequence):
            for item in node.items:
                self.entity(item)
        else:
            self.problem(node, f"{label} must be a list, not {_describe(node)}")

    def pairs(self, node: nodes.Mapping) -> Iterator[tuple[str, nodes.Scalar, nodes.Node]]:
        """Yield ``(key, key node, value node)``, reporting keys that are not strings or repeat."""
        seen: set[str] = set()
        for key, value in node.pairs:
            if not (isinstance(key, nodes.Scalar) and key.kind == "str"):
                self.problem(key, f"keys must be strings, not {_describe(key)}")
            elif key.value in seen:
                # PyYAML would silently keep the last value.
                self.problem(key, f"duplicate key {_quoted(key.value)}")
            else:
                seen.add(key.value)
                yield key.value, key, value

    def fields(self, node: nodes.Mapping, keys: _Keys) -> dict[str, nodes.Node]:
        """Return the mapping's values by key, reporting unknown and missing keys."""
        found: dict[str, nodes.Node] = {}
        unknown: list[str] = []
        for name, key, value in self.pairs(node):
            if name in keys.allowed:
                found[name] = value
            else:
                unknown.append(name)
                self.problem(key, f"unknown key {_quoted(name)}{did_you_mean(name, keys.allowed)}")
        for name in keys.required:
            # A missing key that resembles an unknown one is that key misspelt: reported already.
            if name not in found and not did_you_mean(name, unknown):
                self.problem(node, f'missing required key "{name}"')
        return found

    def entity(self, node: nodes.Node) -> None:
        """Read one item of ``entities``."""
        if not isinstance(node, nodes.Mapping):
            self.problem(node, f"an entity must be a mapping, not {_describe(node)}")
            return
        fields = self.fields(node, _ENTITY_KEYS)
        entity_id = self.identifier(fields["id"], "id", _ID) if "id" in fields else None
        entity_type = self.identifier(fields["type"], "type", _TYPE) if "type" in fields else None
        names: tuple[str, ...] | None = ()
        if "names" in fields:
            names = self.texts(fields["names"], "names", single=False)
            if names == ():
                self.problem(fields["names"], '"names" must list at least one name')
        triggers = self.texts(fields["triggers"], "triggers", False) if "triggers" in fields else ()
        sources = self.texts(fields["source"], "source", True) if "source" in fields else ()
        note = self.text(fields["note"], '"note"') if "note" in fields else None
        facts: dict[str, Fact] = {}
        facts_node = fields.get("facts")
        if isinstance(facts_node, nodes.Mapping):
            for attribute, key, value_node in self.pairs(facts_node):
                if not _ATTRIBUTE.fullmatch(attribute):
                    message = (
                        f"bad attribute {_quoted(attribute)} (must match {_ATTRIBUTE.pattern})"
                    )
                    self.problem(key, message)
                    continue
                value = self.fact_value(attribute, value_node)
                if value is not None:
                    facts[attribute] = Fact(attribute, value, self.location(value_node))
        elif facts_node is not None:
            self.problem(facts_node, f'"facts" must be a mapping, not {_describe(facts_node)}')
        if entity_id is None:
            return
        # An entity with broken parts still counts, so that its id takes part in the
        # duplicate and reference checks; the set is never returned with problems.
        entity = Entity(
            id=entity_id,
            type=entity_type or "",
            names=names or (),
            triggers=triggers or (),
            facts=facts,
            sources=sources or (),
            note=note,
            location=self.location(node),
        )
        self.entities.append((entity, self.location(fields["id"])))

    def identifier(self, node: nodes.Node, what: str, pattern: re.Pattern[str]) -> str | None:
        """Return the id or type that ``node`` holds if it matches ``pattern``."""
        text = self.text(node, f'"{what}"')
        if text is not None and not pattern.fullmatch(text):
            self.problem(node, f"bad {what} {_quoted(text)} (must match {pattern.pattern})")
            return None
        return text

    def text(self, node: nodes.Node, label: str) -> str | None:
        """Return the non-blank string that ``node`` holds; ``label`` names it in messages."""
        if not (isinstance(node, nodes.Scalar) and node.kind == "str"):
            hint = _quote_hint(node)
            self.problem(node, f"{label} must be a string, not {_describe(node)}{hint}")
            return None
        if not node.value.strip():
            self.problem(node, f"{label} must not be blank")
            return None
        return node.value

    def texts(self, node: nodes.Node, what: str, single: bool) -> tuple[str, ...] | None:
        """Return the strings of a list (or, if ``single``, of one string) of strings."""
        if single and isinstance(node, nodes.Scalar) and node.kind == "str":
            text = self.text(node, f'"{what}"')
            return None if text is None else (text,)
        if not isinstance(node, nodes.Sequence):
            expected = "a string or a list of strings" if single else "a list of strings"
            self.problem(node, f'"{what}" must be {expected}, not {_describe(node)}')
            return None
        texts = [self.text(item, f'"{what}" item') for item in node.items]
        return None if None in texts else tuple(t for t in texts if t is not None)

    def fact_value(self, attribute: str, node: nodes.Node) -> FactValue | None:
        """Read the value of ``attribute`` in the form that attribute takes."""
        if isinstance(node, nodes.Scalar) and node.kind == "null":
            self.problem(node, f'fact "{attribute}" has no value')
            return None
        if attribute in _DATE_ATTRIBUTES:
            return self.date_fact(node, attribute)
        if attribute in _TEXT_ATTRIBUTES:
            return self.text_fact(node, attribute)
        if attribute == "ordinal":
            return self.ordinal(node)
        if attribute == "title":
            return self.scoped(node, attribute)
        if attribute == "participants":
            return self.participants(node)
        return self.inferred(node, attribute)

    def inferred(self, node: nodes.Node, attribute: str) -> FactValue | None:
        """Read the value of a generic attribute in the form it is written in."""
        if isinstance(node, nodes.Mapping):
            keys = {key.value for key, _ in node.pairs if isinstance(key, nodes.Scalar)}
            if keys & {"from", "to"}:
                return self.date_fact(node, attribute)
            return self.number_fact(node, attribute)
        if isinstance(node, nodes.Sequence):
            if any(isinstance(item, nodes.Mapping) for item in node.items):
                return self.scoped(node, attribute)
            return self.text_fact(node, attribute)
        # A quoted year stays text ("1984" may be a title); a year-month or full date does not.
        if node.kind == "timestamp" or (
            node.kind == "str" and "-" in node.value and _DATE.fullmatch(node.value)
        ):
            return self.date_fact(node, attribute)
        if node.kind in ("int", "float"):
            return self.number_fact(node, attribute)
        if node.kind == "str":
            return self.text_fact(node, attribute)
        self.problem(
            node,
            f'unsupported value {_shown(node)} for "{attribute}" (expected a date, a number, '
            "text, entity ids or a time-scoped list)",
        )
        return None

    def date_fact(self, node: nodes.Node, attribute: str) -> DateFact | None:
        """Read a date or a ``{from, to}`` range."""
        if isinstance(node, nodes.Mapping):
            fields = self.fields(node, _RANGE_KEYS)
            start = self.date(fields["from"]) if "from" in fields else None
            end = self.date(fields["to"]) if "to" in fields else None
            if start is None or end is None or not self.ordered(start, end, fields["from"]):
                return None
            return DateFact(DateValue(start, end, is_range=True))
        if isinstance(node, nodes.Sequence):
            message = f'"{attribute}" must be a date or a range {{from: .., to: ..}}, not a list'
            self.problem(node, message)
            return None
        date = self.date(node)
        return None if date is None else DateFact(DateValue.single(date))

    def date(self, node: nodes.Node) -> PartialDate | None:
        """Read a date of year, month or day precision, as written."""
        if isinstance(node, nodes.Scalar) and node.kind in ("str", "int", "timestamp"):
            match = _DATE.fullmatch(node.value)
            if match:
                year, month, day = (int(part) if part else None for part in match.groups())
                try:
                    return PartialDate(year, month, day)
                except ValueError as e:
                    self.problem(node, f"bad date {_shown(node)} ({e})")
                    return None
        self.problem(node, f"bad date {_shown(node)} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
        return None

    def ordered(self, start: PartialDate, end: PartialDate, start_node: nodes.Node) -> bool:
        """Tell whether the period ``start`` begins no later than ``end`` ends; report if not."""
        if start.first_day() <= end.last_day():
            return True
        self.problem(start_node, f'"from" {start.iso()} is after "to" {end.iso()}')
        return False

    def number_fact(self, node: nodes.Node, attribute: str) -> NumberFact | None:
        """Read a number, or a ``{value|min|max, unit, tolerance}`` mapping."""
        if not isinstance(node, nodes.Mapping):
            value = self.number(node, f'"{attribute}"')
            return None if value is None else NumberFact(value, None, None, None, None, False)
        before = len(self.problems)
        fields = self.fields(node, _NUMBER_KEYS)
        keys_ok = len(self.problems) == before
        value, low, high = (
            self.number(fields[key], f'"{key}"') if key in fields else None
            for key in ("value", "min", "max")
        )
        unit = self.text(fields["unit"], '"unit"') if "unit" in fields else None
        tolerance = self.tolerance(fields["tolerance"]) if "tolerance" in fields else None
        if "value" in fields and ("min" in fields or "max" in fields):
            self.problem(node, 'give either "value" or "min"/"max", not both')
        elif keys_ok and not fields.keys() & {"value", "min", "max"}:
            # With a misspelt key ("vale: 3"), the misspelling is the one thing to report.
            self.problem(node, 'a number needs "value", "min" or "max"')
        if "tolerance" in fields and "value" not in fields:
            self.problem(fields["tolerance"], '"tolerance" needs a "value"')
        if low is not None and high is not None and low > high:
            self.problem(fields["min"], f'"min" {low:g} is more than "max" {high:g}')
        if len(self.problems) > before:
            return None
        amount, percent = tolerance or (None, False)
        return NumberFact(value, low, high, unit, amount, percent)

    def number(self, node: nodes.Node, label: str) -> float | None:
        """Return the finite number ``node`` holds; a numeric string counts."""
        if isinstance(node, nodes.Scalar):
            value = _to_float(node)
            if value is not None and math.isfinite(value):
                return value
        self.problem(node, f"{label} must be a number, not {_shown(node)}")
        return None

    def tolerance(self, node: nodes.Node) -> tuple[float, bool] | None:
        """Return a tolerance and whether it is a percentage (``2%``) rather than absolute."""
        amount, percent = None, False
        if isinstance(node, nodes.Scalar):
            if node.kind == "str" and _PERCENT.fullmatch(node.value):
                amount, percent = float(node.value.rstrip("% ")), True
            else:
                amount = _to_float(node)
        if amount is None or not math.isfinite(amount) or amount < 0:
            message = f'"tolerance" must be a number or a percentage like "2%", not {_shown(node)}'
            self.problem(node, message)
            return None
        return amount, percent

    def ordinal(self, node: nodes.Node) -> NumberFact | None:
        """Read an ordinal: a positive integer."""
        value = _to_float(node) if isinstance(node, nodes.Scalar) and node.kind == "int" else None
        if value is None or value < 1:
            self.problem(node, f'"ordinal" must be a positive integer, not {_shown(node)}')
            return None
        return NumberFact(value, None, None, None, None, False)

    def text_fact(self, node: nodes.Node, attribute: str) -> TextFact | None:
        """Read text: a string or a list of strings, each an acceptable mention."""
        options = self.texts(node, attribute, single=True)
        if options == ():
            self.problem(node, f'"{attribute}" must list at least one value')
            return None
        return None if options is None else TextFact(options)

    def participants(self, node: nodes.Node) -> RefFact | None:
        """Read entity ids, each to be checked against the whole set."""
        ids = self.texts(node, "participants", single=True)
        if ids == ():
            self.problem(node, '"participants" must list at least one entity id')
            return None
        if ids is None:
            return None
        items = node.items if isinstance(node, nodes.Sequence) else [node]
        self.references.extend(zip(ids, map(self.location, items), strict=True))
        return RefFact(ids)

    def scoped(self, node: nodes.Node, attribute: str) -> ScopedFact | None:
        """Read a time-scoped fact: a list of terms, or a plain string for one open term."""
        if isinstance(node, nodes.Mapping):
            message = f'"{attribute}" must be a list of terms {{value, from, to}}, not a mapping'
            self.problem(node, message)
            return None
        items = node.items if isinstance(node, nodes.Sequence) else [node]
        if not items:
            self.problem(node, f'"{attribute}" must list at least one value')
            return None
        terms = [self.term(item, attribute) for item in items]
        return None if None in terms else ScopedFact(tuple(t for t in terms if t is not None))

    def term(self, node: nodes.Node, attribute: str) -> Term | None:
        """Read one term: a string, or ``{value, aliases, from, to}``."""
        if isinstance(node, nodes.Scalar) and node.kind == "str":
            value = self.text(node, f'"{attribute}" item')
            return None if value is None else Term(value, (), None, None, self.location(node))
        if not isinstance(node, nodes.Mapping):
            message = (
                f'"{attribute}" item must be a string or a mapping with "value", '
                f"not {_describe(node)}"
            )
            self.problem(node, message)
            return None
        before = len(self.problems)
        fields = self.fields(node, _TERM_KEYS)
        value = self.text(fields["value"], '"value"') if "value" in fields else None
        aliases = self.texts(fields["aliases"], "aliases", True) if "aliases" in fields else ()
        start = self.date(fields["from"]) if "from" in fields else None
        end = self.date(fields["to"]) if "to" in fields else None
        if start is not None and end is not None:
            self.ordered(start, end, fields["from"])
        if len(self.problems) > before or value is None or aliases is None:
            return None
        return Term(value, aliases, start, end, self.location(node))


def _to_float(node: nodes.Scalar) -> float | None:
    """Return the number a scalar holds (YAML int or float, or a numeric string), else None."""
    try:
        if node.kind == "int":
            return float(_CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode("", node.value)))
        if node.kind == "float":
            return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode("", node.value))
        if node.kind == "str" and _NUMBER.fullmatch(node.value):
            return float(node.value)
    except (OverflowError, ValueError):  # too large for a float, or too long for an int
        pass
    return None


def _describe(node: nodes.Node) -> str:
    """Name the kind of a node for messages: ``a list``, ``an integer``..."""
    if isinstance(node, nodes.Mapping):
        return "a mapping"
    if isinstance(node, nodes.Sequence):
        return "a list"
    return _KIND_NAMES[node.kind]


def _shown(node: nodes.Node) -> str:
    """Show a node's value in a message: strings quoted, other scalars as written."""
    if not isinstance(node, nodes.Scalar) or node.kind == "null":
        return _describe(node)
    return _quoted(node.value) if node.kind == "str" else _clipped(node.value)


def _quoted(text: str) -> str:
    """Quote text from a file for a message, escaped so that the message stays on one line."""
    return json.dumps(_clipped(text), ensure_ascii=False)


def _clipped(text: str, limit: int = 60) -> str:
    """Shorten text from a file that is too long to show whole in a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _quote_hint(node: nodes.Node) -> str:
    """Suggest quotes for a scalar that YAML read as something other than a string."""
    if isinstance(node, nodes.Scalar) and node.kind not in ("str", "null"):
        return " (put it in quotes)"
    return ""
