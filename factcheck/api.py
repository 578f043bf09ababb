"""The library API: load a reference set once, check texts against it, get plain data back.

::

    import datetime, factcheck

    reference = factcheck.load_reference(["facts/"])
    result = factcheck.check_text(text, reference, date=datetime.date(2019, 2, 9), path="a.txt")
    for finding in result["findings"]:
        print(finding["line"], finding["message"])

``check_text`` returns one entry of the JSON report's ``"files"`` list
(SPEC section 7): plain dicts, lists, strings and numbers. A `Reference`
pickles as its paths and settings only; unpickled in another process (a Dask,
Ray or Spark worker) it is rebuilt from the reference cache on first use, once
per process, so mapping ``check_text`` over an archive ships a few hundred
bytes per task rather than the compiled set.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.check import Checker

__all__ = ["Reference", "check_text", "load_reference"]

# References rebuilt in this process from a pickle, by their settings: each task of a
# distributed map unpickles its own copy, and all of them share one compiled set.
_REBUILT: dict[tuple[object, ...], Reference] = {}


class Reference:
    """A reference set with the rules to apply, compiled on first use (see `load_reference`)."""

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        cache: bool = True,
        cache_dir: str | os.PathLike[str] | None = None,
        rules: Sequence[str | os.PathLike[str]] = (),
    ) -> None:
        self.paths = tuple(os.fspath(p) for p in paths)
        self.cache = cache
        self.cache_dir = None if cache_dir is None else os.fspath(cache_dir)
        self.rules = tuple(os.fspath(r) for r in rules)
        self._checker: Checker | None = None

    def checker(self) -> Checker:
        """Return the checker for this set, compiling it (or reading the cache) the first time."""
        if self._checker is None:
            from factcheck.parallel import setup_checker
            from factcheck.rules.loader import shipped_rule_files

            rule_files: list[str | Path] = [*shipped_rule_files(), *self.rules]
            self._checker = setup_checker(self.paths, rule_files, None, self.cache_dir, self.cache)
        return self._checker

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        return _rebuilt, (self.paths, self.cache, self.cache_dir, self.rules)

    def __repr__(self) -> str:
        return f"Reference({list(self.paths)!r}, cache={self.cache!r})"


def _rebuilt(
    paths: tuple[str, ...], cache: bool, cache_dir: str | None, rules: tuple[str, ...]
) -> Reference:
    """Return this process's reference for these settings (unpickling calls this)."""
    key = (paths, cache, cache_dir, rules)
    found = _REBUILT.get(key)
    if found is None:
        found = _REBUILT[key] = Reference(paths, cache, cache_dir, rules)
    return found


def load_reference(
    paths: Sequence[str | os.PathLike[str]],
    cache: bool = True,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    rules: Sequence[str | os.PathLike[str]] = (),
) -> Reference:
    """Load the reference files and directories in ``paths`` and the built-in rules.

    ``rules`` adds rule files, as ``--rules`` does. With ``cache`` the compiled set is read
    from and written to the reference cache (``cache_dir``, or the user cache directory).
    Raises `factcheck.errors.FactcheckError` listing every problem in the files.
    """
    reference = Reference(paths, cache, cache_dir, rules)
    reference.checker()
    return reference


def check_text(
    text: str, reference: Reference, date: dt.date | None = None, path: str = "<text>"
) -> dict[str, Any]:
    """Check ``text`` against ``reference`` and return its report as plain data.

    The result has the shape of one entry of the JSON report's ``"files"`` list: ``path``,
    ``published``, ``claims`` and ``findings``. ``date`` is the publication date (otherwise
    it is read from the text, as for a file); ``path`` is the name reported, and its suffix
    chooses how the text is read (``.md`` for Markdown, ``.html`` for HTML).
    """
    from factcheck.document import load_document
    from factcheck.reporters.json import file_data

    return file_data(reference.checker().check(load_document(path, text.encode("utf-8"), date)))
