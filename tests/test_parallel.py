"""--jobs: the same report, byte for byte, whatever the number of processes; --jobs 0 is refused.

Workers send reports without their results when no output reads them one by one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.generate import article, reference_yaml, world
from factcheck.parallel import leave_results
from factcheck.reporters import json as json_report
from factcheck.reporters.base import Reporter, Summary, WholeRun, reads_results
from factcheck.reporters.github import GithubReporter
from factcheck.reporters.html import HtmlReporter
from factcheck.reporters.json import JsonReporter
from factcheck.reporters.junit import JunitReporter
from factcheck.reporters.markdown import MarkdownReporter
from factcheck.reporters.sarif import SarifReporter
from factcheck.reporters.terminal import RichReporter
from tests.conftest import ROOT, Run

FACTCHECK = shutil.which("factcheck") or "factcheck"


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [FACTCHECK, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def _corpus(folder: Path, files: int) -> tuple[Path, Path]:
    """Write a generated reference set and ``files`` articles about it; return both paths."""
    small = world(300)
    facts = folder / "facts.yaml"
    facts.write_text(reference_yaml(small.order), "utf-8")
    articles = folder / "articles"
    articles.mkdir()
    for n in range(files):
        (articles / f"{n:02d}.txt").write_text(article(small, n, words=150).text, "utf-8")
    return facts, articles


def test_json_is_byte_identical_for_one_and_two_jobs(tmp_path: Path) -> None:
    facts, articles = _corpus(tmp_path, 12)
    (articles / "05.txt").write_bytes(b"not UTF-8 \xff")  # an input error keeps its place
    base = ["--facts", facts, "--format", "json", "--cache-dir", tmp_path / "cache", articles]
    one = _cli(*base, "--jobs", "1")
    two = _cli(*base, "--jobs", "2")
    assert one.returncode == two.returncode == 2, one.stderr
    assert '"contradicted"' in one.stdout
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "05.txt" in one.stderr


# Output choices whose reports workers may send without results (all but the last two), and
# those that read every result (rich -v lists claims; HTML shows them).
OUTPUTS = {
    "json with sarif, junit, markdown": (
        "--format", "json", "--report", "sarif={d}/r.sarif", "--report", "junit={d}/r.xml",
        "--report", "markdown={d}/r.md",
    ),
    "github": ("--format", "github"),
    "rich": ("--format", "rich"),
    "rich -v": ("--format", "rich", "-v"),
    "html": ("--format", "html"),
}  # fmt: skip


@pytest.mark.parametrize("options", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_every_format_is_byte_identical_for_one_and_two_jobs(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    facts, articles = _corpus(tmp_path, 10)
    made: dict[str, dict[str, str]] = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        out.mkdir()
        args = [a.format(d=out) for a in options]
        p = _cli("--facts", facts, "--cache-dir", tmp_path / "cache", *args, "-j", jobs, articles)
        assert p.returncode == 1, p.stderr
        made[jobs] = {"stdout": p.stdout, **{f.name: f.read_text("utf-8") for f in out.iterdir()}}
    assert made["1"] == made["2"]
    assert "contradicted" in made["1"]["stdout"] or "error" in made["1"]["stdout"]


def test_jobs_auto_is_one_per_core_and_reports_the_same(tmp_path: Path) -> None:
    facts, articles = _corpus(tmp_path, 3)
    base = ["--facts", facts, "--format", "json", "--cache-dir", tmp_path / "cache"]
    paths = sorted(articles.glob("*.txt"))
    auto, one = _cli(*base, "-j", "auto", *paths), _cli(*base, *paths)
    assert auto.returncode == one.returncode == 1, auto.stderr
    assert auto.stdout == one.stdout
    # More processes than files: as many as there are files, the report the same.
    single = _cli(*base, "-j", "8", paths[0])
    assert single.stdout == _cli(*base, paths[0]).stdout


def test_jobs_must_be_at_least_one() -> None:
    p = _cli("--jobs", "0", "article.txt")
    assert p.returncode == 2
    assert "--jobs" in p.stderr and "Traceback" not in p.stderr


def test_a_report_sent_without_results_counts_and_renders_as_the_whole(korea: Run) -> None:
    report = korea((ROOT / "examples" / "envoy-returns.txt").read_text("utf-8"))
    assert report.results and report.findings
    sent = leave_results(report, json_claims=True)
    assert sent.results == () and sent.findings == report.findings
    assert sent.verdicts() == report.verdicts()
    assert sent.verdicts()["contradicted"] >= 1
    assert Summary().add(sent) == Summary().add(report)
    assert json_report.encode_file(sent) == json_report.encode_file(report)
    assert json_report.file_data(sent) == json_report.file_data(report)
    counted = leave_results(report)
    assert counted.tally is not None and counted.tally.json_claims is None
    assert Summary().add(counted) == Summary().add(report)


READERS = {
    "json": (JsonReporter(), False),
    "github": (GithubReporter(), False),
    "sarif, whole run": (WholeRun(SarifReporter()), False),
    "junit": (JunitReporter(), False),
    "markdown": (MarkdownReporter(), False),
    "rich": (RichReporter(), False),
    "rich -v": (RichReporter(verbose=True), True),
    "html": (HtmlReporter(), True),
    "a plugin that does not say": (object(), True),
}


@pytest.mark.parametrize(("reporter", "reads"), READERS.values(), ids=READERS.keys())
def test_which_reporters_read_results(reporter: Reporter, reads: bool) -> None:
    assert reads_results(reporter) is reads
