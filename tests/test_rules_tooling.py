"""Tools for rule authors: examples, fixtures, rules list/test, explain, schema, facts, plugins."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from factcheck import cli
from factcheck.commands.schema import render
from factcheck.rules import examples
from factcheck.rules.loader import kinds, load_rules, shipped_rule_files
from tests.conftest import FIXTURES, ROOT, SAMPLE_FACTS

RULE_FIXTURES = FIXTURES / "rules"
PLUGIN = Path(__file__).parent / "plugin_example"
FACTCHECK = shutil.which("factcheck") or "factcheck"
ARTICLE = "Their first summit in Singapore in July was historic.\n"

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def factcheck(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run the command line in-process (optionally in ``cwd``); return code, stdout, stderr."""

    def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --- the built-in rules' own examples: one test row per example ----------------------------

SHIPPED = load_rules(shipped_rule_files())
CASES = examples.cases(SHIPPED)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_builtin_rule_example(case: examples.Case) -> None:
    outcome = examples.run_case(case, SHIPPED)
    assert outcome.passed, "\n".join(outcome.diff)


def test_every_builtin_rule_has_a_contradicted_and_a_passing_example() -> None:
    for rule in SHIPPED:
        verdicts = {ex.expect for ex in rule.spec.examples}
        assert "contradicted" in verdicts, rule.id
        assert verdicts & {"supported", "unverifiable"}, rule.id


# --- fixture annotations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Text. <!-- expect: a -->", [(1, "a", True)]),
        ("<!-- expect: a -->\nText.", [(2, "a", True)]),
        (
            "<!-- ok: a, b -->\n\n<!-- expect: c -->\nText.",
            [(4, "a", False), (4, "b", False), (4, "c", True)],
        ),
        ("<!-- a plain comment -->\nText.", []),
        ("Text.\n<!-- expect: a -->", []),  # annotates no line: nothing follows
    ],
)
def test_annotations(text: str, expected: list[tuple[int, str, bool]]) -> None:
    got = [(a.line, a.rule, a.expect) for a in examples.read_annotations(text)]
    assert got == expected


# --- rules test ---------------------------------------------------------------------------


def test_rules_test_runs_the_shipped_examples_by_default(factcheck: Cli) -> None:
    code, out, _ = factcheck("rules", "test")
    assert code == 0, out
    assert f"{len(CASES)} examples of {len(SHIPPED)} rules" in out


def test_rules_test_runs_fixture_examples_and_articles(factcheck: Cli) -> None:
    code, out, _ = factcheck("rules", "test", "-v", RULE_FIXTURES)
    assert code == 0, out
    assert "ok   korea.md" in out and "ok   turnout.md" in out
    assert "2 examples of 1 rule and 2 fixtures: 4 passed, 0 failed" in out


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _readme_rule() -> str:
    """Return the first YAML example of README's Rules section: a user rule with examples."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Rules\n") :]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


ELECTION_FACTS = """\
entities:
  - id: city-election-2022
    type: election
    names: [city election]
    facts:
      turnout: {value: 38.5, unit: percent}
"""


@pytest.mark.parametrize(("expect", "code"), [("supported", 0), ("contradicted", 1)])
def test_the_readme_rule_works_and_a_wrong_example_fails(
    tmp_path: Path, factcheck: Cli, expect: str, code: int
) -> None:
    text = _readme_rule()
    assert text.rstrip().endswith("expect: supported")
    rules = _write(tmp_path / "election.yaml", text.rstrip()[: -len("supported")] + expect + "\n")
    (tmp_path / "facts").mkdir()
    _write(tmp_path / "facts" / "elections.yaml", ELECTION_FACTS)
    got, out, err = factcheck("rules", "test", rules)
    assert got == code, out + err
    if code:
        assert "FAIL election-turnout example 2" in out
        assert "- expected: contradicted\n  + actual:   supported" in out
        assert '"38.5" supported (reference: 38.5 percent)' in out
    article = _write(tmp_path / "a.txt", "Turnout in the city election was 41 per cent.\n")
    got, out, _ = factcheck("--facts", tmp_path / "facts", "--rules", rules, article)
    assert got == 0  # a warning: below the default --fail-on error
    assert "city election turnout was 38.5 percent, not 41" in out


def test_a_fixture_reports_missing_and_unexpected_findings(tmp_path: Path, factcheck: Cli) -> None:
    fixture = _write(
        tmp_path / "wrong.md",
        f"---\ndate: 2019-02-09\nfacts: {SAMPLE_FACTS}\n---\n"
        "The summit in Singapore was in June. <!-- expect: event-date -->\n"
        "<!-- ok: event-date -->\n"
        "Their first summit in Singapore in July was historic.\n",
    )
    code, out, _ = factcheck("rules", "test", fixture)
    assert code == 1
    assert "line 5: The summit in Singapore was in June." in out
    assert "- event-date (expected, not reported)" in out
    assert "+ event-date: Singapore summit was held June 12, 2018, not July" in out


def test_broken_example_facts_are_located_and_exit_2(tmp_path: Path, factcheck: Cli) -> None:
    rules = _write(
        tmp_path / "r.yaml",
        "rules:\n"
        "  - id: r\n"
        "    attribute: turnout\n"
        "    cues: [turnout]\n"
        "    examples:\n"
        "      - text: Turnout was 3.\n"
        "        expect: supported\n"
        "        facts:\n"
        "          - id: e\n"
        "            type: election\n"
        "            neames: [x]\n",
    )
    code, out, _ = factcheck("rules", "test", rules)
    assert code == 2
    assert f'{rules}:11:13: unknown key "neames" (did you mean "names"?)' in out


# --- rules list, explain ------------------------------------------------------------------


def test_rules_list_shows_id_kind_severity_and_source(factcheck: Cli) -> None:
    code, out, _ = factcheck("rules", "list", "--rules", RULE_FIXTURES / "turnout.yaml", cwd=ROOT)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SEVERITY", "SOURCE"]
    assert lines[1].split() == ["event-date", "attribute", "error", "rules/builtin.yaml:4"]
    assert lines[-1].split() == [
        "referendum-turnout",
        "cue",
        "warning",
        "tests/fixtures/rules/turnout.yaml:3",
    ]


def test_explain_shows_the_rule_its_examples_and_its_kind(factcheck: Cli) -> None:
    code, out, _ = factcheck("explain", "event-date")
    assert code == 0
    assert out.startswith("event-date (attribute rule, error) defined at ")
    assert "message: {entity} was held {expected}, not {found}" in out
    assert "contradicted: Their first summit in Singapore in July was historic." in out
    assert 'kind "attribute":' in out and "What it does" in out and "Why is this bad?" in out


def test_explain_a_kind(factcheck: Cli) -> None:
    code, out, _ = factcheck("explain", "weekday")
    assert code == 0
    assert "weekday/date agreement" in out or "weekday written with a date" in out
    assert "rules of this kind: weekday-date" in out


def test_explain_unknown_rule_suggests_and_exits_2(factcheck: Cli) -> None:
    code, _, err = factcheck("explain", "event-dat")
    assert code == 2
    assert 'unknown rule "event-dat" (did you mean "event-date"?)' in err


# --- schema -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["reference", "rules"])
def test_committed_schema_matches_the_models(which: str) -> None:
    committed = ROOT / "schemas" / f"{which}.schema.json"
    assert committed.read_text(encoding="utf-8") == render(which), (
        f"schemas/{which}.schema.json is stale: run "
        f"factcheck schema {which} > schemas/{which}.schema.json"
    )


def _as_json(path: Path) -> Any:
    """Read YAML as JSON would see it: dates as the strings they are written as."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize(
    ("which", "path"),
    [
        ("rules", p)
        for p in [
            *shipped_rule_files(),
            RULE_FIXTURES / "turnout.yaml",
            PLUGIN / "crash-rules.yaml",
        ]
    ]
    + [
        ("reference", p)
        for p in [
            *sorted(SAMPLE_FACTS.glob("*.yaml")),
            RULE_FIXTURES / "turnout-facts.yaml",
            FIXTURES / "lives.yaml",
            FIXTURES / "referendum.yaml",
        ]
    ],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_schema_validates_the_shipped_files(which: str, path: Path) -> None:
    schema = json.loads(render(which))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_as_json(path), schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("which", "data"),
    [
        ("rules", {"rules": [{"id": "x", "attribute": "a", "sevrity": "error"}]}),
        ("rules", {"rules": [{"id": "x", "attribute": "a", "examples": [{"text": "t"}]}]}),
        ("reference", {"entities": [{"id": "x", "type": "t", "names": []}]}),
    ],
)
def test_schema_rejects_bad_files(which: str, data: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(render(which)))


def test_schema_command_prints_the_schema(factcheck: Cli) -> None:
    code, out, _ = factcheck("schema", "reference")
    assert code == 0 and out == render("reference")


# --- facts validate -----------------------------------------------------------------------


def test_facts_validate_ok(factcheck: Cli) -> None:
    code, out, _ = factcheck(
        "facts", "validate", SAMPLE_FACTS, RULE_FIXTURES / "turnout-facts.yaml"
    )
    assert code == 0
    assert out == "ok: 17 entities in 2 files\n"


def test_facts_validate_reports_every_problem(factcheck: Cli) -> None:
    bad = FIXTURES / "reference" / "three_problems.yaml"
    code, out, err = factcheck("facts", "validate", bad)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{bad}:") for line in lines)


# --- rule file errors: each located, all at once, exit 2 ----------------------------------

RULE_ERRORS = [
    ("    kind: attribut\n", 'unknown rule kind "attribut" (did you mean "attribute"?)', (4, 11)),
    ("    sevrity: warning\n", 'unknown field "sevrity" (did you mean "severity"?)', (4, 5)),
    ('    message: "{entiy} is wrong"\n', 'unknown placeholder "{entiy}"', (4, 14)),
    ("    cues: []\n", "cues must list at least one word", (4, 11)),
    ("    select: {tpye: summit}\n", 'unknown field "tpye" (did you mean "type"?)', (4, 14)),
]


@pytest.mark.parametrize(("extra", "message", "position"), RULE_ERRORS)
def test_rule_error_is_located(
    tmp_path: Path, factcheck: Cli, extra: str, message: str, position: tuple[int, int]
) -> None:
    rules = _write(tmp_path / "bad.yaml", f"rules:\n  - id: bad-rule\n    attribute: date\n{extra}")
    article = _write(tmp_path / "a.txt", ARTICLE)
    code, _, err = factcheck("--rules", rules, article)
    assert code == 2
    line, col = position
    assert f"{rules}:{line}:{col}: " in err and message in err, err
    assert "Traceback" not in err


def test_all_rule_errors_are_reported_at_once(tmp_path: Path, factcheck: Cli) -> None:
    rules = _write(
        tmp_path / "bad.yaml",
        "rules:\n"
        "  - id: event-date\n"  # duplicates a built-in rule
        "    attribute: date\n"
        "  - id: two\n"
        "    kind: nope\n"
        "    attribute: date\n"
        "  - id: three\n"
        "    attribute: x\n"
        "    cues: []\n"
        "    mesage: hi\n",
    )
    code, _, err = factcheck("--rules", rules, _write(tmp_path / "a.txt", ARTICLE))
    assert code == 2
    assert err.splitlines() == [
        f'{rules}:2:9: duplicate rule id "event-date" (first defined at '
        f"{shipped_rule_files()[0]}:4)",
        f'{rules}:5:11: unknown rule kind "nope"',
        f"{rules}:9:11: cues: cues must list at least one word",
        f'{rules}:10:5: unknown field "mesage" (did you mean "message"?)',
    ]


# --- plugins ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def example_plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Install tests/plugin_example (built from a copy, offline) for this session."""
    source = tmp_path_factory.mktemp("plugin") / "plugin_example"
    shutil.copytree(PLUGIN, source)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", "-q", str(source)],
        check=True,
        capture_output=True,
    )
    try:
        yield PLUGIN
    finally:
        subprocess.run(
            [*pip, "uninstall", "-y", "-q", "factcheck-example-plugin"], capture_output=True
        )


def _subprocess(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [FACTCHECK, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_plugin_kind_and_reporter_work_end_to_end(example_plugin: Path, tmp_path: Path) -> None:
    article = _write(tmp_path / "crash.txt", "The ferry disaster killed 160 people.\n")
    common = ["--facts", example_plugin / "crash-facts.yaml"]
    common += ["--rules", example_plugin / "crash-rules.yaml"]
    p = _subprocess(*common, "--format", "json", article)
    assert p.returncode == 1, p.stderr
    (finding,) = json.loads(p.stdout)["files"][0]["findings"]
    assert finding["rule"] == "crash-deaths"
    assert finding["message"] == "ferry disaster killed 157 people, not 160"
    p = _subprocess(*common, "--format", "count", article)
    assert (p.returncode, p.stdout) == (1, "crash-deaths: 1\ntotal: 1\n")


def test_plugin_rules_are_tested_listed_and_explained(example_plugin: Path) -> None:
    rules = example_plugin / "crash-rules.yaml"
    p = _subprocess("rules", "test", rules)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "2 examples of 1 rule and 0 fixtures: 2 passed, 0 failed" in p.stdout
    p = _subprocess("rules", "list", "--rules", rules)
    assert p.stdout.splitlines()[-1].split()[:3] == ["crash-deaths", "exact-number", "error"]
    p = _subprocess("explain", "crash-deaths", "--rules", rules)
    assert 'kind "exact-number":' in p.stdout and "Why is this bad?" in p.stdout


class _Dist:
    name = "factcheck-broken-plugin"


def _broken_entry_points(real: Any, group: str) -> importlib.metadata.EntryPoints:
    """Return the installed entry points of ``group`` plus one whose import fails."""
    broken = importlib.metadata.EntryPoint("broken", "factcheck_no_such_module:thing", group)
    broken._for(_Dist())  # type: ignore[attr-defined]  # how importlib.metadata sets .dist
    return importlib.metadata.EntryPoints([*real(group=group), broken])


@pytest.mark.parametrize(
    ("group", "args"),
    [
        ("factcheck.rule_kinds", ["rules", "list"]),
        ("factcheck.rule_kinds", ["CHECK"]),
        ("factcheck.reporters", ["--format", "broken", "CHECK"]),
    ],
)
def test_a_broken_plugin_is_reported_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, factcheck: Cli, tmp_path: Path, group: str, args: list[str]
) -> None:
    real = importlib.metadata.entry_points

    def entry_points(**params: Any) -> Any:
        if params.get("group") == group:
            return _broken_entry_points(real, group)
        return real(**params)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    kinds.cache_clear()
    try:
        article = _write(tmp_path / "a.txt", ARTICLE)
        code, _, err = factcheck(*[article if a == "CHECK" else a for a in args])
    finally:
        kinds.cache_clear()
    assert code == 2
    assert err.startswith(
        'factcheck: failed to load plugin "factcheck-broken-plugin[broken]": '
        "No module named 'factcheck_no_such_module'"
    ), err


def test_the_plain_rule_types_have_the_fields_the_schema_validates() -> None:
    import dataclasses

    from factcheck.rules import base, schema

    for plain, model in (
        (base.RuleSpec, schema.RuleSpec),
        (base.Select, schema.Select),
        (base.Example, schema.Example),
    ):
        assert [f.name for f in dataclasses.fields(plain)] == list(model.model_fields), plain
