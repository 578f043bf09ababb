"""The same inputs give byte-identical reports: across runs, hash seeds, processes and the cache.

One set of articles (plain text, Markdown, HTML, one binary file) is checked four times by
the real command line, with ``PYTHONHASHSEED`` 0, 1 and random, and with ``--jobs 2``,
sharing one reference cache (so later runs read what the first one wrote). Every report
format, stdout, stderr and the exit code must be the same each time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.generate import article, reference_yaml, world
from tests.conftest import ROOT

FACTCHECK = shutil.which("factcheck") or "factcheck"
FORMATS = ("sarif", "junit", "markdown", "html", "github")
RUNS = {  # name: (PYTHONHASHSEED, extra options)
    "seed-0": ("0", ()),
    "seed-1": ("1", ()),
    "seed-random": ("random", ()),
    "two-jobs": ("random", ("--jobs", "2")),
}


def _articles(folder: Path) -> Path:
    """Write the articles and the reference set (large enough to be cached); return the facts."""
    small = world(1000)
    facts = folder / "facts.yaml"
    facts.write_text(reference_yaml(small.order), "utf-8")
    articles = folder / "articles"
    articles.mkdir()
    for n in range(6):
        text = article(small, n, words=200).text
        (articles / f"{n}.txt").write_text(text, "utf-8")
        (articles / f"{n}.md").write_text(f"# Story {n}\n\n{text}", "utf-8")
        paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
        (articles / f"{n}.html").write_text(f"<html><body>{paragraphs}</body></html>", "utf-8")
    (articles / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return facts


def _run(folder: Path, name: str, facts: Path) -> dict[str, str]:
    """Run the command line once; return everything it printed and wrote, by name."""
    seed, options = RUNS[name]
    out = folder / name
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    reports = [f"--report={fmt}={out / fmt}" for fmt in FORMATS]
    cache = folder / "cache"
    cached = str(len(list(cache.iterdir())) if cache.is_dir() else 0)
    p = subprocess.run(
        [FACTCHECK, "--facts", facts, "--format", "json", "--cache-dir", cache,
         "--report-unused-ignores", *reports, *options, folder / "articles"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    produced = {fmt: (out / fmt).read_text("utf-8") for fmt in FORMATS}
    return {"exit": str(p.returncode), "json": p.stdout, "stderr": p.stderr, "cached": cached,
            **produced}  # fmt: skip


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Return what each run produced."""
    folder = tmp_path_factory.mktemp("determinism")
    facts = _articles(folder)
    return {name: _run(folder, name, facts) for name in RUNS}


def test_the_runs_check_something(outputs: dict[str, dict[str, str]]) -> None:
    first = outputs["seed-0"]
    assert first["exit"] == "2"  # the binary file
    assert "photo.txt:3:1: NUL byte" in first["stderr"]
    assert '"contradicted"' in first["json"] and first["json"].count('"path"') == 18
    assert first["cached"] == "0" and outputs["two-jobs"]["cached"] != "0"


@pytest.mark.parametrize("name", [n for n in RUNS if n != "seed-0"])
@pytest.mark.parametrize("output", ["exit", "json", "stderr", *FORMATS])
def test_output_is_byte_identical(
    outputs: dict[str, dict[str, str]], name: str, output: str
) -> None:
    assert outputs[name][output] == outputs["seed-0"][output]
