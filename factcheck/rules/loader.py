"""Loads rule files (the shipped ones in ``rules/`` and users' ``--rules``) into compiled rules.

Rule kinds are found through the ``factcheck.rule_kinds`` entry-point group,
which the built-in kinds register in too; every rule is validated once
(`factcheck.rules.reading`), and all problems in all files are reported together.

Reading and validating is most of the time of loading rules. With the cache on, the
validated rules of the same files (same bytes, same factcheck) are read from a small
file in the cache directory instead; only the fields a rule gives for its kind are
validated again every time, by the kind installed now.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.metadata
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from factcheck.errors import FactcheckError, Problem, did_you_mean
from factcheck.rules.base import Kind, Override, Rule, RuleSpec

ENTRY_POINT_GROUP = "factcheck.rule_kinds"
# What validated rules are read, validated and defined by: part of their cache key.
_COMPILED_BY = ("rules/base.py", "rules/schema.py", "rules/reading.py", "rules/loader.py")

# A rule as cached: its fields, its kind's name, where it is defined (path, line, column),
# and the fields it gives for its kind.
_Cached = tuple[RuleSpec, str, str, int, int, dict[str, Any]]


@functools.cache
def kinds() -> dict[str, Kind]:
    """Return the installed rule kinds by name, loading their entry points once."""
    found: dict[str, Kind] = {}
    problems: list[str] = []
    for ep in sorted(
        importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name
    ):
        try:
            found[ep.name] = cast(Kind, ep.load())
        except Exception as exc:  # a broken plugin must not crash the run with a traceback
            dist = ep.dist.name if ep.dist is not None else "?"
            problems.append(f'failed to load plugin "{dist}[{ep.name}]": {exc}')
    if problems:
        raise FactcheckError("\n".join(problems))
    return found


def shipped_rules_dir() -> Path:
    """Return the directory of the rules and sample facts that ship with factcheck."""
    try:
        # A namespace package (rules/ has no __init__.py): its directory is on __path__, while
        # importlib.resources would hand back a MultiplexedPath, which is not a file path.
        return Path(next(iter(importlib.import_module("factcheck.shipped").__path__)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "rules"


def shipped_rule_files() -> list[Path]:
    """Return the built-in rule files, which every run loads first."""
    return sorted(shipped_rules_dir().glob("*.yaml"))


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories into the YAML files they hold, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def load_rules(
    paths: Sequence[str | Path],
    overrides: Mapping[str, Override] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = False,
) -> list[Rule]:
    """Load and validate every rule in ``paths``, then apply the configured ``overrides``.

    Raises one error listing every problem of every file, an override of a rule that does
    not exist included. With ``use_cache`` the validated rules are read from (or written
    to) the cache in ``cache_dir`` (default: the user cache directory), as the reference
    set's are.
    """
    files = rule_files(paths)
    available = kinds()
    target = _cache_file(files, cache_dir) if use_cache else None
    rules = _from_cache(target, available) if target is not None else None
    problems: list[Problem] = []
    if rules is None:
        from factcheck.rules.reading import read_rules

        read = read_rules(files, available, problems)
        rules = [rule for rule, _ in read]
        if target is not None and not problems:
            _to_cache(target, read, available)
    seen = {rule.id for rule in rules}
    for rule_id, override in (overrides or {}).items():
        if rule_id not in seen:
            hint = did_you_mean(rule_id, seen)
            problems.append(
                Problem(
                    override.path, override.line, override.column, f'unknown rule "{rule_id}"{hint}'
                )
            )
    if problems:
        raise FactcheckError(problems)
    return [_overridden(rule, overrides.get(rule.id)) if overrides else rule for rule in rules]


def _overridden(rule: Rule, override: Override | None) -> Rule:
    """Return ``rule`` with the severity and enabled flag the configuration gives it."""
    if override is None:
        return rule
    update: dict[str, Any] = {}
    if override.severity is not None:
        update["severity"] = override.severity
    if override.enabled is not None:
        update["enabled"] = override.enabled
    return dataclasses.replace(rule, spec=dataclasses.replace(rule.spec, **update))


def _cache_file(
    files: Sequence[Path], cache_dir: str | os.PathLike[str] | None
) -> tuple[Path, str] | None:
    """Return the cache file of the rules in ``files`` and its key, or None if one is unreadable."""
    from factcheck import cache

    names = [str(f) for f in files]
    key = cache.cache_key(names, _COMPILED_BY)
    if key is None:
        return None
    folder = Path(cache_dir) if cache_dir is not None else cache.default_dir()
    return folder / f"rules-{cache.group_name(names)}-{key}.pickle", key


def _from_cache(target: tuple[Path, str], available: Mapping[str, Kind]) -> list[Rule] | None:
    """Return the rules cached in ``target``, or None when they must be read again.

    The kinds' own fields are validated by the kinds installed now; a rule whose kind is gone,
    or whose fields it now refuses, sends every file back to be read, where that is reported.
    """
    from factcheck import cache

    entries = cast("list[_Cached] | None", cache.read_pickle(*target))
    if entries is None:
        return None
    rules: list[Rule] = []
    for spec, kind_name, path, line, column, extra in entries:
        kind = available.get(kind_name)
        if kind is None:
            return None
        model = getattr(kind, "Options", None)
        options = None
        if model is not None and set(extra) <= set(model.model_fields):
            try:
                options = model.model_validate(extra)
            except Exception:  # a ValidationError, reported with its place when read again
                return None
        elif extra:
            return None
        rules.append(Rule(spec, kind, path, line, column, options))
    return rules


def _to_cache(
    target: tuple[Path, str],
    read: Sequence[tuple[Rule, dict[str, Any]]],
    available: Mapping[str, Kind],
) -> None:
    from factcheck import cache

    names = {id(kind): name for name, kind in available.items()}
    entries: list[_Cached] = [
        (rule.spec, names[id(rule.kind)], rule.path, rule.line, rule.column, extra)
        for rule, extra in read
    ]
    cache.write_pickle(*target, entries)
