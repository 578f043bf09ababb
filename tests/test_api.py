"""The library API: plain data as in the JSON report, a reference that pickles small, and Dask."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

import factcheck
from benchmarks.generate import article, reference_yaml, world
from factcheck.errors import FactcheckError
from tests.conftest import ROOT, SAMPLE_FACTS

FACTCHECK = shutil.which("factcheck") or "factcheck"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], Path]:
    """Return a generated reference file, 50 small articles about it, and a cache directory."""
    root = tmp_path_factory.mktemp("corpus")
    small = world(300)
    facts = root / "facts.yaml"
    # 600 entities, the first 300 of which the articles are about: big enough to be cached.
    facts.write_text(reference_yaml(world(600).order), "utf-8")
    paths = []
    for n in range(50):
        path = root / "articles" / f"{n:02d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article(small, n, words=120).text, "utf-8")
        paths.append(path)
    return facts, paths, root / "cache"


def _cli_files(facts: Path, paths: list[Path], cache: Path) -> list[dict[str, object]]:
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run(
        [FACTCHECK, "--facts", facts, "--format", "json", "--cache-dir", cache, *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert p.returncode in (0, 1), p.stderr
    files: list[dict[str, object]] = json.loads(p.stdout)["files"]
    return files


def test_check_text_returns_the_json_report_entry(
    corpus: tuple[Path, list[Path], Path],
) -> None:
    facts, paths, cache = corpus
    reference = factcheck.load_reference([facts], cache_dir=cache)
    got = [factcheck.check_text(p.read_text("utf-8"), reference, path=str(p)) for p in paths[:8]]
    assert got == _cli_files(facts, paths[:8], cache)
    assert any(f["findings"] for f in got)


def test_check_text_takes_the_publication_date() -> None:
    reference = factcheck.load_reference([SAMPLE_FACTS])
    text = "President Park Geun-hye visited."
    late = factcheck.check_text(text, reference, date=dt.date(2019, 2, 9))
    early = factcheck.check_text(text, reference, date=dt.date(2014, 2, 9))
    assert [c["verdict"] for c in late["claims"]] == ["contradicted"]
    assert [c["verdict"] for c in early["claims"]] == ["supported"]
    assert late["path"] == "<text>" and late["published"] == "2019-02-09"


def test_reference_pickles_as_its_settings(corpus: tuple[Path, list[Path], Path]) -> None:
    facts, _, cache = corpus
    reference = factcheck.load_reference([facts], cache_dir=cache)
    data = pickle.dumps(reference)
    assert len(data) < 1000
    copy = pickle.loads(data)
    assert copy.paths == reference.paths and copy.cache_dir == reference.cache_dir


def test_load_reference_reports_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: Bad Id\n    type: person\n    names: [X]\n", "utf-8")
    with pytest.raises(FactcheckError, match="bad id"):
        factcheck.load_reference([bad])


def test_dask_bag_on_processes_finds_what_the_cli_finds(
    corpus: tuple[Path, list[Path], Path],
) -> None:
    bag = pytest.importorskip("dask.bag")
    facts, paths, cache = corpus
    reference = factcheck.load_reference([facts], cache_dir=cache)
    texts = [(p.read_text("utf-8"), str(p)) for p in paths]
    check = functools.partial(_check_pair, reference=reference)
    results = bag.from_sequence(texts, npartitions=4).map(check).compute(scheduler="processes")
    expected = _cli_files(facts, paths, cache)
    assert [r["findings"] for r in results] == [f["findings"] for f in expected]
    assert sum(len(r["findings"]) for r in results) > 10


def _check_pair(pair: tuple[str, str], reference: factcheck.Reference) -> dict[str, object]:
    return factcheck.check_text(pair[0], reference, path=pair[1])
