"""Reporter tests: golden files for every format, the sample reports, and each format's contract.

Two sets of files are compared byte for byte with what the reporters render now:

- ``tests/golden/run.*``: a run over the sample article and two tricky ones (markup, pipes,
  backticks, ``%``, ``,`` and ``:`` in text and path; no publication date), with the version
  replaced by ``[VERSION]`` the way ruff's snapshots do;
- ``reports/envoy-returns.*``: the sample article checked against the shipped sample facts, in
  every format, as a reader of the README would see them.

When a change to a reporter is intended, regenerate both sets and review the diff::

    FACTCHECK_REGENERATE=1 python3 -m pytest tests/test_reporters.py

Besides the snapshots: SARIF validates against the 2.1.0 schema and its fingerprints survive
unrelated edits, JUnit reads back with junitparser, GitHub commands, Markdown tables and HTML
escape what the article says, and rendering twice gives the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import functools
import html.parser
import importlib.metadata
import json
import os
import re
from pathlib import Path

import jsonschema
import junitparser
import pytest

import factcheck
from factcheck import cli
from factcheck.check import Checker, FileReport, Finding, Result
from factcheck.compare import Verdict
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.reporters import github, markdown
from factcheck.reporters.base import Reporter, Run, fingerprint
from factcheck.rules.base import Rule
from factcheck.rules.loader import load_rules, shipped_rules_dir
from factcheck.values import Span
from tests.conftest import ROOT, SHARED

FORMATS = ("rich", "json", "sarif", "junit", "github", "markdown", "html")
SUFFIXES = {
    "rich": "rich.txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit.xml",
    "github": "github.txt",
    "markdown": "md",
    "html": "html",
}
GOLDEN = ROOT / "tests" / "golden"
REPORTS = ROOT / "reports"
SAMPLE = "examples/envoy-returns.txt"
SAMPLE_FACTS = "rules/sample-facts"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
REGENERATE = os.environ.get("FACTCHECK_REGENERATE") == "1"
HOW_TO_REGENERATE = "FACTCHECK_REGENERATE=1 python3 -m pytest tests/test_reporters.py"

TRICKY_PATH = "news/draft 100%, v2: final.txt"
TRICKY = """\
Leaders | prepare for <script>alert(1)</script> talks `now` & more

Officials said the first summit in Singapore in July | `code` <b>bold</b> *stars* _under_ \
100%, had set the agenda for the second summit in Hanoi, Vietnam.

The third summit, a meeting between US President Donald Trump and North Korean leader \
Kim Jong-un, "will follow".
"""


# --- building runs ------------------------------------------------------------------------


@functools.cache
def _checker() -> tuple[Checker, tuple[Rule, ...]]:
    """Return a checker on the shipped sample facts, loaded by repo-relative path."""
    with contextlib.chdir(ROOT):  # so reference locations read rules/sample-facts/…
        reference = load_reference([SAMPLE_FACTS])
    rules = tuple(load_rules(sorted(shipped_rules_dir().glob("*.yaml"))))
    return Checker(reference, rules), rules


def check(path: str, text: str | None = None, date: dt.date | None = None) -> FileReport:
    """Check one article (read from the repo when no text is given)."""
    data = (ROOT / path).read_bytes() if text is None else text.encode("utf-8")
    return _checker()[0].check(load_document(path, data, date))


def make_run(*reports: FileReport) -> Run:
    """Return a run over ``reports`` with the sample facts and the shipped rules."""
    return Run(reports, (SAMPLE_FACTS,), _checker()[1], facts_are_sample=True)


def sample_run() -> Run:
    """Return the run that reports/ shows: the sample article, its dateline as the date."""
    return make_run(check(SAMPLE))


def golden_run() -> Run:
    """Return the run the golden files show: the sample and the tricky article, dated and not."""
    return make_run(
        check(SAMPLE),
        check(TRICKY_PATH, TRICKY, dt.date(2019, 2, 9)),
        check("news/undated.txt", TRICKY),
    )


def reporter(fmt: str) -> Reporter:
    """Return the reporter registered for ``fmt``, as the command line builds it."""
    (ep,) = importlib.metadata.entry_points(group="factcheck.reporters").select(name=fmt)
    factory = ep.load()
    reporter: Reporter = factory(color=False) if fmt == "rich" else factory()
    return reporter


def render(fmt: str, run: Run) -> str:
    return reporter(fmt).render(run)


def _compare(path: Path, text: str) -> None:
    """Fail, with a diff and how to regenerate, when ``path`` differs from ``text``."""
    shown = path.relative_to(ROOT).as_posix()
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{shown} is missing; create it with:\n    {HOW_TO_REGENERATE}")
    committed = path.read_bytes().decode("utf-8")
    if committed != text:
        diff = difflib.unified_diff(
            committed.splitlines(), text.splitlines(), shown, "rendered now", lineterm="", n=1
        )
        pytest.fail(
            f"{shown} has drifted from what the reporter renders now. If the change is "
            f"intended, regenerate and review the diff:\n    {HOW_TO_REGENERATE}\n\n"
            + "\n".join(list(diff)[:60]),
            pytrace=False,
        )


# --- snapshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_report_is_current(fmt: str) -> None:
    text = render(fmt, sample_run())
    assert str(ROOT) not in text, "reports must not depend on where the repo is checked out"
    _compare(REPORTS / f"envoy-returns.{SUFFIXES[fmt]}", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factcheck, "__version__", "[VERSION]")
    _compare(GOLDEN / f"run.{SUFFIXES[fmt]}", render(fmt, golden_run()))


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_is_deterministic(fmt: str) -> None:
    first = render(fmt, golden_run())
    assert render(fmt, golden_run()) == first
    assert reporter(fmt).render(golden_run()) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_run_renders(fmt: str) -> None:
    assert render(fmt, Run((), ())) == render(fmt, Run((), ()))
    if fmt == "markdown":
        assert "No contradictions found." in render(fmt, make_run())


def test_every_format_is_registered_as_an_entry_point() -> None:
    names = {ep.name for ep in importlib.metadata.entry_points(group="factcheck.reporters")}
    assert set(cli.FORMATS) <= names


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_dispatches_through_entry_points(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert cli.main(["--format", fmt, "--color", "always", SAMPLE]) == 1
    out = capsys.readouterr().out
    assert "July" in out
    assert ("\x1b[" in out) == (fmt == "rich")  # only rich takes ``color``


# --- SARIF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} is not here")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validator


@pytest.mark.parametrize("run", [sample_run, golden_run, lambda: Run((), ())])
def test_sarif_validates_against_the_schema(
    run: object, sarif_validator: jsonschema.protocols.Validator
) -> None:
    assert callable(run)
    log = json.loads(render("sarif", run()))
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in sarif_validator.iter_errors(log)
    ]
    assert errors == []


def test_sarif_describes_rules_and_locates_results() -> None:
    log = json.loads(render("sarif", golden_run()))
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    assert driver["version"] == factcheck.__version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.id for r in _checker()[1]]
    event_date = rules[[r["id"] for r in rules].index("event-date")]
    assert event_date["shortDescription"]["text"].endswith("must match the reference.")
    assert event_date["defaultConfiguration"]["level"] == "error"
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]

    result = sarif_run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "event-date"
    assert result["level"] == "error"
    assert result["message"]["text"] == "Singapore summit was held June 12, 2018, not July"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == SAMPLE
    assert physical["region"] == {
        "startLine": 12,
        "startColumn": 134,
        "endLine": 12,
        "endColumn": 138,
        "charOffset": 857,
        "charLength": 4,
        "snippet": {"text": "July"},
    }
    tricky = sarif_run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert tricky["uri"] == "news/draft%20100%25%2C%20v2%3A%20final.txt"


def test_sarif_rule_help_uri_comes_from_the_rule_link() -> None:
    rules = list(_checker()[1])
    rules[0] = dataclasses.replace(
        rules[0], spec=rules[0].spec.model_copy(update={"link": "https://example.org/event-date"})
    )
    log = json.loads(render("sarif", Run((), (), tuple(rules))))
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    assert descriptors[0]["helpUri"] == "https://example.org/event-date"
    assert all("helpUri" not in d for d in descriptors[1:])


def _finding(report: FileReport) -> Finding:
    (only,) = report.findings
    return only


def test_fingerprint_survives_edits_elsewhere_and_rewrapping() -> None:
    date = dt.date(2019, 2, 9)
    original = (ROOT / SAMPLE).read_text(encoding="utf-8")
    base = check(SAMPLE, original, date)
    shifted = check(SAMPLE, "An editor's note.\n\n" + original, date)
    rewrapped = check(SAMPLE, original.replace("signed at their", "signed\n   at their"), date)
    assert _finding(shifted).span != _finding(base).span
    expected = fingerprint(_finding(base), base)
    assert re.fullmatch(r"[0-9a-f]{32}", expected)
    assert fingerprint(_finding(shifted), shifted) == expected
    assert fingerprint(_finding(rewrapped), rewrapped) == expected
    reworded = check(SAMPLE, original.replace("joint statement", "joint declaration"), date)
    assert fingerprint(_finding(reworded), reworded) != expected


# --- JUnit --------------------------------------------------------------------------------


def test_junit_reads_back_with_junitparser() -> None:
    run = golden_run()
    xml = junitparser.JUnitXml.fromstring(render("junit", run))
    suites = list(xml)
    assert [s.name for s in suites] == [r.document.path for r in run.files]
    rule_ids = [r.id for r in run.rules]
    for suite, report in zip(suites, run.files, strict=True):
        cases = list(suite)
        assert [c.name for c in cases] == rule_ids
        assert {c.classname for c in cases} == {report.document.path}
        assert (suite.tests, suite.failures, suite.errors) == (
            len(rule_ids),
            len(report.findings),
            0,
        )
        counts = (suite.tests, suite.failures, suite.errors, suite.skipped)
        suite.update_statistics()
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == counts
    (failure,) = next(c for c in suites[1] if c.name == "event-date").result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == "Singapore summit was held June 12, 2018, not July"
    assert failure.type == "error"
    assert failure.text.startswith(f"{TRICKY_PATH}:3:49: Singapore summit")
    assert "found: July\nexpected: June 12, 2018\n" in failure.text
    assert "<script>" not in failure.text  # the sentence is quoted, not the whole article
    assert "source: https://en.wikipedia.org/" in failure.text
    assert (xml.tests, xml.failures, xml.errors) == (3 * len(rule_ids), 3, 0)


def test_junit_empty_run_is_a_valid_file() -> None:
    xml = junitparser.JUnitXml.fromstring(render("junit", Run((), ())))
    assert (xml.tests, xml.failures, xml.errors) == (0, 0, 0)
    assert list(xml) == []


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    text = "Officials said the first summit in Singapore in July \x01\x02 had set it.\n"
    xml = junitparser.JUnitXml.fromstring(render("junit", make_run(check("a.txt", text))))
    (failure,) = next(c for c in next(iter(xml)) if c.name == "event-date").result
    assert "July \ufffd\ufffd had" in failure.text


def test_junit_marks_disabled_rules_skipped() -> None:
    rules = list(_checker()[1])
    rules[1] = dataclasses.replace(
        rules[1], spec=rules[1].spec.model_copy(update={"enabled": False})
    )
    run = Run((check(SAMPLE),), (), tuple(rules))
    (suite,) = junitparser.JUnitXml.fromstring(render("junit", run))
    assert suite.skipped == 1
    (skipped,) = next(c for c in suite if c.name == rules[1].id).result
    assert isinstance(skipped, junitparser.Skipped)


# --- GitHub -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("%0A", "%250A", "%250A"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in [*pairs, ("%25", "%")]:
        text = text.replace(code, char)
    return text


def test_github_commands_round_trip() -> None:
    run = golden_run()
    lines = render("github", run).splitlines()
    findings = [(r, f) for r in run.files for f in r.findings]
    assert len(lines) == len(findings)
    for line, (report, finding) in zip(lines, findings, strict=True):
        match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
        assert match, line
        properties = dict(p.split("=", 1) for p in match[2].split(","))
        assert _unescape(properties["file"], prop=True) == report.document.path
        assert properties["title"] == finding.rule
        line_no, column = report.document.position(finding.span.start)
        assert (properties["line"], properties["col"]) == (str(line_no), str(column))
        assert properties["endColumn"] == str(column + len(finding.found))
        message = _unescape(match[3], prop=False)
        assert message == f"{finding.message}\nsource: {finding.sources[0]}"
    assert lines[1].startswith(
        "::error file=news/draft 100%25%2C v2%3A final.txt,line=3,col=49,endLine=3,endColumn=53,"
    )


@pytest.mark.parametrize(
    ("severity", "command"), [("warning", "::warning "), ("info", "::notice ")]
)
def test_github_command_follows_severity(severity: str, command: str) -> None:
    report = check(SAMPLE)
    softer = dataclasses.replace(_finding(report), severity=severity)
    line = render("github", make_run(dataclasses.replace(report, findings=(softer,))))
    assert line.startswith(command)


# --- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words", "plain words"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("<script>", "\\<script\\>"),
        ("*bold* _it_ ~del~ $x$", "\\*bold\\* \\_it\\_ \\~del\\~ \\$x\\$"),
        ("[link](x)", "\\[link\\](x)"),
        ("AT&T &amp; &#60;", "AT&T \\&amp; \\&#60;"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\n  here", "two lines here"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert markdown.escape(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "span"),
    [("rule-id", "`rule-id`"), ("a`b", "``a`b``"), ("`x", "`` `x ``"), ("a|b", "`a\\|b`")],
)
def test_markdown_code_span(raw: str, span: str) -> None:
    assert markdown.code(raw) == span


def _cells(row: str) -> list[str]:
    """Split a table row at the pipes GitHub would split it at (not escaped ones)."""
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_markdown_table_rows_keep_their_cells() -> None:
    text = render("markdown", golden_run())
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    header, *findings = rows
    assert len(_cells(header)) == 5
    assert len(findings) == 3
    for row in findings:
        assert len(_cells(row)) == 5, row
    location, rule, sentence, said, source = (c.strip() for c in _cells(findings[1]))
    assert location == "`news/draft 100%, v2: final.txt:3:49`"
    assert rule == "`event-date`"
    assert "in Singapore in **July** \\| \\`code\\` \\<b\\>bold\\</b\\> \\*stars\\*" in sentence
    assert said == "June 12, 2018"
    assert source.startswith("[en.wikipedia.org](https://en.wikipedia.org/wiki/2018_North_Korea")
    assert "<script>" not in text and "<b>" not in text


def test_markdown_without_findings_says_so() -> None:
    text = render("markdown", make_run(check("news/weather.txt", "Rain in Seoul on Sunday.\n")))
    assert "No contradictions found." in text
    assert "| Location |" not in text


def test_markdown_links_only_web_sources() -> None:
    report = check(SAMPLE)
    odd = dataclasses.replace(_finding(report), sources=("javascript:alert(1)", "a (b) | c"))
    text = render("markdown", make_run(dataclasses.replace(report, findings=(odd,))))
    row = text.splitlines()[-1]
    assert "](javascript" not in row
    assert _cells(row)[-1].strip() == "javascript:alert(1), a (b) \\| c"


# --- HTML ---------------------------------------------------------------------------------

_VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


class _Page(html.parser.HTMLParser):
    """Checks nesting and collects the article text, leaving out tooltips, notes and numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.articles: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in _VOID:
            return
        classes = dict(attrs).get("class") or ""
        self.stack.append((tag, classes))
        if classes == "text":
            self.articles.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        classes = [c for _, c in self.stack]
        inside = {tag for tag, _ in self.stack}
        if "text" in classes and not ({"tip", "note"} & set(classes) or "sup" in inside):
            self.articles[-1] += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    return parser


def test_html_is_well_formed_and_shows_every_article_whole() -> None:
    run = golden_run()
    page = parse(render("html", run))
    assert page.articles == [r.document.text for r in run.files]


def test_html_article_markup_is_inert() -> None:
    page = render("html", golden_run())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert not {"script", "iframe", "img", "link", "object"} & set(parse(page).tags)


def test_html_is_self_contained() -> None:
    page = render("html", golden_run())
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{csp}">' in page
    assert not re.search(r"\bsrc=|@import|url\(|<link", page)


def test_html_marks_claims_by_verdict_with_the_reference() -> None:
    run = sample_run()
    page = render("html", run)
    article = page[page.index('<div class="text">') :]
    verdicts = [r.verdict for r in run.files[0].results]
    assert article.count('class="claim supported"') == verdicts.count(Verdict.SUPPORTED)
    assert article.count('class="claim contradicted"') == verdicts.count(Verdict.CONTRADICTED) == 1
    july = re.search(r'<span class="claim contradicted"[^>]*>July<sup>.*?</span></span>', page)
    assert july, "the contradicted claim is marked"
    assert "Reference: June 12, 2018" in july[0]
    assert 'href="https://en.wikipedia.org/wiki/2018_North_Korea' in july[0]
    assert '<span class="note">reference: June 12, 2018</span>' in page
    assert 'class="legend"' in page


def test_html_draws_overlapping_claims_as_separate_segments() -> None:
    report = check(SAMPLE)
    text = report.document.text
    singapore = text.index("Singapore in July")
    extra = []
    for start, end, verdict in [
        (singapore, singapore + len("Singapore in July"), Verdict.UNVERIFIABLE),
        (singapore + 4, singapore + 14, Verdict.SUPPORTED),
    ]:
        template: Result = report.results[0]
        claim = dataclasses.replace(template.claim, span=Span(start, end))
        extra.append(dataclasses.replace(template, claim=claim, verdict=verdict))
    crowded = dataclasses.replace(report, results=(*report.results, *extra))
    rendered = render("html", make_run(crowded))
    page = parse(rendered)
    assert page.articles == [text]
    segments = re.findall(r'<span class="seg (\w+)">([^<]*)</span>', rendered)
    assert segments == [("unverifiable", "Singapore in "), ("contradicted", "July")]


def test_html_links_only_web_sources() -> None:
    report = check(SAMPLE)
    odd = dataclasses.replace(_finding(report), sources=('javascript:alert("x")',))
    page = render("html", make_run(dataclasses.replace(report, findings=(odd,))))
    assert 'href="javascript' not in page
    assert "javascript:alert(&quot;x&quot;)" in page


def _with_article_wide_finding() -> FileReport:
    """Return the sample report plus a finding no single claim made, pointing at another place."""
    report = check(SAMPLE)
    text = report.document.text
    here = text.index("Singapore in July")
    there = text.index("Hanoi summit")
    extra = dataclasses.replace(
        _finding(report),
        rule="internal-consistency",
        severity="warning",
        span=Span(here, here + len("Singapore")),
        found="Singapore",
        expected=None,
        fact=None,
        sources=(),
        message="the article says Hanoi elsewhere (line 1)",
        related=(Span(there, there + len("Hanoi")),),
    )
    findings = tuple(sorted((*report.findings, extra), key=lambda f: f.span))
    return dataclasses.replace(report, findings=findings)


def test_html_draws_findings_that_no_claim_made() -> None:
    report = _with_article_wide_finding()
    rendered = render("html", make_run(report))
    assert parse(rendered).articles == [report.document.text]
    assert rendered.count("<sup>") == 2
    assert "the article says Hanoi elsewhere (line 1)</span>" in rendered
    assert 'class="finding warning"' in rendered


def test_sarif_points_at_related_places(sarif_validator: jsonschema.protocols.Validator) -> None:
    log = json.loads(render("sarif", make_run(_with_article_wide_finding())))
    assert list(sarif_validator.iter_errors(log)) == []
    consistency = next(r for r in log["runs"][0]["results"] if r["ruleId"] != "event-date")
    assert consistency["level"] == "warning"
    (related,) = consistency["relatedLocations"]
    assert related["id"] == 1
    assert related["message"]["text"] == "also stated: Hanoi"
    assert related["physicalLocation"]["region"]["startLine"] == 1
