"""Compose YAML text into small located nodes, refusing aliases, custom tags and deep nesting.

Reference files are read as a tree of `Scalar`, `Sequence` and `Mapping`
nodes that keep their 1-based line and column, so that every later problem
can be reported where it is. The tree is built from libyaml's event stream
(PyYAML's pure-Python parser when libyaml is absent) instead of
``yaml.compose``: libyaml's composer recurses in C and crashes the interpreter
on deeply nested input, and it resolves scalar types through a slow generic
path.

Scalars are typed as PyYAML's ``safe_load`` types them (YAML 1.1: ``2018`` is
an int, ``2018-06-12`` a timestamp, ``yes`` a bool) with one exception: a
plain scalar that YAML 1.2 reads as a float, such as ``51.7e6``, is a float
here too rather than a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol, TypeAlias

import yaml
from yaml.resolver import Resolver

from factcheck.values import LineIndex

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ScalarKind: TypeAlias = Literal["str", "int", "float", "bool", "null", "timestamp"]

# Deeper than anything the reference format needs, far shallower than what breaks a parser.
MAX_DEPTH = 50

_CORE_KINDS: dict[str, ScalarKind] = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
# No tag, the non-specific tag, or the tag a scalar or collection has anyway.
_SCALAR_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})
_COLLECTION_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
_YAML12_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar as written (``value``), with the type YAML gives it (``kind``)."""

    value: str
    kind: ScalarKind
    line: int
    column: int


@dataclass(slots=True, eq=False)
class Sequence:
    """A YAML sequence."""

    items: list[Node]
    line: int
    column: int


@dataclass(slots=True, eq=False)
class Mapping:
    """A YAML mapping, its pairs in document order (duplicate keys kept, for reporting)."""

    pairs: list[tuple[Node, Node]]
    line: int
    column: int


Node: TypeAlias = Scalar | Sequence | Mapping


class ComposeError(Exception):
    """The text is not a YAML document this module accepts; located at 1-based line and column."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.line = line
        self.column = column
        self.message = message


def compose(text: str) -> Node | None:
    """Return the root node of the one YAML document in ``text``, or None when it has none."""
    try:
        return _compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = _position(mark)
        problem = e.problem or e.context or "not valid YAML"
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            # libyaml's "found character that cannot start any token" does not say which.
            problem = "a tab where YAML does not allow one; indent with spaces"
        raise ComposeError(line, column, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as e:
        line, column = LineIndex(text).position(e.position)
        message = f"unacceptable character #x{e.character:04x}: {e.reason}"
        raise ComposeError(line, column, message) from None


def _compose(text: str) -> Node | None:
    root: Node | None = None
    # Collections still open, innermost last; a mapping's keys and values alternate in its list.
    stack: list[tuple[Sequence | Mapping, list[Node]]] = []
    # Plain scalars repeat a lot (keys above all), so each is resolved once.
    kinds: dict[str, ScalarKind] = {}
    for event in yaml.parse(text, Loader=_Loader):
        line, column = _position(event.start_mark)
        node: Node
        if isinstance(event, yaml.ScalarEvent):
            if event.tag not in _SCALAR_TAGS:
                raise _unsupported_tag(event.tag, line, column)
            kind: ScalarKind = "str"
            if event.implicit[0] and event.tag != "tag:yaml.org,2002:str":
                value = event.value
                kind = kinds.get(value) or kinds.setdefault(value, _resolve(value))
            node = Scalar(event.value, kind, line, column)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if event.tag not in _COLLECTION_TAGS:
                raise _unsupported_tag(event.tag, line, column)
            if len(stack) == MAX_DEPTH:
                raise ComposeError(line, column, f"nesting is deeper than {MAX_DEPTH} levels")
            opened: Sequence | Mapping
            if isinstance(event, yaml.SequenceStartEvent):
                opened = Sequence([], line, column)
            else:
                opened = Mapping([], line, column)
            stack.append((opened, []))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            node, children = stack.pop()
            if isinstance(node, Sequence):
                node.items = children
            else:
                node.pairs = list(zip(children[0::2], children[1::2], strict=True))
        elif isinstance(event, yaml.AliasEvent):
            # Aliases let a few bytes stand for an exponentially large tree ("billion laughs").
            message = f'alias "*{event.anchor}" is not allowed: reference files may not use aliases'
            raise ComposeError(line, column, message)
        elif isinstance(event, yaml.DocumentStartEvent) and root is not None:
            raise ComposeError(line, column, "a reference file must hold one YAML document")
        else:
            continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    return root


class _Mark(Protocol):
    """A position in the text, as libyaml's and PyYAML's marks both give it (0-based)."""

    index: int
    line: int
    column: int


def _position(mark: _Mark | None) -> tuple[int, int]:
    """Return the 1-based line and column of a mark (the start of the text if there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _unsupported_tag(tag: str | None, line: int, column: int) -> ComposeError:
    shown = str(tag).replace("tag:yaml.org,2002:", "!!")
    return ComposeError(line, column, f'unsupported tag "{shown}"')


def _resolve(value: str) -> ScalarKind:
    """Return the kind PyYAML's resolver gives the plain scalar ``value`` (see the module doc)."""
    resolvers = Resolver.yaml_implicit_resolvers.get(value[:1], [])
    for tag, regexp in resolvers:
        if regexp.match(value):
            # The merge ("<<") and value ("=") tags are plain strings to this format.
            return _CORE_KINDS.get(tag, "str")
    return "float" if _YAML12_FLOAT.fullmatch(value) else "str"
