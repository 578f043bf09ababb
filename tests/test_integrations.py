"""CI integrations: many inputs, --report files, levels, factcheck init, pre-commit, Actions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from factcheck import cli, scaffold
from tests.conftest import ROOT

WRONG = "Their first historic summit in Singapore in July set the tone."
RIGHT = "Their first historic summit in Singapore in June set the tone."
WRONG_PLACE = "The Singapore summit in Hanoi was historic."
DATED = "---\ndate: 2019-02-09\n---\n"


def _main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- many inputs --------------------------------------------------------------------------

TREE = {
    "articles/b.md": "x",
    "articles/a.txt": "x",
    "articles/A.HTML": "x",
    "articles/page.htm": "x",
    "articles/notes.yaml": "x",
    "articles/.hidden.md": "x",
    "articles/.github/PULL_REQUEST_TEMPLATE.md": "x",
    "articles/drafts/c.markdown": "x",
    "articles/drafts/old/d.md": "x",
    "articles/build/e.md": "x",
    "articles/keep/f.md": "x",
    "articles/keep/skip.md": "x",
    "articles/.gitignore": "build/\n*.htm\n",
    "articles/keep/.gitignore": "skip.md\n",
}


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        ((), (), ["A.HTML", "a.txt", "b.md", "drafts/c.markdown", "drafts/old/d.md", "keep/f.md"]),
        ((), ("drafts/",), ["A.HTML", "a.txt", "b.md", "keep/f.md"]),
        ((), ("old", "*.txt"), ["A.HTML", "b.md", "drafts/c.markdown", "keep/f.md"]),
        (("*.md",), (), ["b.md", "drafts/old/d.md", "keep/f.md"]),
        (("drafts/**/*.md", "*.yaml"), (), ["drafts/old/d.md", "notes.yaml"]),
    ],
)
def test_directories_expand_to_articles(
    tmp_path: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    from factcheck.inputs import expand

    _write(tmp_path, TREE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.markdown\n!articles/drafts/*\n", encoding="utf-8")
    errors: list[str] = []
    found = expand([str(tmp_path / "articles")], errors, include, exclude)
    assert [Path(p).relative_to(tmp_path / "articles").as_posix() for p in found] == expected
    assert errors == []


def test_inputs_keep_command_line_order_once_each(tmp_path: Path) -> None:
    from factcheck.inputs import expand

    _write(tmp_path, {"d/x.md": "", "d/y.md": "", "z.yaml": "", "empty/notes.yaml": ""})
    errors: list[str] = []
    paths = [str(tmp_path / "z.yaml"), str(tmp_path / "d"), "-", str(tmp_path / "d" / "x.md")]
    paths.append(str(tmp_path / "empty"))
    found = expand(paths, errors, (), ())
    assert found == [paths[0], str(tmp_path / "d/x.md"), str(tmp_path / "d/y.md"), "-"]
    assert errors == [f"{tmp_path / 'empty'}:1:1: no .txt, .md or .html files in this directory"]


def test_an_unreadable_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, {"a.md": DATED + WRONG, "b.md": "\xff", "c.md": DATED + WRONG})
    (tmp_path / "b.md").write_bytes(b"\xff")
    code, out, err = _main(capsys, "--format", "json", tmp_path)
    assert code == 2
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["a.md", "c.md"]
    assert err == f"{tmp_path / 'b.md'}:1:1: not valid UTF-8 (byte 0xff)\n"


# --- reports ------------------------------------------------------------------------------


def test_reports_are_written_and_do_not_change_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, {"a.md": DATED + WRONG + "\n"})
    article = tmp_path / "a.md"
    code, out, _ = _main(capsys, "--format", "json", article)
    reports = [
        f"{fmt}={tmp_path / name}"
        for fmt, name in [("sarif", "x.sarif"), ("markdown", "s.md"), ("junit", "j.xml")]
    ]
    args = [a for r in reports for a in ("--report", r)]
    assert _main(capsys, "--format", "json", *args, article) == (code, out, "")
    assert code == 1
    sarif = json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["event-date"]
    assert "July" in (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "<testsuite" in (tmp_path / "j.xml").read_text(encoding="utf-8")
    assert "\x1b[" not in (tmp_path / "s.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("report", "message"),
    [
        (
            "nosuch=x.out",
            "factcheck: --format nosuch: no reporter is registered under that name "
            "(reinstall factcheck)",
        ),
        (
            "sarif=missing-dir/x.sarif",
            "missing-dir/x.sarif:1:1: cannot write report: No such file or directory",
        ),
    ],
)
def test_report_problems_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    report: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"a.md": DATED + RIGHT})
    code, _, err = _main(capsys, "--report", report, "a.md")
    assert (code, err.splitlines()[-1]) == (2, message)


def test_report_option_needs_format_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--report", "sarif", "a.md"])
    assert exc.value.code == 2
    assert '"sarif" is not FORMAT=PATH (e.g. sarif=out.sarif)' in capsys.readouterr().err


# --- levels -------------------------------------------------------------------------------

# event-place findings become warnings
LEVELS_CONFIG = "rule-overrides:\n  event-place: {severity: warning}\n"


@pytest.mark.parametrize(
    ("args", "code", "shown", "note"),
    [
        ((), 1, ["event-date", "event-place"], ""),
        (("--min-level", "error"), 1, ["event-date"], ""),
        (
            ("--fail-on", "warning", "--min-level", "error"),
            1,
            ["event-date"],
            "factcheck: 1 failing finding(s) below --min-level error\n",
        ),
        (("--fail-on", "never"), 0, ["event-date", "event-place"], ""),
        (("--min-level", "warning", "--fail-on", "info"), 1, ["event-date", "event-place"], ""),
    ],
)
def test_min_level_is_separate_from_fail_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    shown: list[str],
    note: str,
) -> None:
    _write(tmp_path, {"a.md": f"{DATED}{WRONG} {WRONG_PLACE}\n", "c.yaml": LEVELS_CONFIG})
    config = ("--config", tmp_path / "c.yaml", "--format", "json")
    got, out, err = _main(capsys, *config, *args, tmp_path / "a.md")
    assert (got, [f["rule"] for f in json.loads(out)["files"][0]["findings"]]) == (code, shown)
    assert err == note


def test_hidden_failing_findings_are_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, {"a.md": f"{DATED}{WRONG_PLACE}\n", "c.yaml": LEVELS_CONFIG})
    args = ("--config", tmp_path / "c.yaml", "--fail-on", "warning", "--min-level", "error")
    code, out, err = _main(capsys, *args, "--format", "json", tmp_path / "a.md")
    assert (code, json.loads(out)["files"][0]["findings"]) == (1, [])
    assert err == "factcheck: 1 failing finding(s) below --min-level error\n"


def test_quiet_verbose_and_no_color(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"a.md": f"{DATED}# Talks\n\n{WRONG} The summit in Pyongyang was tense.\n"})
    article = tmp_path / "a.md"
    _, quiet, _ = _main(capsys, "--quiet", "--color", "always", "--no-color", article)
    assert quiet.splitlines() == [
        f"{article}:6:45: error [event-date] Singapore summit was held June 12, 2018, not July",
        "    Their first historic summit in Singapore in July set the tone.",
        quiet.splitlines()[2],
    ]
    assert quiet.splitlines()[2].startswith("    reference: June 12, 2018 (")
    _, verbose, _ = _main(capsys, "-v", "-q", article)
    claims = verbose.splitlines()[3:]
    assert claims == [
        f"{article}:6:7: supported [event-ordinal] singapore-summit ordinal: “first” "
        "(reference: 1st)",
        f"{article}:6:32: supported [event-place] singapore-summit place: “Singapore” "
        "(reference: Singapore)",
        f"{article}:6:78: unverifiable hanoi-summit or singapore-summit place: “Pyongyang”",
    ]
    _, plain, _ = _main(capsys, article)
    assert plain.splitlines()[0].startswith("factcheck: reference set ")
    assert plain.splitlines()[-1].startswith("1 file, 4 claims: 2 supported, 1 contradicted, 1 unv")
    assert "\x1b[" not in quiet + verbose + plain


# --- factcheck init -----------------------------------------------------------------------


def test_init_scaffolds_a_working_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _main(capsys, "init", "news")
    assert code == 0
    assert out.splitlines()[:4] == [
        "created news/factcheck.yaml",
        "created news/facts/example.yaml",
        "created news/rules/example.yaml",
        "created news/.github/workflows/factcheck.yml",
    ]
    monkeypatch.chdir(tmp_path / "news")
    assert _main(capsys, "facts", "validate", "facts")[0] == 0
    assert _main(capsys, "rules", "test", "rules")[0] == 0
    _write(tmp_path / "news", {"a.md": DATED + WRONG + "\n"})
    code, out, _ = _main(capsys, "--format", "json", "a.md")
    data = json.loads(out)
    assert (code, data["facts"], [f["rule"] for f in data["files"][0]["findings"]]) == (
        1,
        ["facts"],
        ["event-date"],
    )
    for path in scaffold.FILES:
        text = (tmp_path / "news" / path).read_text(encoding="utf-8")
        assert text.lstrip().startswith("#"), f"{path} opens with a comment explaining it"


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"rules/example.yaml": "mine\n"})
    code, out, err = _main(capsys, "init", tmp_path)
    assert (code, out) == (2, "")
    assert err == (
        f"{tmp_path / 'rules/example.yaml'}:1:1: already exists; "
        "factcheck init does not overwrite files\n"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["example.yaml", "rules"]


# --- GitHub Actions -----------------------------------------------------------------------


def test_documented_workflow_is_the_scaffolded_one() -> None:
    documented = (ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8")
    assert documented == scaffold.template("github-workflow.yml")
    workflow = yaml.safe_load(documented)
    steps = workflow["jobs"]["factcheck"]["steps"]
    run = next(s["run"] for s in steps if s.get("name") == "Check the articles")
    assert "--report sarif=factcheck.sarif --report markdown=summary.md" in run
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    )
    assert upload["with"]["sarif_file"] == "factcheck.sarif"
    assert any('>> "$GITHUB_STEP_SUMMARY"' in s.get("run", "") for s in steps)
    assert workflow["permissions"]["security-events"] == "write"


# --- pre-commit ---------------------------------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {k: hook[k] for k in ("id", "entry", "language", "types_or")} == {
        "id": "factcheck",
        "entry": "factcheck",
        "language": "python",
        "types_or": ["markdown", "text", "html"],
    }


GIT = shutil.which("git")
PRE_COMMIT = shutil.which("pre-commit")


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True)
    return done.stdout.decode()


@pytest.mark.skipif(GIT is None or PRE_COMMIT is None, reason="needs git and pre-commit")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout of factcheck")
    # try-repo installs from commits; snapshot the working tree, uncommitted work included
    hooks = tmp_path / "hooks"
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (hooks / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, hooks / name)
    _git(hooks, "init", "-q")
    _git(hooks, "add", "-A")
    _git(hooks, "commit", "-q", "-m", "snapshot")
    news = tmp_path / "news"
    _write(news, {"bad.md": DATED + WRONG + "\n", "good.md": DATED + RIGHT + "\n"})
    _git(news, "init", "-q")
    results = {}
    for name in ("bad.md", "good.md"):
        done = subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(hooks), "factcheck", "--files", name],
            cwd=news,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "NO_COLOR": "1"},
        )
        results[name] = (done.returncode, done.stdout)
    assert results["bad.md"][0] == 1, results["bad.md"][1]
    assert "bad.md:4:45: error [event-date]" in results["bad.md"][1]
    assert results["good.md"][0] == 0, results["good.md"][1]
    assert results["good.md"][1].rstrip().endswith("Passed")
