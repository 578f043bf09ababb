"""Start-up stays light: --help and --version import neither pydantic, rich nor yaml, and an
article is read without the parsers of the markup it does not have."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "rich", "yaml")
PROBE = """
import json, sys
from factcheck import cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(argv: list[str]) -> set[str]:
    p = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=60
    )
    return {m.split(".")[0] for m in json.loads(p.stderr.strip().splitlines()[-1])}


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_nothing_heavy_is_imported(argv: list[str]) -> None:
    loaded = _modules_after(argv)
    assert "factcheck" in loaded
    assert not loaded & set(HEAVY)


def test_import_factcheck_is_light_and_the_api_loads_on_use() -> None:
    code = (
        "import sys, factcheck; light = not {'pydantic', 'yaml'} & set(sys.modules); "
        "factcheck.check_text; print(light, 'pydantic' in sys.modules)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.split() == ["True", "False"], p.stderr


@pytest.mark.parametrize(("name", "markdown"), [("a.txt", False), ("a.md", True)])
def test_markdown_it_is_imported_for_markdown_only(
    tmp_path: Path, name: str, markdown: bool
) -> None:
    article = tmp_path / name
    article.write_text("The leaders met in Hanoi on Feb. 27, 2019.\n", "utf-8")
    loaded = _modules_after([str(article), "--format", "json", "-o", str(tmp_path / "out.json")])
    assert "factcheck" in loaded
    assert ("markdown_it" in loaded) == markdown


def test_a_check_served_from_the_caches_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    from benchmarks.generate import reference_yaml, world

    facts = tmp_path / "facts.yaml"
    facts.write_text(reference_yaml(world(800).order), "utf-8")
    assert facts.stat().st_size >= 128 * 1024  # large enough to be cached
    article = tmp_path / "a.txt"
    article.write_text("The leaders met in Hanoi on Feb. 27, 2019.\n", "utf-8")
    argv = ["--facts", str(facts), "--cache-dir", str(tmp_path / "cache"), "--format", "json"]
    argv += ["-o", str(tmp_path / "out.json"), str(article)]
    assert {"pydantic", "yaml"} <= _modules_after(argv)  # the first run builds the caches
    loaded = _modules_after(argv)
    assert "factcheck" in loaded
    assert not loaded & {"pydantic", "yaml", "markdown_it"}
