"""The validated rules in the cache: a hit reads no YAML, misses after an edit, survives damage."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.rules import loader, reading
from factcheck.rules.base import Override, Rule
from factcheck.rules.loader import load_rules, shipped_rule_files
from tests.conftest import ROOT

HOUSE = """\
rules:
  - id: house-names
    kind: substitution
    severity: warning
    swap:
      Kim Jong Un: Kim Jong-un
  - id: crash-deaths
    kind: cue
    attribute: deaths
    cues: [killed, dead]
"""


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    house = tmp_path / "house.yaml"
    house.write_text(HOUSE, "utf-8")
    return [*shipped_rule_files(), house]


def _load(files: list[Path], cache: Path, **options: object) -> list[Rule]:
    return load_rules(files, cache_dir=cache, use_cache=True, **options)  # type: ignore[arg-type]


def _unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading a rules file fail: what follows must come from the cache."""

    def read_rules(*args: object) -> None:
        raise AssertionError("the rules were read again")

    monkeypatch.setattr(reading, "read_rules", read_rules)


def test_a_hit_gives_the_rules_as_read(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    read = _load(files, cache)
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["rules"]
    _unread(monkeypatch)
    cached = _load(files, cache)
    assert cached == read
    assert [r.id for r in cached][-2:] == ["house-names", "crash-deaths"]
    house = cached[-2]
    assert house.kind.name == "substitution" and house.options == read[-2].options
    assert house.options is not None and house.options is not read[-2].options  # validated anew


def test_overrides_apply_to_cached_rules(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _load(files, cache)
    _unread(monkeypatch)
    off = {"house-names": Override("error", False, "factcheck.yaml", 3, 5)}
    (rule,) = [r for r in _load(files, cache, overrides=off) if r.id == "house-names"]
    assert (rule.spec.severity, rule.spec.enabled) == ("error", False)
    unknown = {"no-such-rule": Override(None, False, "factcheck.yaml", 4, 5)}
    with pytest.raises(FactcheckError, match=re.escape('yaml:4:5: unknown rule "no-such-rule"')):
        _load(files, cache, overrides=unknown)


def test_an_edited_file_misses_and_replaces_the_old_cache(
    files: list[Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _load(files, cache)
    (before,) = cache.iterdir()
    files[-1].write_text(HOUSE.replace("severity: warning", "severity: info"), "utf-8")
    (rule,) = [r for r in _load(files, cache) if r.id == "house-names"]
    assert rule.spec.severity == "info"
    (after,) = cache.iterdir()
    assert after != before


def test_a_damaged_cache_is_read_again(files: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    read = _load(files, cache)
    (path,) = cache.iterdir()
    data = path.read_bytes()
    path.write_bytes(data[:-50] + bytes(b ^ 0xFF for b in data[-50:]))
    assert _load(files, cache) == read
    assert path.read_bytes() == data  # written again


def test_a_kind_gone_since_is_reported_as_when_read(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _load(files, cache)
    installed = dict(loader.kinds())
    del installed["substitution"]
    monkeypatch.setattr(loader, "kinds", lambda: installed)
    message = 'house.yaml:3:11: unknown rule kind "substitution"'
    with pytest.raises(FactcheckError, match=re.escape(message)):
        _load(files, cache)


def test_without_the_cache_nothing_is_written(files: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_rules(files, cache_dir=cache)
    assert not cache.exists()


_PROBE = """
import sys
from factcheck.rules.loader import load_rules, shipped_rule_files
rules = load_rules(shipped_rule_files(), cache_dir=sys.argv[1], use_cache=True)
modules = {"yaml", "factcheck.rules.reading", "factcheck.rules.schema"}
print(len(rules), sorted(modules & set(sys.modules)))
"""


def test_a_hit_imports_neither_yaml_nor_the_rule_models(tmp_path: Path) -> None:
    expected = len(load_rules(shipped_rule_files(), cache_dir=tmp_path, use_cache=True))
    p = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert p.stdout.split(maxsplit=1) == [str(expected), "[]\n"], p.stderr
