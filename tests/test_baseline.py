"""Baselines: recorded findings are hidden, new ones fail the run, the file is deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck import cli

WRONG_DATE = "Their first historic summit in Singapore in July set the tone."
WRONG_PLACE = "The Singapore summit in Hanoi was historic."
ARTICLE = f"""\
---
date: 2019-02-09
---
# Envoy upbeat on talks

{WRONG_DATE}

The Hanoi summit was their second.
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code = cli.main(["--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else {}, err


def _found(report: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    return [
        (f["rule"], f["found"], f["line"], f["column"])
        for file in report["files"]
        for f in file["findings"]
    ]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "envoy.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_round_trip(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, err = _run(capsys, "--write-baseline", "baseline.json", "articles")
    assert (code, _found(report)) == (0, [])
    assert err == "factcheck: wrote 1 finding to baseline.json\n"

    # move the paragraph below another one: its lines change, its fingerprint does not
    moved = ARTICLE.replace(
        f"{WRONG_DATE}\n\nThe Hanoi summit was their second.\n",
        f"The Hanoi summit was their second.\n\nMore words here.\n\n{WRONG_DATE}\n",
    )
    (project / "articles" / "envoy.md").write_text(moved, encoding="utf-8")
    code, report, err = _run(capsys, "--baseline", "baseline.json", "articles")
    assert (code, _found(report)) == (0, [])
    assert err == "factcheck: 1 finding in baseline.json hidden\n"

    # a new error fails the run, and only it is reported
    (project / "articles" / "envoy.md").write_text(f"{moved}\n{WRONG_PLACE}\n", encoding="utf-8")
    code, report, _ = _run(capsys, "--baseline", "baseline.json", "articles")
    assert (code, _found(report)) == (1, [("event-place", "Hanoi", 12, 25)])


def test_identical_findings_are_counted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "--write-baseline", "baseline.json", "articles")
    twice = ARTICLE.replace(WRONG_DATE, f"{WRONG_DATE}\n\n{WRONG_DATE}")
    (project / "articles" / "envoy.md").write_text(twice, encoding="utf-8")
    code, report, _ = _run(capsys, "--baseline", "baseline.json", "articles")
    assert (code, _found(report)) == (1, [("event-date", "July", 8, 45)])

    _run(capsys, "--write-baseline", "baseline.json", "articles")
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 2 and entries[0] == entries[1]
    code, report, _ = _run(capsys, "--baseline", "baseline.json", "articles")
    assert (code, _found(report)) == (0, [])


def test_the_file_is_deterministic(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "b.txt").write_text(f"{WRONG_PLACE} {WRONG_DATE}\n", encoding="utf-8")
    _run(capsys, "--date", "2019-02-09", "--write-baseline", "baseline.json", "articles")
    first = (project / "baseline.json").read_bytes()
    _run(capsys, "--date", "2019-02-09", "--write-baseline", "again.json", "articles")
    assert (project / "again.json").read_bytes() == first
    data = json.loads(first)
    assert data["version"] == 1
    assert [
        (e["path"], e["rule"], e["found"], len(e["fingerprint"])) for e in data["findings"]
    ] == [
        ("articles/b.txt", "event-date", "July", 32),
        ("articles/b.txt", "event-place", "Hanoi", 32),
        ("articles/envoy.md", "event-date", "July", 32),
    ]
    assert data["findings"][0]["message"] == "Singapore summit was held June 12, 2018, not July"
    assert first.endswith(b"}\n")


def test_paths_are_relative_to_the_baseline(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(capsys, "--write-baseline", "baseline.json", "articles")
    monkeypatch.chdir(project / "articles")
    code, report, _ = _run(capsys, "--baseline", "../baseline.json", "envoy.md")
    assert (code, _found(report)) == (0, [])


def test_fixed_findings_are_noted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "--write-baseline", "baseline.json", "articles")
    fixed = ARTICLE.replace("in July", "in June")
    (project / "articles" / "envoy.md").write_text(fixed, encoding="utf-8")
    code, _, err = _run(capsys, "--baseline", "baseline.json", "articles")
    assert code == 0
    assert err == (
        "factcheck: 1 entry in baseline.json matched nothing (fixed or reworded); "
        "refresh it with --write-baseline\n"
    )


def test_no_baseline_is_written_when_an_input_is_unreadable(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--write-baseline", "baseline.json", "articles", "missing.md")
    assert code == 2
    assert "factcheck: baseline.json not written: some inputs could not be read" in err
    assert not (project / "baseline.json").exists()


NOT_A_BASELINE = (
    'baseline.json:1:1: not a factcheck baseline (expected {"version": 1, "findings": [...]})'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline.json:1:1: baseline file not found; create it with --write-baseline"),
        (
            '{"version": 1,\n  "findings": [}',
            "baseline.json:2:16: the baseline is not valid JSON: Expecting value",
        ),
        (
            "[]",
            NOT_A_BASELINE,
        ),
        (
            '{"version": 2, "findings": []}',
            NOT_A_BASELINE,
        ),
        (
            '{"version": 1, "findings": [{"path": "a.md"}]}',
            'baseline.json:1:1: finding 1 needs a "path" and a "fingerprint" string',
        ),
    ],
)
def test_bad_baseline_files(
    project: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    code, report, err = _run(capsys, "--baseline", "baseline.json", "articles")
    assert (code, report, err) == (2, {}, message + "\n")
