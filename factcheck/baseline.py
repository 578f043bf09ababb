"""Baselines: findings accepted as they stand, so that a run fails only on new ones.

``--write-baseline FILE`` records every finding of the run; ``--baseline FILE`` hides the
findings it records. A finding is known by its file and its fingerprint
(`factcheck.reporters.base.fingerprint`: the rule, entity, attribute, the words found and
their sentence, never a line number), so editing elsewhere in an article, or moving a
paragraph, does not bring it back. Entries are counted: the same finding twice in one file
needs two entries. Paths are stored relative to the baseline file's directory, so the
baseline works from wherever factcheck is run.

The file is JSON, written atomically, sorted, and the same for the same findings::

    {
      "version": 1,
      "findings": [
        {"path": "articles/envoy.md", "fingerprint": "3f0c…", "rule": "event-date",
         "found": "July", "message": "Singapore summit was held June 12, 2018, not July"}
      ]
    }

``rule``, ``found`` and ``message`` are there for the people reviewing the file; only
``path`` and ``fingerprint`` decide what is hidden.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import write_atomic
from factcheck.check import FileReport, Finding
from factcheck.errors import FactcheckError, Problem
from factcheck.reporters.base import fingerprint

VERSION = 1


@dataclass(frozen=True)
class Filtered:
    """What applying a baseline did: the reports left, and counts to tell the user."""

    reports: list[FileReport]
    hidden: int  # findings the baseline recorded, left out
    stale: int  # entries for checked files that matched nothing: fixed since, or reworded


def write(path: str, reports: Sequence[FileReport]) -> int:
    """Record every finding of ``reports`` in the baseline file ``path``; return how many."""
    base = _directory(path)
    entries = sorted(
        (
            {
                "path": _key(report.document.path, base),
                "fingerprint": fingerprint(finding, report),
                "rule": finding.rule,
                "found": " ".join(finding.found.split()),
                "message": finding.message,
            }
            for report in reports
            for finding in report.findings
        ),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["found"], e["message"]),
    )
    text = json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False)
    try:
        write_atomic(path, text + "\n")
    except OSError as exc:
        raise FactcheckError(f"{path}:1:1: cannot write the baseline: {exc.strerror}") from None
    return len(entries)


def load(path: str) -> Counter[tuple[str, str]]:
    """Read the baseline file ``path``: how many times each ``(path, fingerprint)`` is recorded."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _error(path, "baseline file not found; create it with --write-baseline") from None
    except OSError as exc:
        raise _error(path, f"cannot read the baseline: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise _error(path, "the baseline is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        message = f"the baseline is not valid JSON: {exc.msg}"
        raise _error(path, message, exc.lineno, exc.colno) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != VERSION:
        raise _error(path, 'not a factcheck baseline (expected {"version": 1, "findings": [...]})')
    counts: Counter[tuple[str, str]] = Counter()
    for number, entry in enumerate(entries, 1):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("fingerprint"), str)
        ):
            raise _error(path, f'finding {number} needs a "path" and a "fingerprint" string')
        counts[entry["path"], entry["fingerprint"]] += 1
    return counts


def apply(path: str, recorded: Counter[tuple[str, str]], reports: Sequence[FileReport]) -> Filtered:
    """Return ``reports`` without the findings the baseline at ``path`` records, in order."""
    left = Counter(recorded)
    base = _directory(path)
    out: list[FileReport] = []
    hidden = 0
    checked: set[str] = set()
    for report in reports:
        name = _key(report.document.path, base)
        checked.add(name)
        kept: list[Finding] = []
        for finding in report.findings:
            key = (name, fingerprint(finding, report))
            if left[key] > 0:
                left[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        out.append(dataclasses.replace(report, findings=tuple(kept)))
    stale = sum(n for (name, _), n in left.items() if name in checked)
    return Filtered(out, hidden, stale)


def _directory(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def _key(path: str, base: str) -> str:
    """Return how a checked file is named in a baseline kept in the directory ``base``."""
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _error(path: str, message: str, line: int = 1, column: int = 1) -> FactcheckError:
    return FactcheckError([Problem(path, line, column, message)])
