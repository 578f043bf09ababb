"""--jobs: the same report, byte for byte, whatever the number of processes; --jobs 0 is refused."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from benchmarks.generate import article, reference_yaml, world
from tests.conftest import ROOT

FACTCHECK = shutil.which("factcheck") or "factcheck"


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [FACTCHECK, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def test_json_is_byte_identical_for_one_and_two_jobs(tmp_path: Path) -> None:
    small = world(300)
    facts = tmp_path / "facts.yaml"
    facts.write_text(reference_yaml(small.order), "utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(12):
        (articles / f"{n:02d}.txt").write_text(article(small, n, words=150).text, "utf-8")
    (articles / "05.txt").write_bytes(b"not UTF-8 \xff")  # an input error keeps its place
    base = ["--facts", facts, "--format", "json", "--cache-dir", tmp_path / "cache", articles]
    one = _cli(*base, "--jobs", "1")
    two = _cli(*base, "--jobs", "2")
    assert one.returncode == two.returncode == 2, one.stderr
    assert '"contradicted"' in one.stdout
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "05.txt" in one.stderr


def test_jobs_must_be_at_least_one() -> None:
    p = _cli("--jobs", "0", "article.txt")
    assert p.returncode == 2
    assert "--jobs" in p.stderr and "Traceback" not in p.stderr
