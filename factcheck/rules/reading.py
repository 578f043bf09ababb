"""Reads rules files: YAML composed into located nodes, every rule validated with pydantic.

This is the slow part of loading rules, kept apart from `factcheck.rules.loader` so that
rules read from the cache import neither YAML nor pydantic. Every problem of every file
is recorded, at its line and column.
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor

from factcheck.errors import Problem, did_you_mean
from factcheck.rules import schema
from factcheck.rules.base import Kind, Rule
from factcheck.rules.loader import shipped_rules_dir
from factcheck.values import LineIndex


class _Loader(yaml.SafeLoader):
    """A safe loader that leaves dates as written: pydantic reads them, and a bad one
    ("2019-02-30") is then a located problem instead of an exception."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):
        """`_Loader` in C (libyaml), ten times as fast: for the shipped rules only, because
        libyaml recurses without a limit, and a deeply nested file would crash the process."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def read_rules(
    files: Sequence[Path], available: Mapping[str, Kind], problems: list[Problem]
) -> list[tuple[Rule, dict[str, Any]]]:
    """Return every valid rule of ``files`` with the fields it gives for its kind.

    Records every problem of every file, duplicate rule ids included.
    """
    rules: list[tuple[Rule, dict[str, Any]]] = []
    seen: dict[str, Rule] = {}
    for path in files:
        for spec, node, extra in _entries(path, problems):
            if not isinstance(spec, schema.RuleSpec):
                # the shared fields were invalid: still report the kind's own fields' problems
                kind = available.get(
                    str(spec.get("kind") or ("cue" if spec.get("cues") else "attribute"))
                )
                if kind is not None:
                    _options(str(path), node, kind, extra, problems)
                continue
            kind_name = spec.kind or ("cue" if spec.cues else "attribute")
            kind = available.get(kind_name)
            if kind is None:
                hint = did_you_mean(kind_name, available)
                line, col = locate(node, ("kind",))
                message = f'unknown rule kind "{kind_name}"{hint}'
                problems.append(Problem(str(path), line, col, message))
                continue
            valid, options = _options(str(path), node, kind, extra, problems)
            if not valid:
                continue
            if spec.id in seen:
                first = seen[spec.id]
                line, col = locate(node, ("id",))
                message = (
                    f'duplicate rule id "{spec.id}" (first defined at {first.path}:{first.line})'
                )
                problems.append(Problem(str(path), line, col, message))
                continue
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            rule = Rule(schema.compiled(spec), kind, str(path), line, col, options)
            seen[spec.id] = rule
            rules.append((rule, extra))
    return rules


def _options(
    path: str, node: yaml.Node, kind: Kind, extra: dict[str, Any], problems: list[Problem]
) -> tuple[bool, BaseModel | None]:
    """Validate the fields a rule gives beyond the shared ones against its kind's ``Options``.

    Returns whether they are valid (problems are recorded) and the options, None for a kind
    without any.
    """
    model = cast(type[BaseModel] | None, getattr(kind, "Options", None))
    if model is None:
        for key in extra:
            hint = did_you_mean(key, schema.RuleSpec.model_fields)
            line, col = locate(node, (key,), True)
            problems.append(Problem(path, line, col, f'unknown field "{key}"{hint}'))
        return not extra, None
    fields = set(model.model_fields)
    unknown = [key for key in extra if key not in fields]
    hinted: set[str] = set()
    for key in unknown:
        close = difflib.get_close_matches(key, sorted(fields), n=1, cutoff=0.6)
        hinted.update(close)
        line, col = locate(node, (key,), True)
        problems.append(
            Problem(path, line, col, f'unknown field "{key}"{did_you_mean(key, fields)}')
        )
    try:
        options = model.model_validate({k: v for k, v in extra.items() if k in fields})
    except ValidationError as exc:
        # a misspelt field is one mistake: don't also report the field it meant as missing
        errors = [e for e in exc.errors() if not (e["type"] == "missing" and e["loc"][0] in hinted)]
        where = functools.partial(locate, node)
        problems.extend(Problem(path, *where(e["loc"], False), _message(e, model)) for e in errors)
        return False, None
    return not unknown, options


def _entries(
    path: Path, problems: list[Problem]
) -> Iterable[tuple[schema.RuleSpec | dict[str, Any], yaml.Node, dict[str, Any]]]:
    """Yield each rule of one file: its shared fields, its YAML node and its kind's own fields.

    When the shared fields are invalid (the problems are recorded), they come as the raw
    mapping instead of a ``RuleSpec``, so the kind's own fields can still be checked.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = _compose(text, shipped=path.resolve().parent == shipped_rules_dir().resolve())
    except OSError as exc:
        problems.append(Problem(str(path), 1, 1, f"cannot read rules file: {exc.strerror}"))
        return
    except UnicodeDecodeError:
        problems.append(Problem(str(path), 1, 1, "rules file is not valid UTF-8"))
        return
    except (yaml.YAMLError, RecursionError) as exc:
        problems.append(yaml_problem(str(path), text, exc))
        return
    if root is None:
        return
    rules_node = _key(root, "rules")
    if not isinstance(root, yaml.MappingNode) or rules_node is None:
        problems.append(Problem(str(path), 1, 1, 'a rules file needs a top-level "rules:" list'))
        return
    if not isinstance(rules_node, yaml.SequenceNode):
        m = rules_node.start_mark
        problems.append(Problem(str(path), m.line + 1, m.column + 1, '"rules" must be a list'))
        return
    for item in rules_node.value:
        try:
            data: Any = SafeConstructor().construct_document(item)
        except yaml.YAMLError as exc:  # a tag such as !!python/object: refused, never run
            problems.append(yaml_problem(str(path), text, exc))
            continue
        extra: dict[str, Any] = {}
        if isinstance(data, dict):
            extra = {k: v for k, v in data.items() if k not in schema.RuleSpec.model_fields}
            data = {k: v for k, v in data.items() if k in schema.RuleSpec.model_fields}
        try:
            spec = schema.RuleSpec.model_validate(data)
        except ValidationError as exc:
            where = functools.partial(locate, item)
            problems.extend(validation_problems(str(path), exc, schema.RuleSpec, where))
            yield (data if isinstance(data, dict) else {}), item, extra
            continue
        yield spec, item, extra


def _compose(text: str, shipped: bool) -> yaml.Node | None:
    """Compose a rules file; the shipped ones, which are known to be sound, with libyaml."""
    if shipped and yaml.__with_libyaml__:
        return yaml.compose(text, Loader=_CLoader)
    return yaml.compose(text, Loader=_Loader)


def validation_problems(
    path: str,
    exc: ValidationError,
    model: type[BaseModel],
    where: Callable[[tuple[int | str, ...], bool], tuple[int, int]],
) -> list[Problem]:
    """Turn pydantic's errors into problems in ``path``.

    ``where(loc, at_key)`` returns the line and column of an error's location (of its last
    key, with ``at_key``, for an unknown key).
    """
    return [
        Problem(path, *where(err["loc"], err["type"] == "extra_forbidden"), _message(err, model))
        for err in exc.errors()
    ]


def _key(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return cast(yaml.Node, v)
    return None


def yaml_problem(path: str, text: str, exc: yaml.YAMLError | RecursionError) -> Problem:
    """Return the problem with YAML ``text`` that PyYAML could not compose or construct.

    Besides syntax errors, that is a tag naming a Python object (refused, never constructed),
    a character YAML does not allow, or nesting deeper than Python's recursion limit.
    """
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(path, line, col, f"YAML error: {exc.problem or exc.context}")
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = LineIndex(text).position(exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(path, line, col, f"YAML error: character U+{code:04X} is not allowed")
    return Problem(path, 1, 1, "YAML error: nested too deeply")


def locate(node: yaml.Node, loc: tuple[int | str, ...], at_key: bool = False) -> tuple[int, int]:
    """Return the line and column of the YAML node a pydantic error location points at.

    With ``at_key``, the last part of ``loc`` is a key, and its position is the key's (an
    unknown key is best pointed at by the key itself).
    """
    current = node
    for i, part in enumerate(loc):
        nxt: yaml.Node | None = None
        if isinstance(part, str) and isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if k.value == part:
                    nxt = k if at_key and i == len(loc) - 1 else v
        elif (
            isinstance(part, int)
            and isinstance(current, yaml.SequenceNode)
            and 0 <= part < len(current.value)
        ):
            nxt = current.value[part]
        if nxt is None:
            break
        current = nxt
    return current.start_mark.line + 1, current.start_mark.column + 1


def _message(err: Any, model: type[BaseModel]) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        field = str(err["loc"][-1])
        hint = did_you_mean(field, _keys_at(model, err["loc"][:-1]))
        return f'unknown field "{field}"{hint}'
    if err["type"] == "missing":
        return f'missing required field "{loc}"'
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _keys_at(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """Return the keys allowed in the mapping that ``loc`` points at inside ``model``."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    models = [t for t in _arms(current) if isinstance(t, type) and issubclass(t, BaseModel)]
    return [info.alias or name for m in models for name, info in m.model_fields.items()]


def _step(annotation: Any, part: int | str) -> Any:
    """Return the annotation of the value at ``part`` (a field, a list index, a mapping key)."""
    for arm in _arms(annotation):
        if isinstance(arm, type) and issubclass(arm, BaseModel):
            for name, info in arm.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
        elif typing.get_origin(arm) is list and isinstance(part, int):
            return typing.get_args(arm)[0]
        elif typing.get_origin(arm) is dict and isinstance(part, str):
            return typing.get_args(arm)[1]
    return None


def _arms(annotation: Any) -> list[Any]:
    """Return the types a union (or ``Annotated``, or a plain type) stands for."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _arms(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _arms(arg)]
    return [annotation]
