"""The files a reference set is read from: files as given, directories expanded.

Kept apart from the loader, which imports YAML and pydantic: reading a set from the
cache needs its files (to compute the key) but not the loader.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from factcheck.errors import Problem


def reference_files(paths: Sequence[str | os.PathLike[str]]) -> list[str] | None:
    """Return the files `load_reference` reads for ``paths``, or None if a path has a problem.

    `factcheck.cache` keys a compiled set on these files' contents; a problem is left for
    `load_reference` to report.
    """
    problems: list[Problem] = []
    files = referenced_files(paths, problems)
    return None if problems else files


def referenced_files(paths: Sequence[str | os.PathLike[str]], problems: list[Problem]) -> list[str]:
    """Return the files named by ``paths``, directories expanded, each file once."""
    files: list[str] = []
    seen: set[str] = set()
    for given in paths:
        path = os.fspath(given)
        found = [path]
        if os.path.isdir(path):
            found = sorted(
                os.path.join(folder, name)
                for folder, _, names in os.walk(path)
                for name in names
                if name.endswith((".yaml", ".yml"))
            )
            if not found:
                problems.append(Problem(path, 1, 1, "no *.yaml or *.yml files in this directory"))
        for file in found:
            real = os.path.realpath(file)
            if real not in seen:
                seen.add(real)
                files.append(file)
    return files
