"""The command line through the real console script: exit codes, messages, JSON, the demo."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from factcheck import cli, document
from factcheck.check import Checker
from factcheck.claims import Claim
from factcheck.rules import attribute, consistency
from tests.conftest import ROOT, SHARED

EXAMPLE = ROOT / "examples" / "envoy-returns.txt"
SEED = SHARED / "seeds" / "000_e8ce3a069e73f505.txt"
KOREA_DEV = SHARED / "eval" / "korea-dev" / "reference.yaml"
FACTCHECK = shutil.which("factcheck") or "factcheck"


def factcheck(
    *args: str | Path, stdin: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [FACTCHECK, *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_demo_flags_the_july_error_and_exits_1() -> None:
    p = factcheck(EXAMPLE.relative_to(ROOT))
    assert p.returncode == 1, p.stderr
    assert "event-date" in p.stdout
    assert "Singapore summit was held June 12, 2018, not July" in p.stdout
    assert "shipped sample" in p.stdout
    assert "Traceback" not in p.stderr


def test_json_is_deterministic_and_has_the_spec_fields() -> None:
    first = factcheck("--format", "json", EXAMPLE.relative_to(ROOT))
    second = factcheck("--format", "json", EXAMPLE.relative_to(ROOT))
    assert first.returncode == 1
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["published"] == "2019-02-09"
    (finding,) = file["findings"]
    assert {
        k: finding[k] for k in ("rule", "severity", "verdict", "entity", "attribute", "found")
    } == {
        "rule": "event-date",
        "severity": "error",
        "verdict": "contradicted",
        "entity": "singapore-summit",
        "attribute": "date",
        "found": "July",
    }
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text[finding["start"] : finding["end"]] == "July"
    line = text[: finding["start"]].count("\n") + 1
    assert (finding["line"], finding["end_line"]) == (line, line)
    assert finding["end_column"] - finding["column"] == 4
    assert finding["reference"]["source"].startswith("https://")
    s = data["summary"]
    assert s["contradicted"] == 1 and s["errors"] == 1
    assert s["claims"] == s["supported"] + s["contradicted"] + s["unverifiable"]
    for claim in file["claims"]:
        assert {"entity", "attribute", "text", "start", "end", "line", "column", "verdict"} <= set(
            claim
        )


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared beside the repo")
@pytest.mark.parametrize(("edit", "expected"), [(None, 1), ("June", 0)])
def test_seed_article(tmp_path: Path, edit: str | None, expected: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    if edit:
        text = text.replace("in Singapore in July", f"in Singapore in {edit}")
    article = tmp_path / "seed.txt"
    article.write_text(text, encoding="utf-8")
    p = factcheck("--facts", KOREA_DEV, "--date", "2019-02-09", "--format", "json", article)
    data = json.loads(p.stdout)
    findings = data["files"][0]["findings"]
    assert len(findings) == expected
    if expected:
        assert findings[0]["found"] == "July" and findings[0]["expected"] == "June 12, 2018"
        assert p.returncode == 1
    else:
        assert p.returncode == 0


def test_stdin_with_stdin_filename() -> None:
    p = factcheck(
        "--format",
        "json",
        "--stdin-filename",
        "piped.txt",
        "--date",
        "2019-02-09",
        "-",
        stdin="Their first summit in Singapore in July was historic.",
    )
    assert p.returncode == 1
    data = json.loads(p.stdout)
    assert data["files"][0]["path"] == "piped.txt"


# An archive written in Windows-1252: curly quotes, a dash and accents are single bytes.
OLD = "Published : Feb 9, 2019\n\nThe “Café” talks: the Singapore summit in July – a start.\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_old_archive_is_read_in_its_encoding(tmp_path: Path, jobs: str) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(OLD.encode("cp1252"))
    p = factcheck("--encoding", "cp1252", "--format", "json", "-j", jobs, tmp_path)
    assert p.returncode == 1, p.stderr
    for entry in json.loads(p.stdout)["files"]:
        (finding,) = entry["findings"]
        assert (finding["found"], finding["line"], finding["column"]) == ("July", 3, 43)
        assert finding["sentence"] == "The “Café” talks: the Singapore summit in July – a start."
    unread = factcheck("--format", "json", tmp_path)  # read as UTF-8, the default
    assert unread.returncode == 2
    assert unread.stderr.splitlines() == [
        f"{tmp_path / name}:3:5: not valid UTF-8 (byte 0x93)" for name in ("a.txt", "b.txt")
    ]


def test_stdin_is_read_in_the_encoding_given() -> None:
    p = subprocess.run(
        [FACTCHECK, "--encoding", "cp1252", "--format", "json", "-"],
        input=OLD.encode("cp1252"),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert p.returncode == 1, p.stderr
    (finding,) = json.loads(p.stdout)["files"][0]["findings"]
    assert finding["found"] == "July"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "yesterday", "x.txt"], '--date: "yesterday" is not a date (use YYYY-MM-DD)'),
        (["missing.txt"], "missing.txt:1:1:"),
        ([], "no input"),
        (["--encoding", "klingon", "x.txt"], '--encoding: "klingon" is not a text encoding'),
        (["--encoding", "base64", "x.txt"], '--encoding: "base64" is not a text encoding'),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    p = factcheck(*args)
    assert p.returncode == 2
    assert message in p.stderr
    assert "Traceback" not in p.stderr


def test_unknown_option_exits_2() -> None:
    p = factcheck("--no-such-option", EXAMPLE)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr


def test_bad_reference_file_reports_every_problem(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "entities:\n"
        "  - id: a-summit\n"
        "    type: summit\n"
        "    neames: [A summit]\n"
        "  - id: a-summit\n"
        "    type: summit\n"
        "    names: [B summit]\n"
        "    facts:\n"
        "      date: 2018-13-01\n",
        encoding="utf-8",
    )
    p = factcheck("--facts", facts, EXAMPLE)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert all(line.startswith(f"{facts}:") for line in lines), lines
    assert any('"neames"' in line and 'did you mean "names"' in line for line in lines)
    assert any("duplicate id" in line for line in lines)
    assert any(":9:" in line for line in lines)  # the bad date, on its own line
    assert "Traceback" not in p.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Their first summit in Singapore in July was historic.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xff summit")
    p = factcheck("--format", "json", "--date", "2019-02-09", bad, good)
    assert p.returncode == 2
    assert f"{bad}:1:4: " in p.stderr
    data = json.loads(p.stdout)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert data["files"][0]["findings"][0]["found"] == "July"


def test_fail_on_never_exits_0() -> None:
    assert factcheck("--fail-on", "never", EXAMPLE).returncode == 0


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    p = factcheck("--format", "json", "-o", out, EXAMPLE)
    assert p.returncode == 1
    assert p.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_unknown_publication_date_is_said(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("President Park Geun-hye spoke.", encoding="utf-8")
    p = factcheck(article)
    assert p.returncode == 0
    assert "publication date unknown" in p.stdout


def test_help_has_examples() -> None:
    p = factcheck("--help")
    assert p.returncode == 0
    assert "examples:" in p.stdout and "--facts" in p.stdout


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_signals_exit_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signum: int,
    code: int,
    word: str,
) -> None:
    def killed(args: object) -> int:
        os.kill(os.getpid(), signum)
        return 0

    previous = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(cli, "_check", killed)
    try:
        assert cli.main([str(EXAMPLE)]) == code
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert f"factcheck: {word}; no report was written" in capsys.readouterr().err


# --- nothing lost --------------------------------------------------------------------------


def _kill(signum: int) -> Callable[..., None]:
    """Return a stand-in that sends this process ``signum``, as a user's kill would."""

    def kill(*args: object) -> None:
        os.kill(os.getpid(), signum)

    return kill


@pytest.mark.parametrize("phase", ["checking", "writing"])
@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_leaves_the_previous_reports_intact(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    phase: str,
    signum: int,
    code: int,
    word: str,
) -> None:
    out, sarif = tmp_path / "report.json", tmp_path / "report.sarif"
    out.write_text("the previous report", encoding="utf-8")
    sarif.write_text("the previous SARIF", encoding="utf-8")
    if phase == "checking":
        monkeypatch.setattr(Checker, "check", _kill(signum))
    else:  # between writing the new report's bytes and renaming it over the old one
        monkeypatch.setattr(os, "fsync", _kill(signum))
    previous = signal.getsignal(signal.SIGTERM)
    try:
        args = ["--no-cache", "--format", "json", "-o", str(out), f"--report=sarif={sarif}"]
        assert cli.main([*args, str(EXAMPLE)]) == code
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert sarif.read_text(encoding="utf-8") == "the previous SARIF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.sarif"]
    assert f"factcheck: {word}; no report was written" in capsys.readouterr().err


def _bad_then_good(
    capsys: pytest.CaptureFixture[str], bad: Path, text: str, good: Path
) -> tuple[str, str]:
    """Check ``bad`` (holding ``text``) then a good article with a July error; exit 2 expected."""
    good.write_text("The Singapore summit was held in July.\n", encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    args = ["--no-cache", "--format", "json", "--date", "2019-02-09", str(bad), str(good)]
    assert cli.main(args) == 2
    return capsys.readouterr()


@pytest.mark.parametrize(
    ("module", "function", "rule"),
    [(attribute, "judge", "event-date"), (consistency, "review", "internal-consistency")],
)
def test_a_crash_in_a_rule_is_an_internal_error_of_that_file_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    module: ModuleType,
    function: str,
    rule: str,
) -> None:
    original = getattr(module, function)

    def crashing(*args: Any) -> Any:
        claims = [a for a in args if isinstance(a, Claim)] or [c for c, _ in args[1]]
        if any(c.entity == "hanoi-summit" for c in claims):
            raise RuntimeError("boom")
        return original(*args)

    monkeypatch.setattr(module, function, crashing)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    out, err = _bad_then_good(capsys, bad, "The Hanoi summit was held in March.\n", good)
    assert err.splitlines() == [
        f"{bad}:1:1: internal error while checking: rule \"{rule}\" failed: RuntimeError('boom') "
        "(please report this)"
    ]
    (report,) = json.loads(out)["files"]
    assert report["path"] == str(good)
    assert [f["found"] for f in report["findings"]] == ["July"]


def test_a_crash_reading_one_file_is_an_internal_error_of_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crashing(source: str) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(document, "html_prose", crashing)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.html"
    out, err = _bad_then_good(capsys, bad, "<p>The Hanoi summit was held in March.</p>\n", good)
    assert err.splitlines() == [
        f"{bad}:1:1: internal error while reading: RuntimeError('boom') (please report this)"
    ]
    assert [f["path"] for f in json.loads(out)["files"]] == [str(good)]


def test_running_out_of_memory_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def exhausted(args: object) -> int:
        raise MemoryError

    monkeypatch.setattr(cli, "_check", exhausted)
    assert cli.main([str(EXAMPLE)]) == 2
    assert capsys.readouterr().err == (
        "factcheck: out of memory: the inputs are too large; no report was written\n"
    )
