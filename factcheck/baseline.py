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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import write_atomic
from factcheck.check import FileReport
from factcheck.errors import FactcheckError, Problem
from factcheck.reporters.base import fingerprint

VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One finding as a baseline records it, with the checked file's path as it was given."""

    path: str
    fingerprint: str
    rule: str
    found: str
    message: str


class Recorder:
    """Collects the entries for ``--write-baseline`` one report at a time; `write` saves them.

    Only the entries and the paths checked are kept, never the reports, so a long run costs a
    few short strings per finding.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.checked: list[str] = []  # every file's path, with findings or not

    def add(self, report: FileReport) -> None:
        """Record every finding of ``report``."""
        path = report.document.path
        self.checked.append(path)
        self.entries += [
            Entry(
                path,
                fingerprint(finding, report),
                finding.rule,
                " ".join(finding.found.split()),
                finding.message,
            )
            for finding in report.findings
        ]

    def write(self) -> int:
        """Write the baseline file, sorted, atomically; return how many findings it records."""
        base = _directory(self.path)
        keyed = [dataclasses.replace(e, path=_key(e.path, base)) for e in self.entries]
        keyed.sort(key=lambda e: (e.path, e.rule, e.fingerprint, e.found, e.message))
        data = {"version": VERSION, "findings": [dataclasses.asdict(e) for e in keyed]}
        text = json.dumps(data, indent=2, ensure_ascii=False)
        try:
            write_atomic(self.path, text + "\n")
        except OSError as exc:
            raise FactcheckError(
                f"{self.path}:1:1: cannot write the baseline: {exc.strerror}"
            ) from None
        return len(keyed)


class Filter:
    """Hides the findings a baseline records, one report at a time, in the run's order.

    Each entry hides one finding. `hidden` counts the findings left out so far; `stale` the
    entries, for files checked so far, that have matched nothing.
    """

    def __init__(self, path: str, recorded: Counter[tuple[str, str]]) -> None:
        self.path = path
        self.hidden = 0
        self._left = Counter(recorded)
        self._base = _directory(path)
        self._checked: set[str] = set()

    def apply(self, report: FileReport) -> FileReport:
        """Return ``report`` without the findings the baseline records and has not yet used."""
        name = self._name(report.document.path)
        kept = [f for f in report.findings if not self._hides(name, fingerprint(f, report))]
        if len(kept) == len(report.findings):
            return report
        return dataclasses.replace(report, findings=tuple(kept))

    def count(self, recorder: Recorder) -> None:
        """Count what this baseline would hide of the findings ``recorder`` holds, hiding none."""
        for path in recorder.checked:
            self._name(path)
        for entry in recorder.entries:
            self._hides(_key(entry.path, self._base), entry.fingerprint)

    @property
    def stale(self) -> int:
        """Return how many entries for the files checked matched nothing: fixed, or reworded."""
        return sum(n for (name, _), n in self._left.items() if name in self._checked)

    def _name(self, path: str) -> str:
        """Return how the baseline names the checked file ``path``, and note it as checked."""
        name = _key(path, self._base)
        self._checked.add(name)
        return name

    def _hides(self, name: str, print_: str) -> bool:
        key = (name, print_)
        if self._left[key] > 0:
            self._left[key] -= 1
            self.hidden += 1
            return True
        return False


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


def _directory(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def _key(path: str, base: str) -> str:
    """Return how a checked file is named in a baseline kept in the directory ``base``."""
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _error(path: str, message: str, line: int = 1, column: int = 1) -> FactcheckError:
    return FactcheckError([Problem(path, line, column, message)])
