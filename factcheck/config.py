"""Finds and reads the configuration: ``factcheck.yaml``, or ``[tool.factcheck]`` in pyproject.toml.

Without ``--config``, the nearest of the current directory and its parents
that has a ``factcheck.yaml``, or a ``pyproject.toml`` with a
``[tool.factcheck]`` table, holds the configuration (``factcheck.yaml``
first within one directory). Paths in it are relative to its directory and
may not leave it. Command-line options override it: ``--facts`` replaces the
configured reference set, ``--rules`` adds to the configured rules,
``--fail-on`` replaces the configured level.

``skip-scopes``: ``quotations`` leaves claims inside quotation marks unjudged (a
quote can't be corrected); ``code`` is always skipped in Markdown and HTML anyway.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from factcheck.errors import FactcheckError, Problem
from factcheck.rules.base import Override

CONFIG_NAME = "factcheck.yaml"
PYPROJECT = "pyproject.toml"
FailOn = Literal["error", "warning", "info", "never"]
Scope = Literal["quotations", "code"]

# From a location in the configuration's data (keys and list indices) to its line and column
# (with True: the line and column of its last key).
Where = Callable[[tuple[int | str, ...], bool], tuple[int, int]]

_TOOL_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*factcheck[ \t]*[\].]", re.M)
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_WHERE = re.compile(r" \(at [^)]*\)")


@dataclass(frozen=True)
class Config:
    """The effective configuration, and where each of its values came from.

    ``origins`` maps each key (as written in the file) to ``file:line``, ``command line``
    or ``default``.
    """

    file: Path | None = None
    facts: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    overrides: Mapping[str, Override] = field(default_factory=dict)
    fail_on: FailOn = "error"
    skip_scopes: tuple[Scope, ...] = ()
    encoding: str = "utf-8"
    origins: Mapping[str, str] = field(default_factory=dict)

    def origin(self, key: str) -> str:
        """Return where the value of ``key`` came from."""
        return self.origins.get(key, "default")

    def with_options(
        self,
        facts: Sequence[str] = (),
        rules: Sequence[str] = (),
        fail_on: str | None = None,
        encoding: str | None = None,
    ) -> Config:
        """Return this configuration with the command line's options applied over it."""
        origins = dict(self.origins)
        changes: dict[str, Any] = {}
        if facts:
            changes["facts"] = tuple(facts)
            origins["facts"] = "command line"
        if rules:
            changes["rules"] = (*self.rules, *rules)
            configured = f"{self.origins['rules']} and " if self.rules else ""
            origins["rules"] = f"{configured}command line"
        if fail_on is not None:
            changes["fail_on"] = fail_on
            origins["fail-on"] = "command line"
        if encoding is not None:
            changes["encoding"] = encoding
            origins["encoding"] = "command line"
        return replace(self, **changes, origins=origins)


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """Read ``explicit`` (``--config``), or else the configuration found from ``start`` up.

    Returns the defaults when there is none; raises `FactcheckError` listing every problem.
    """
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise FactcheckError(f"--config {explicit}: no such file")
        return _read(path, required_table=path.suffix == ".toml")
    found = find_config(start or Path.cwd())
    return Config() if found is None else _read(found, required_table=False)


def find_config(start: Path) -> Path | None:
    """Return the nearest ``factcheck.yaml`` or ``pyproject.toml`` with ``[tool.factcheck]``."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _TOOL_TABLE.search(_text(pyproject)):
            return pyproject
    return None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactcheckError(
            [Problem(str(path), 1, 1, f"cannot read config file: {exc}")]
        ) from None


def _read(path: Path, required_table: bool) -> Config:
    """Read one configuration file, YAML or pyproject.toml."""
    text = _text(path)
    if path.suffix == ".toml":
        return _read_toml(path, text, required_table)
    return _read_yaml(path, text)


def _read_yaml(path: Path, text: str) -> Config:
    import yaml
    from yaml.constructor import SafeConstructor

    from factcheck.rules.reading import locate, yaml_problem

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        raise FactcheckError([yaml_problem(str(path), text, exc)]) from None
    if root is None:
        return Config(file=path)
    if not isinstance(root, yaml.MappingNode):
        m = root.start_mark
        message = "the configuration must be a mapping of keys to values"
        raise FactcheckError([Problem(str(path), m.line + 1, m.column + 1, message)])
    try:
        data = SafeConstructor().construct_document(root)
    except yaml.YAMLError as exc:  # a tag such as !!python/object: refused, never run
        raise FactcheckError([yaml_problem(str(path), text, exc)]) from None
    return _build(path, data, functools.partial(locate, root))


def _read_toml(path: Path, text: str, required_table: bool) -> Config:
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_ERROR_AT.search(str(exc))
        if at:
            line, col = int(at[1]), int(at[2])
        else:  # "(at end of document)"
            line, col = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
        message = f"TOML error: {_TOML_WHERE.sub('', str(exc))}"
        raise FactcheckError([Problem(str(path), line, col, message)]) from None
    table = document.get("tool", {}).get("factcheck")
    if table is None:
        if required_table:
            raise FactcheckError([Problem(str(path), 1, 1, "no [tool.factcheck] table")])
        return Config()
    lines = text.splitlines()

    def position(loc: tuple[int | str, ...], at_key: bool = False) -> tuple[int, int]:
        del at_key  # a TOML key and its value share a line
        return _toml_position(lines, [p for p in loc if isinstance(p, str)])

    return _build(path, table, position)


def _toml_position(lines: list[str], keys: Sequence[str]) -> tuple[int, int]:
    """Return about where a key of ``[tool.factcheck]`` is written: tomllib keeps no positions.

    Looks for the table's header, then for each key of the path in turn below it.
    """
    at, column = 0, 1
    for i, line in enumerate(lines):
        if _TOOL_TABLE.match(line):
            at = i
            break
    for key in keys:
        pattern = re.compile(rf"(?<![\w-])[\"']?{re.escape(key)}[\"']?[ \t]*[=.\]]")
        for i in range(at, len(lines)):
            found = pattern.search(lines[i])
            if found:
                at, column = i, found.start() + 1
                break
        else:
            break
    return at + 1, column


def _build(path: Path, data: Any, where: Where) -> Config:
    """Validate the configuration's data and resolve its paths against its directory."""
    from pydantic import ValidationError

    from factcheck.config_schema import ConfigModel
    from factcheck.rules.reading import validation_problems

    if data is None:
        data = {}
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        raise FactcheckError(validation_problems(str(path), exc, ConfigModel, where)) from None
    problems: list[Problem] = []
    base = path.parent
    facts = _paths(path, base, "facts", model.facts, where, problems)
    rules = _paths(path, base, "rules", model.rules, where, problems)
    if problems:
        raise FactcheckError(problems)
    overrides = {
        rule_id: Override(
            o.severity, o.enabled, str(path), *where(("rule-overrides", rule_id), True)
        )
        for rule_id, o in model.rule_overrides.items()
    }
    origins = {
        key: f"{shown(path)}:{where((key,), True)[0]}"
        for key in data
        if key in {info.alias or name for name, info in ConfigModel.model_fields.items()}
    }
    return Config(
        file=path,
        facts=facts,
        rules=rules,
        overrides=overrides,
        fail_on=model.fail_on or "error",
        skip_scopes=tuple(model.skip_scopes),
        encoding=model.encoding or "utf-8",
        origins=origins,
    )


def _paths(
    config: Path,
    base: Path,
    key: str,
    values: list[str],
    where: Where,
    problems: list[Problem],
) -> tuple[str, ...]:
    """Resolve configured paths against ``base``; a path that leaves it is a problem."""
    out: list[str] = []
    for i, value in enumerate(values):
        normal = os.path.normpath(value)
        if os.path.isabs(value) or normal == ".." or normal.startswith(".." + os.sep):
            line, col = where((key, i), False)
            message = (
                f'{key}: "{value}" is outside the project (paths are relative to '
                f"{config.name}'s directory and must stay inside it)"
            )
            problems.append(Problem(str(config), line, col, message))
            continue
        out.append(shown(base / normal))
    return tuple(out)


def shown(path: str | Path) -> str:
    """Return ``path`` relative to the working directory when it lies under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe(config: Config) -> str:
    """Return the effective configuration as YAML, each key followed by where it came from."""
    values: list[tuple[str, Any]] = [
        ("facts", list(config.facts)),
        ("rules", list(config.rules)),
        ("rule-overrides", {k: _override_dict(o) for k, o in config.overrides.items()}),
        ("fail-on", config.fail_on),
        ("skip-scopes", list(config.skip_scopes)),
        ("encoding", config.encoding),
    ]
    notes = {
        "facts": "" if config.facts else " (none: the shipped sample reference set is used)",
        "skip-scopes": " (code in Markdown and HTML is always skipped)",
    }
    where = shown(config.file) if config.file else "none found, defaults in effect"
    lines = [f"# configuration file: {where}"]
    for key, value in values:
        if isinstance(value, dict) and value:
            first, rest = f"{key}:", [f"  {k}: {_flow(v)}" for k, v in value.items()]
        else:
            first, rest = f"{key}: {_flow(value)}", []
        lines.append(f"{first:<40} # {config.origin(key)}{notes.get(key, '')}")
        lines.extend(rest)
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    """Return ``value`` as YAML on one line."""
    import yaml

    return yaml.safe_dump([value], default_flow_style=True, width=1_000_000).strip()[1:-1]


def _override_dict(override: Override) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if override.severity is not None:
        out["severity"] = override.severity
    if override.enabled is not None:
        out["enabled"] = override.enabled
    return out
