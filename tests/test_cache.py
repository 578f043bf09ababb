"""The reference cache: a hit, a miss after an edit, a corrupt file ignored, and --no-cache.

Also what a hit decodes: tables in buckets that answer as the dicts and sets they stand for,
and the gazetteer taken from the file.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import reference_yaml, world
from factcheck import cache
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
    # one compiled reference set (and the validated rules, "rules-*.pickle", when cached)
    assert len([p for p in cache.glob("*.pickle") if not p.name.startswith("rules-")]) == 1, (
        first.stderr
    )
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


def _at(compiled: Compiled, path: str) -> Any:
    found: Any = compiled
    for name in path.split("."):
        found = getattr(found, name)
    return found


def test_the_large_tables_are_read_in_buckets_and_hold_what_was_built(
    facts: Path, tmp_path: Path
) -> None:
    cold = _compile(facts, tmp_path / "cache")
    warm = _compile(facts, tmp_path / "cache")
    assert isinstance(warm.reference, CachedReferenceSet)
    for path in cache._TABLES:  # a renamed attribute would silently be stored whole
        built, read = _at(cold, path), _at(warm, path)
        assert isinstance(read, cache._Table if isinstance(built, dict) else cache._SetTable), path
        assert len(read) == len(built), path
        if isinstance(built, dict):
            assert dict(read.items()) == built, path
            assert all(read.get(k) == v and k in read for k, v in built.items()), path
        else:
            assert set(read) == set(built) and all(m in read for m in built), path


def test_materialized_tables_are_plain_and_check_the_same(facts: Path, tmp_path: Path) -> None:
    cold = _compile(facts, tmp_path / "cache")
    warm = _compile(facts, tmp_path / "cache")
    place = world(60).places[0]
    wrong = "Chile" if place.country != "Chile" else "Peru"
    text = f"The talks in {place.name}, {wrong} went well."
    warm.materialize()
    for path in cache._TABLES:
        built, read = _at(cold, path), _at(warm, path)
        assert type(read) is type(built) and read == built, path
    lazy = _compile(facts, tmp_path / "cache")
    assert _findings(warm, text) == _findings(lazy, text) == [(wrong, place.country)]


def test_tables_are_decoded_whole_only_for_enough_text(facts: Path, tmp_path: Path) -> None:
    _compile(facts, tmp_path / "cache")
    warm = _compile(facts, tmp_path / "cache")
    lazy = [t for t in cache._tables(warm) if isinstance(t, cache._Buckets)]
    entries = sum(len(t) for t in lazy)
    assert lazy and entries
    warm.prepare_for([cache._BYTES_PER_ENTRY * entries - 1])  # one article: not worth it
    assert all(isinstance(_at(warm, path), cache._Buckets) for path in cache._TABLES)
    warm.prepare_for([cache._BYTES_PER_ENTRY * entries // 2] * 2)  # an archive
    assert not any(isinstance(_at(warm, path), cache._Buckets) for path in cache._TABLES)


def _round_trip(obj: object) -> Any:
    sections = cache._Sections({})
    where = sections.table(obj)
    assert where is not None
    return cache._table(memoryview(sections.out.getvalue()), where)


def test_a_table_answers_as_a_dict() -> None:
    built: dict[object, object] = {f"key {n}": n for n in range(100)}
    built |= {("date", 2): "tuple", 1.0: "one", -0.0: "zero", "Straße": "non-ASCII"}
    table = _round_trip(built)
    assert len(table) == len(built) and dict(table.items()) == built
    # Keys a dict takes as equal find the same entry: 1 == 1.0 == True, 0.0 == -0.0.
    assert table[1] == table[True] == table.get(1.0) == "one"
    assert table.get(0) == table.get(0.0) == "zero"
    assert table.get("missing") is None and table.get("missing", 7) == 7
    assert "key 5" in table and "missing" not in table and [] not in table
    with pytest.raises(KeyError):
        table["missing"]
    table["key 5"] = "changed"
    table["new"] = "added"
    del table["key 6"]
    assert (table["key 5"], table["new"], len(table)) == ("changed", "added", len(built))
    assert "key 6" not in table
    copied = pickle.loads(pickle.dumps(table))  # pickles as the dict it stands for
    assert type(copied) is dict and copied == dict(table.items())


def test_a_set_table_answers_as_a_set() -> None:
    built = {("kim", "jong-un"), ("moon", "jae-in")} | {(str(n),) for n in range(50)}
    table = _round_trip(frozenset(built))
    assert len(table) == len(built) and set(table) == built and table == built
    assert ("kim", "jong-un") in table and ("kim",) not in table and "kim" not in table
    assert pickle.loads(pickle.dumps(table)) == frozenset(built)


def test_what_has_no_stable_hash_is_not_made_a_table() -> None:
    sections = cache._Sections({})
    assert sections.table({frozenset({"a"}): 1}) is None  # a frozenset's order varies
    assert sections.table(["not", "a", "dict"]) is None
    assert sections.out.tell() == 0


_WARM_PROBE = """
import sys
from factcheck.cache import CachedReferenceSet, compile_reference
from factcheck.extract.places import gazetteer
compiled = compile_reference([sys.argv[1]], cache_dir=sys.argv[2], min_bytes=0)
print(isinstance(compiled.reference, CachedReferenceSet), gazetteer() is compiled.lexicon.gazetteer)
print(sorted({"yaml", "pydantic", "markdown_it"} & {m.split(".")[0] for m in sys.modules}))
"""


def test_a_hit_reads_neither_yaml_nor_the_gazetteer_data(facts: Path, tmp_path: Path) -> None:
    _compile(facts, tmp_path / "cache")
    p = subprocess.run(
        [sys.executable, "-c", _WARM_PROBE, str(facts), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert p.stdout.splitlines() == ["True True", "[]"], p.stderr
