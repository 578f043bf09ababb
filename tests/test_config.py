"""Configuration: where it is found, what it may say, how the command line overrides it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from factcheck import cli
from factcheck.config import describe, find_config, load_config
from tests.conftest import SAMPLE_FACTS

ARTICLE = "Their first summit in Singapore in July was historic. Kim Jong-un, 35, spoke.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory with the sample facts and an article, as the working directory."""
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "korea.yaml").write_text(
        (SAMPLE_FACTS / "korea-2018-2019.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- finding the file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"factcheck.yaml": ""}, "factcheck.yaml"),
        ({"pyproject.toml": "[tool.factcheck]\n"}, "pyproject.toml"),
        ({"pyproject.toml": "[tool.other]\n"}, None),  # not ours: keep looking, find nothing
        ({"factcheck.yaml": "", "pyproject.toml": "[tool.factcheck]\n"}, "factcheck.yaml"),
        ({"sub/factcheck.yaml": "", "factcheck.yaml": ""}, "sub/factcheck.yaml"),  # nearest
        (
            {"pyproject.toml": "[tool.factcheck.rule-overrides.x]\nenabled = false\n"},
            "pyproject.toml",
        ),
    ],
)
def test_find_config(tmp_path: Path, files: dict[str, str], expected: str | None) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True, exist_ok=True)
    found = find_config(tmp_path / "sub" / "deeper")
    assert found == (tmp_path / expected if expected else None)


# --- what it says -------------------------------------------------------------------------


def test_yaml_config_values_and_their_origins(project: Path) -> None:
    (project / "factcheck.yaml").write_text(
        "facts: facts\n"
        "rules: [mine.yaml]\n"
        "rule-overrides:\n"
        "  person-age: {severity: warning}\n"
        "fail-on: warning\n"
        "skip-scopes: [quotations, code]\n"
        "encoding: Windows-1252\n",
        encoding="utf-8",
    )
    config = load_config()
    assert config.facts == ("facts",)
    assert config.overrides["person-age"].severity == "warning"
    assert (config.overrides["person-age"].line, config.overrides["person-age"].column) == (4, 3)
    assert config.fail_on == "warning"
    assert config.skip_scopes == ("quotations", "code")
    assert config.encoding == "cp1252" and config.origin("encoding") == "factcheck.yaml:7"
    assert config.origin("facts") == "factcheck.yaml:1"
    assert config.origin("fail-on") == "factcheck.yaml:5"
    merged = config.with_options(facts=["other.yaml"], rules=["r.yaml"], fail_on="error")
    assert merged.facts == ("other.yaml",) and merged.origin("facts") == "command line"
    assert (
        merged.rules == ("mine.yaml", "r.yaml")
        and merged.origin("rules") == "factcheck.yaml:2 and command line"
    )
    assert merged.fail_on == "error" and merged.origin("fail-on") == "command line"
    assert merged.encoding == "cp1252"
    latin = config.with_options(encoding="iso8859-1")
    assert latin.encoding == "iso8859-1" and latin.origin("encoding") == "command line"


def test_pyproject_config(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factcheck]\nfacts = ["facts"]\nfail-on = "info"\n\n'
        "[tool.factcheck.rule-overrides]\nevent-date = {enabled = false}\n",
        encoding="utf-8",
    )
    config = load_config()
    assert config.facts == ("facts",) and config.fail_on == "info"
    assert config.overrides["event-date"].enabled is False
    assert config.origin("fail-on") == "pyproject.toml:6"
    assert (config.overrides["event-date"].line, config.overrides["event-date"].column) == (9, 1)


def test_paths_are_relative_to_the_config_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "factcheck.yaml").write_text("facts: [facts]\n", encoding="utf-8")
    monkeypatch.chdir(project / "drafts")
    assert load_config().facts == (str(project / "facts"),)


def test_describe_says_where_each_value_came_from(project: Path) -> None:
    (project / "factcheck.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    text = describe(load_config().with_options(rules=["extra.yaml"]))
    lines = text.splitlines()
    assert lines[0] == "# configuration file: factcheck.yaml"
    assert any(
        line.startswith("fail-on: warning ") and line.endswith("# factcheck.yaml:1")
        for line in lines
    )
    assert any(
        line.startswith("rules: [extra.yaml] ") and line.endswith("# command line")
        for line in lines
    )
    assert any(line.startswith("facts: []") and "shipped sample" in line for line in lines)


# --- errors: file:line:col, did you mean, exit 2 ------------------------------------------

ERRORS = [
    (
        "factcheck.yaml",
        "fail-onn: warning\n",
        '1:1: unknown field "fail-onn" (did you mean "fail-on"?)',
    ),
    ("factcheck.yaml", "fail-on: sometimes\n", "1:10: fail-on: Input should be"),
    (
        "factcheck.yaml",
        "facts: [ok, ../../etc]\n",
        '1:13: facts: "../../etc" is outside the project',
    ),
    ("factcheck.yaml", "rules:\n  - /etc/rules.yaml\n", '2:5: rules: "/etc/rules.yaml" is outside'),
    (
        "factcheck.yaml",
        "skip-scopes: [quotes]\n",
        "1:15: skip-scopes.0: Input should be 'quotations' or 'code'",
    ),
    (
        "factcheck.yaml",
        "rule-overrides:\n  person-age: {severty: warning}\n",
        '2:16: unknown field "severty" (did you mean "severity"?)',
    ),
    (
        "factcheck.yaml",
        "rule-overrides:\n  evnt-date: {enabled: false}\n",
        '2:3: unknown rule "evnt-date" (did you mean "event-date"?)',
    ),
    ("factcheck.yaml", "facts: [a\n", "2:1: YAML error:"),
    (
        "factcheck.yaml",
        "encoding: klingon\n",
        '1:11: encoding: "klingon" is not a text encoding Python knows',
    ),
    ("factcheck.yaml", "- facts\n", "1:1: the configuration must be a mapping"),
    (
        "pyproject.toml",
        '[tool.factcheck]\nfacts = ["facts"]\nfail_on = "warning"\n',
        '3:1: unknown field "fail_on" (did you mean "fail-on"?)',
    ),
    ("pyproject.toml", "[tool.factcheck]\nfacts = [\n", "3:1: TOML error:"),
]


@pytest.mark.parametrize(("name", "text", "message"), ERRORS)
def test_config_errors_exit_2_located(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, message: str
) -> None:
    (project / name).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "drafts/a.txt")
    assert code == 2 and out == ""
    assert f"{project / name}:{message}" in err or f"{name}:{message}" in err, err
    assert "Traceback" not in err


def test_missing_explicit_config_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--config", "nope.yaml", "drafts/a.txt")
    assert code == 2
    assert err == "factcheck: --config nope.yaml: no such file\n"


# --- the config at work, and the command line over it -------------------------------------

CONFIG = """\
facts: [facts]
rule-overrides:
  event-date: {severity: warning}
  person-age: {enabled: false}
"""


@pytest.mark.parametrize(
    ("config", "args", "code", "rules"),
    [
        ("", [], 1, ["event-date"]),  # no config: the sample facts, fail on errors
        (CONFIG, [], 0, ["event-date"]),  # event-date is only a warning now
        (CONFIG + "fail-on: warning\n", [], 1, ["event-date"]),
        (CONFIG + "fail-on: warning\n", ["--fail-on", "error"], 0, ["event-date"]),
        ("rule-overrides:\n  event-date: {enabled: false}\n", [], 0, []),
    ],
)
def test_config_in_a_check(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    config: str,
    args: list[str],
    code: int,
    rules: list[str],
) -> None:
    import json

    (project / "factcheck.yaml").write_text(config, encoding="utf-8")
    got, out, err = run(capsys, "--format", "json", "--date", "2019-02-09", *args, "drafts/a.txt")
    assert got == code, err
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["rule"] for f in findings] == rules


def test_configured_encoding_reads_the_archive(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    (project / "drafts" / "a.txt").write_bytes(
        ARTICLE.replace("historic", "“historic”").encode("cp1252")
    )
    (project / "factcheck.yaml").write_text("facts: [facts]\nencoding: cp1252\n", "utf-8")
    got, out, err = run(capsys, "--format", "json", "--date", "2019-02-09", "drafts/a.txt")
    assert got == 1, err
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["event-date"]
    got, _, err = run(capsys, "--encoding", "utf-8", "--date", "2019-02-09", "drafts/a.txt")
    assert got == 2 and "not valid UTF-8" in err  # the command line over the config


def test_explicit_config_and_config_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "team.yaml").write_text("fail-on: info\n", encoding="utf-8")
    code, out, _ = run(capsys, "config", "--config", "team.yaml", "--facts", "facts")
    assert code == 0
    assert out.splitlines()[0] == "# configuration file: team.yaml"
    assert "fail-on: info" in out and "# team.yaml:1" in out
    assert "facts: [facts]" in out and "# command line" in out


def test_rules_list_shows_overrides(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0
    rows = {line.split()[0]: line.split()[2] for line in out.splitlines()[1:]}
    assert rows["event-date"] == "warning" and rows["person-age"] == "off"


def test_facts_validate_defaults_to_the_configured_facts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "factcheck.yaml").write_text("facts: [facts]\n", encoding="utf-8")
    assert run(capsys, "facts", "validate") == (0, "ok: 16 entities in 1 file\n", "")


def test_skip_scopes_quotations_leaves_quotes_unjudged(tmp_path: Path) -> None:
    """With ``skip-scopes: [quotations]`` a wrong claim inside a quote is not reported."""
    article = tmp_path / "a.txt"
    article.write_text(
        'Kim said: "Their first summit in Singapore in July was historic."\n\n'
        "Their first summit in Singapore in July was historic.\n",
        encoding="utf-8",
    )
    args = ["--date", "2019-02-09", "--format", "json", str(article)]
    plain = subprocess.run(["factcheck", *args], capture_output=True, text=True, cwd=tmp_path)
    (tmp_path / "factcheck.yaml").write_text("skip-scopes: [quotations]\n", encoding="utf-8")
    skipped = subprocess.run(["factcheck", *args], capture_output=True, text=True, cwd=tmp_path)
    lines = [f["line"] for f in json.loads(plain.stdout)["files"][0]["findings"]]
    assert lines == [1, 3]
    lines = [f["line"] for f in json.loads(skipped.stdout)["files"][0]["findings"]]
    assert lines == [3]
