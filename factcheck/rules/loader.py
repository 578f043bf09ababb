"""Loads rule files (the shipped ones in ``rules/`` and users' ``--rules``) into compiled rules.

Rule kinds are found through the ``factcheck.rule_kinds`` entry-point group,
which the built-in kinds register in too; every rule is validated once here,
and all problems in all files are reported together.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.resources
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import ValidationError

from factcheck.errors import FactcheckError, Problem, did_you_mean
from factcheck.rules.base import Kind, Rule, RuleSpec

ENTRY_POINT_GROUP = "factcheck.rule_kinds"


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
        return Path(str(importlib.resources.files("factcheck.shipped")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "rules"


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories into the YAML files they hold, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def load_rules(paths: Sequence[str | Path]) -> list[Rule]:
    """Load and validate every rule in ``paths``; raise one error listing every problem."""
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, Rule] = {}
    available = kinds()
    for path in rule_files(paths):
        for spec, line, col in _entries(path, problems):
            kind_name = spec.kind or ("cue" if spec.cues else "attribute")
            kind = available.get(kind_name)
            if kind is None:
                hint = did_you_mean(kind_name, available)
                problems.append(
                    Problem(str(path), line, col, f'unknown rule kind "{kind_name}"{hint}')
                )
                continue
            if spec.id in seen:
                first = seen[spec.id]
                problems.append(
                    Problem(
                        str(path),
                        line,
                        col,
                        f'duplicate rule id "{spec.id}" '
                        f"(first defined at {first.path}:{first.line})",
                    )
                )
                continue
            rule = Rule(spec, kind, str(path), line)
            seen[spec.id] = rule
            rules.append(rule)
    if problems:
        raise FactcheckError(problems)
    return rules


def _entries(path: Path, problems: list[Problem]) -> Iterable[tuple[RuleSpec, int, int]]:
    """Yield each valid rule of one file with its line and column; record the invalid ones."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as exc:
        problems.append(Problem(str(path), 1, 1, f"cannot read rules file: {exc.strerror}"))
        return
    except UnicodeDecodeError:
        problems.append(Problem(str(path), 1, 1, "rules file is not valid UTF-8"))
        return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(str(path), line, col, f"YAML error: {exc.problem}"))
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
        m = item.start_mark
        data: Any = yaml.safe_load(yaml.serialize(item))
        try:
            spec = RuleSpec.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                line, col = _locate(item, err["loc"])
                problems.append(Problem(str(path), line, col, _message(err)))
            continue
        yield spec, m.line + 1, m.column + 1


def _key(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return cast(yaml.Node, v)
    return None


def _locate(node: yaml.Node, loc: tuple[int | str, ...]) -> tuple[int, int]:
    """Return the line and column of the YAML node a pydantic error location points at."""
    current = node
    for part in loc:
        nxt: yaml.Node | None = None
        if isinstance(part, str) and isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if k.value == part:
                    # an unknown key is best pointed at by the key itself
                    nxt = k if part == loc[-1] and not isinstance(v, yaml.CollectionNode) else v
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


def _message(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        field = str(err["loc"][-1])
        hint = did_you_mean(field, RuleSpec.model_fields)
        return f'unknown field "{field}"{hint}'
    if err["type"] == "missing":
        return f'missing required field "{loc}"'
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}"
