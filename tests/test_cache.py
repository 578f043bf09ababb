"""The reference cache: a hit, a miss after an edit, a corrupt file ignored, and --no-cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.generate import reference_yaml, world
from factcheck.cache import CachedReferenceSet, Compiled, compile_reference, fingerprinted_files
from factcheck.document import load_document
from factcheck.rules.loader import load_rules, shipped_rule_files
from tests.conftest import ROOT

FACTCHECK = shutil.which("factcheck") or "factcheck"
TEXT = "Kakagrad, Vietnam is a city. Officials met there."


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    path = tmp_path / "facts" / "world.yaml"
    path.parent.mkdir()
    path.write_text(reference_yaml(world(60).order), "utf-8")
    return path


def _compile(facts: Path, cache: Path) -> Compiled:
    return compile_reference([facts], cache_dir=cache, min_bytes=0)


def _findings(compiled: Compiled, text: str) -> list[tuple[str, str]]:
    checker = compiled.checker(load_rules(shipped_rule_files()))
    report = checker.check(load_document("a.txt", text.encode("utf-8")))
    return [(f.found, f.expected or "") for f in report.findings]


def test_second_load_is_a_hit_and_checks_the_same(facts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _compile(facts, cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    warm = _compile(facts, cache)
    assert isinstance(warm.reference, CachedReferenceSet)
    place = world(60).places[0]
    wrong = "Chile" if place.country != "Chile" else "Peru"
    text = f"The talks in {place.name}, {wrong} went well."
    assert _findings(warm, text) == _findings(cold, text) == [(wrong, place.country)]
    assert [e.id for e in warm.reference.entities] == [e.id for e in cold.reference.entities]


def test_an_edited_file_misses_and_replaces_the_old_cache(facts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _compile(facts, cache)
    before = set(cache.glob("*.pickle"))
    place = world(60).places[0]
    facts.write_text(
        facts.read_text("utf-8").replace(f"country: {place.country}", "country: Iceland", 1),
        "utf-8",
    )
    edited = _compile(facts, cache)
    assert not isinstance(edited.reference, CachedReferenceSet)
    assert _findings(edited, f"The talks in {place.name}, Iceland went well.") == []
    after = set(cache.glob("*.pickle"))
    assert len(after) == 1 and after != before
    assert isinstance(_compile(facts, cache).reference, CachedReferenceSet)


@pytest.mark.parametrize("damage", [b"", b"garbage", "truncate", "flip-end", "flip-middle"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(
    facts: Path, tmp_path: Path, damage: bytes | str
) -> None:
    cache = tmp_path / "cache"
    _compile(facts, cache)
    (path,) = cache.glob("*.pickle")
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip-end":
        path.write_bytes(data[:-200] + bytes(b ^ 0xFF for b in data[-200:]))
    elif damage == "flip-middle":  # inside one entity's record, decoded only when asked for
        middle = len(data) // 3
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    rebuilt = _compile(facts, cache)
    assert not isinstance(rebuilt.reference, CachedReferenceSet)
    assert len(rebuilt.reference.entities) == 60
    assert isinstance(_compile(facts, cache).reference, CachedReferenceSet)


def test_an_unwritable_cache_directory_only_costs_time(facts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    compiled = _compile(facts, blocker)
    assert len(compiled.reference.entities) == 60


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [FACTCHECK, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def test_cli_writes_the_cache_and_no_cache_leaves_it_alone(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(reference_yaml(world(1000).order), "utf-8")  # above cache.MIN_BYTES
    article = tmp_path / "a.txt"
    article.write_text(TEXT, "utf-8")
    cache, bypass = tmp_path / "cache", tmp_path / "bypass"
    base = ["--facts", facts, "--format", "json", "--date", "2019-02-09"]
    first = _cli(*base, "--cache-dir", cache, article)
    assert len(list(cache.glob("*.pickle"))) == 1, first.stderr
    second = _cli(*base, "--cache-dir", cache, article)
    uncached = _cli(*base, "--no-cache", "--cache-dir", bypass, article)
    assert not bypass.exists()
    assert first.stdout == second.stdout == uncached.stdout
    assert json.loads(first.stdout)["files"][0]["path"].endswith("a.txt")


def test_the_key_covers_the_code_that_builds_and_defines_the_cached_objects() -> None:
    names = {p.relative_to(ROOT / "factcheck").as_posix() for p in fingerprinted_files()}
    expected = {"cache.py", "candidates.py", "values.py", "reference/loader.py"}
    expected |= {"reference/model.py", "extract/mentions.py", "extract/phrases.py"}
    expected |= {"extract/places.py", "extract/spelling.py", "data/places.yaml"}
    assert expected <= names
