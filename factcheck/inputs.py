"""Expands the command line's paths into the article files to check, in a fixed order.

A file named on the command line is always checked, whatever its name. A directory stands
for the articles under it: files matching the ``--include`` globs (by default ``*.txt``,
``*.md``, ``*.markdown``, ``*.html`` and ``*.htm``, in any letter case) that no
``--exclude`` glob matches and that git would not ignore. Globs follow ``.gitignore``
syntax and are matched against the path below the directory named (``drafts/``,
``**/archive/*.md``, ``*.html``). The ``.gitignore`` files inside the directory and in its
parents up to the root of the git repository are honoured, as git reads them; hidden files
and directories (``.git``, ``.github``…) are skipped. Files are listed sorted by path, each
once, in the order the command line names them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pathspec

from factcheck.errors import FactcheckError

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_IGNORE_FILE = ".gitignore"


def expand(
    paths: Sequence[str],
    errors: list[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[str]:
    """Return the files to check for ``paths``; a directory with none adds to ``errors``."""
    included = _globs("--include", include) if include else None
    excluded = _globs("--exclude", exclude)
    out: dict[str, None] = {}
    for raw in paths:
        if raw == "-" or not os.path.isdir(raw):
            out.setdefault(raw)
            continue
        found = _walk(Path(raw), included, excluded)
        if not found:
            what = f"files matching {', '.join(include)}" if include else ".txt, .md or .html files"
            errors.append(f"{raw}:1:1: no {what} in this directory")
        for path in found:
            out.setdefault(path)
    return list(out)


def _globs(option: str, patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    """Compile the globs given with ``option``; one that git cannot read is a usage error."""
    for pattern in patterns:
        if not _readable(pattern):
            raise FactcheckError(f'{option} "{pattern}": not a glob in .gitignore syntax')
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _readable(pattern: str) -> bool:
    """Tell whether ``pattern`` is a glob in .gitignore syntax (``\\`` alone is not)."""
    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except ValueError:
        return False
    return True


def _walk(
    root: Path, included: pathspec.GitIgnoreSpec | None, excluded: pathspec.GitIgnoreSpec
) -> list[str]:
    """Return the sorted article files under ``root``."""
    ignores = _Ignores(root)
    found: list[str] = []
    for directory, dirs, files in os.walk(root):
        here = Path(directory)
        ignores.read(here)
        below = PurePosixPath(here.relative_to(root).as_posix())
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and not excluded.match_file(f"{below / d}/")
            and not ignores.ignored(here / d, directory=True)
        ]
        for name in files:
            relative = (below / name).as_posix()
            if name.startswith(".") or excluded.match_file(relative):
                continue
            if included is not None:
                if not included.match_file(relative):
                    continue
            elif not name.lower().endswith(DEFAULT_SUFFIXES):
                continue
            if not ignores.ignored(here / name, directory=False):
                found.append(str(here / name))
    return sorted(found)


class _Ignores:
    """The ``.gitignore`` rules that apply under one directory, read as the walk goes down."""

    def __init__(self, root: Path) -> None:
        self.specs: dict[Path, pathspec.GitIgnoreSpec] = {}
        top = root.resolve()
        repository = next((p for p in [top, *top.parents] if (p / ".git").exists()), top)
        for parent in [top, *top.parents]:
            self._load(parent)
            if parent == repository:
                break

    def read(self, directory: Path) -> None:
        """Read ``directory``'s own ignore file, if it has one."""
        self._load(directory.resolve())

    def _load(self, directory: Path) -> None:
        if directory in self.specs:
            return
        try:
            lines = (directory / _IGNORE_FILE).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        try:
            self.specs[directory] = pathspec.GitIgnoreSpec.from_lines(lines)
        except ValueError:  # a line git cannot read either: left out, as git leaves it
            self.specs[directory] = pathspec.GitIgnoreSpec.from_lines(filter(_readable, lines))

    def ignored(self, path: Path, directory: bool) -> bool:
        """Tell whether git would ignore ``path``: the deepest ignore file that decides wins."""
        full = path.parent.resolve() / path.name
        verdict = False
        for base in sorted(self.specs, key=lambda p: len(p.parts)):
            if base not in full.parents:
                continue
            relative = full.relative_to(base).as_posix() + ("/" if directory else "")
            result = self.specs[base].check_file(relative)
            if result.include is not None:
                verdict = result.include
        return verdict
