"""Creates a new factcheck project: configuration, an example entity and rule, a CI workflow.

``factcheck init [DIR]`` writes the files of `FILES` under ``DIR`` from the templates in
``factcheck/data/scaffold``. It never overwrites: when any of the files exists already,
it names each one and writes nothing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from factcheck.atomic import write_atomic
from factcheck.errors import FactcheckError, Problem

# Where each template goes, relative to the project directory.
FILES = {
    "factcheck.yaml": "factcheck.yaml",
    "facts/example.yaml": "example-facts.yaml",
    "rules/example.yaml": "example-rules.yaml",
    ".github/workflows/factcheck.yml": "github-workflow.yml",
}


def template(name: str) -> str:
    """Return the text of the scaffold template ``name``."""
    return resources.files("factcheck").joinpath("data", "scaffold", name).read_text("utf-8")


def create(directory: str | Path) -> list[Path]:
    """Write the scaffold under ``directory`` and return the files written, in `FILES` order."""
    root = Path(directory)
    targets = [root / relative for relative in FILES]
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing:
        raise FactcheckError(
            Problem(str(t), 1, 1, "already exists; factcheck init does not overwrite files")
            for t in existing
        )
    for target, name in zip(targets, FILES.values(), strict=True):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, template(name))
        except OSError as exc:
            raise FactcheckError(
                [Problem(str(target), 1, 1, f"cannot write: {exc.strerror or exc}")]
            ) from None
    return targets
