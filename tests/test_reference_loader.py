"""Tests for the reference-set loader: value forms, every kind of problem, and robustness."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckError
from factcheck.reference import yamlnodes
from factcheck.reference.loader import load_reference
from factcheck.reference.model import (
    DateFact,
    FactValue,
    Location,
    NumberFact,
    ReferenceFile,
    ReferenceSet,
    RefFact,
    ScopedFact,
    Term,
    TextFact,
)
from factcheck.values import DateValue, PartialDate

FIXTURES = Path(__file__).parent / "fixtures" / "reference"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SHARED_REFERENCES = [
    SHARED_EVAL / "korea-dev" / "reference.yaml",
    SHARED_EVAL / "fever" / "reference.yaml",
]

# Every document in the tables below is this file, with the row's lines after it.
HEAD = """\
version: 1
entities:
  - id: other
    type: place
    names: [Other]
"""
HEAD_LINES = HEAD.count("\n")


def document(*lines: str) -> str:
    """Return a reference file: HEAD, then ``lines``."""
    return HEAD + "".join(line + "\n" for line in lines)


def entity(*lines: str) -> str:
    """Return a reference file with one more entity, ``e``, whose mapping ends with ``lines``."""
    return document("  - id: e", "    type: event", "    names: [E]", *lines)


def day(year: int, month: int | None = None, day_: int | None = None) -> DateFact:
    """Return the fact for one date."""
    return DateFact(DateValue.single(PartialDate(year, month, day_)))


def period(start: PartialDate, end: PartialDate) -> DateFact:
    """Return the fact for a ``{from, to}`` range."""
    return DateFact(DateValue(start, end, is_range=True))


def number(
    value: float | None = None,
    *,
    min: float | None = None,
    max: float | None = None,
    unit: str | None = None,
    tolerance: float | None = None,
    percent: bool = False,
) -> NumberFact:
    """Return a number fact; unstated fields are empty."""
    return NumberFact(value, min, max, unit, tolerance, percent)


NOWHERE = Location("", 0, 0)


def term(
    value: str, *aliases: str, start: PartialDate | None = None, end: PartialDate | None = None
) -> Term:
    """Return a term located NOWHERE (tests compare terms without their locations)."""
    return Term(value, aliases, start, end, NOWHERE)


def unlocated(value: FactValue) -> FactValue:
    """Return ``value`` with the locations of its terms replaced by NOWHERE."""
    if isinstance(value, ScopedFact):
        return ScopedFact(tuple(dataclasses.replace(t, location=NOWHERE) for t in value.terms))
    return value


@pytest.fixture
def load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., ReferenceSet]:
    """Write ``{file name: text}`` in a temporary directory and load the files, in that order."""
    monkeypatch.chdir(tmp_path)

    def load(**files: str) -> ReferenceSet:
        for name, text in files.items():
            Path(name).write_text(text, encoding="utf-8")
        return load_reference(list(files))

    return load


@pytest.fixture
def problems(load: Callable[..., ReferenceSet]) -> Callable[..., list[str]]:
    """Load ``{file name: text}`` and return the problem lines (which must exist)."""

    def problems(**files: str) -> list[str]:
        with pytest.raises(FactcheckError) as caught:
            load(**files)
        return caught.value.lines()

    return problems


# --- value forms -------------------------------------------------------------------------------

# The tables keep one row to a line or two, which a formatter would spread out.
# fmt: off
FORMS = [
    # (the value as written, the attribute, the fact it gives)
    ("2018-06-12", "date", day(2018, 6, 12)),
    ("2018-06", "date", day(2018, 6)),
    ("2018", "date", day(2018)),
    ('"2018"', "date", day(2018)),
    ("2018-6-1", "date", day(2018, 6, 1)),
    ("1748-02", "born", day(1748, 2)),
    ("{from: 2019-02-27, to: 2019-02-28}", "date",
     period(PartialDate(2019, 2, 27), PartialDate(2019, 2, 28))),
    ("{from: 1982, to: 1984-01}", "born", period(PartialDate(1982), PartialDate(1984, 1))),
    ("{from: 2019-02, to: 2019-02-15}", "died",
     period(PartialDate(2019, 2), PartialDate(2019, 2, 15))),
    ("1", "ordinal", number(1.0)),
    ("3", "seats", number(3.0)),
    ("17.4", "share", number(17.4)),
    ("51.7e6", "population", number(51.7e6)),
    ("{value: 72.2, unit: percent}", "turnout", number(72.2, unit="percent")),
    ("{value: 51.7e6, unit: people, tolerance: 2%}", "population",
     number(51.7e6, unit="people", tolerance=2.0, percent=True)),
    ('{value: "51.7e6", tolerance: 0.5}', "population", number(51.7e6, tolerance=0.5)),
    ("{min: 2.5e6, max: 3e6}", "crowd", number(min=2.5e6, max=3e6)),
    ("{min: 10}", "crowd", number(min=10.0)),
    ("Singapore", "place", TextFact(("Singapore",))),
    ("[Hanoi, Vietnam]", "place", TextFact(("Hanoi", "Vietnam"))),
    ("[Chelsea, London]", "birthplace", TextFact(("Chelsea", "London"))),
    ('"1984"', "motto", TextFact(("1984",))),
    ("Other", "country", TextFact(("Other",))),  # ids are case-sensitive
    ("other", "country", RefFact(("other",))),
    ("[other, e]", "neighbours", RefFact(("other", "e"))),
    ("[other, Elsewhere]", "neighbours", TextFact(("other", "Elsewhere"))),
    ("[e, other]", "participants", RefFact(("e", "other"))),
    ("other", "participants", RefFact(("other",))),
    ('"2018-06"', "opened", day(2018, 6)),
    ("2018-06-12", "opened", day(2018, 6, 12)),
    ("{from: 2019, to: 2020}", "season", period(PartialDate(2019), PartialDate(2020))),
    ("President", "title", ScopedFact((term("President"),))),
    ("[President, Chairman]", "title", ScopedFact((term("President"), term("Chairman")))),
    ("[{value: President, aliases: [US President, President], from: 2017-01-20, to: 2021-01}]",
     "title",
     ScopedFact((term("President", "US President", "President",
                      start=PartialDate(2017, 1, 20), end=PartialDate(2021, 1)),))),
    ("[{value: Leader, aliases: Chairman, from: 2011-12-17}, Marshal]", "title",
     ScopedFact((term("Leader", "Chairman", start=PartialDate(2011, 12, 17)), term("Marshal")))),
    ("[{value: Mayor, to: 2019}]", "office", ScopedFact((term("Mayor", end=PartialDate(2019)),))),
]
# fmt: on


@pytest.mark.parametrize(("written", "attribute", "expected"), FORMS)
def test_value_forms(
    load: Callable[..., ReferenceSet], written: str, attribute: str, expected: FactValue
) -> None:
    reference = load(**{"ref.yaml": entity("    facts:", f"      {attribute}: {written}")})
    entity_e = reference.get("e")
    assert entity_e is not None
    fact = entity_e.facts[attribute]
    assert unlocated(fact.value) == expected
    assert fact.attribute == attribute
    assert fact.location == Location("ref.yaml", HEAD_LINES + 5, 9 + len(attribute))


def test_entity_fields_and_locations(load: Callable[..., ReferenceSet]) -> None:
    reference = load(
        **{
            "ref.yaml": entity(
                "    triggers: [event, meeting]",
                "    source: https://example.org/e",
                "    note: a note",
                "    facts:",
                "      title:",
                "        - value: Host",
                "          from: 2019",
            )
        }
    )
    e = reference.get("e")
    assert e is not None
    assert (e.id, e.type, e.names, e.triggers) == ("e", "event", ("E",), ("event", "meeting"))
    assert (e.sources, e.note) == (("https://example.org/e",), "a note")
    assert e.location == Location("ref.yaml", HEAD_LINES + 1, 5)
    title = e.facts["title"].value
    assert isinstance(title, ScopedFact)
    assert title.terms[0].location == Location("ref.yaml", HEAD_LINES + 9, 11)
    other = reference.get("other")
    assert other is not None and other.sources == () and other.facts == {}


def test_reference_set_lookups(load: Callable[..., ReferenceSet]) -> None:
    reference = load(
        **{
            "a.yaml": entity(),
            "b.yml": "entities:\n- {id: f, type: event, names: [F], facts: {participants: [e]}}\n",
        }
    )
    assert reference.files == ("a.yaml", "b.yml")
    assert [e.id for e in reference.entities] == ["other", "e", "f"]
    assert [e.id for e in reference.by_type("event")] == ["e", "f"]
    assert reference.by_type("person") == ()
    assert reference.get("nobody") is None


@pytest.mark.parametrize("path", SHARED_REFERENCES, ids=lambda p: p.parent.name)
def test_shared_reference_files_load(parser: str, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    reference = load_reference([path])
    assert reference.entities
    assert all(e.names for e in reference.entities)


# --- problems ----------------------------------------------------------------------------------

L = HEAD_LINES  # the line before a row's first line

# fmt: off
PROBLEMS = [
    # (file, expected "line:column: message" problems)
    pytest.param(
        "entities:\n  - id: e\n    type: event\n    neames: [E]\n",
        ['4:5: unknown key "neames" (did you mean "names"?)'],
        id="misspelt-required-key",
    ),
    pytest.param(entity("    colour: red"), [f'{L + 4}:5: unknown key "colour"'],
                 id="unknown-key"),
    pytest.param("entites: []\n", ['1:1: unknown key "entites" (did you mean "entities"?)'],
                 id="misspelt-top-key"),
    pytest.param("version: 1\n", ['1:1: missing required key "entities"'], id="no-entities"),
    pytest.param(document("  - type: event", "    names: [E]"),
                 [f'{L + 1}:5: missing required key "id"'], id="missing-id"),
    pytest.param(document("  - id: e"),
                 [f'{L + 1}:5: missing required key "type"',
                  f'{L + 1}:5: missing required key "names"'], id="missing-type-and-names"),
    pytest.param(document("  - id: e", "    type: event", "    names: 5"),
                 [f'{L + 3}:12: "names" must be a list of strings, not an integer'],
                 id="names-integer"),
    pytest.param(document("  - id: e", "    type: event", "    names: Event"),
                 [f'{L + 3}:12: "names" must be a list of strings, not a string'],
                 id="names-string"),
    pytest.param(document("  - id: e", "    type: event", "    names: []"),
                 [f'{L + 3}:12: "names" must list at least one name'], id="names-empty"),
    pytest.param(document("  - id: e", "    type: event", "    names: [E, 1984, ' ']"),
                 [f'{L + 3}:16: "names" item must be a string, not an integer (put it in quotes)',
                  f'{L + 3}:22: "names" item must not be blank'], id="names-items"),
    pytest.param(entity("    facts: [1]"), [f'{L + 4}:12: "facts" must be a mapping, not a list'],
                 id="facts-list"),
    pytest.param(entity("    triggers: event"),
                 [f'{L + 4}:15: "triggers" must be a list of strings, not a string'],
                 id="triggers-string"),
    pytest.param(entity("    source: 5"),
                 [f'{L + 4}:13: "source" must be a string or a list of strings, not an integer'],
                 id="source-integer"),
    pytest.param(entity("    note: [a]"), [f'{L + 4}:11: "note" must be a string, not a list'],
                 id="note-list"),
    pytest.param(document("  - e"), [f"{L + 1}:5: an entity must be a mapping, not a string"],
                 id="entity-string"),
    pytest.param("entities: {}\n", ['1:11: "entities" must be a list, not a mapping'],
                 id="entities-mapping"),
    pytest.param("- id: e\n",
                 ['1:1: the top level must be a mapping with "entities", not a list'],
                 id="top-level-list"),
    pytest.param("hello\n",
                 ['1:1: the top level must be a mapping with "entities", not a string'],
                 id="top-level-string"),
    pytest.param(document("  - id: Singapore", "    type: place", "    names: [S]"),
                 [f'{L + 1}:9: bad id "Singapore" (must match ^[a-z0-9][a-z0-9-]*$)'],
                 id="id-pattern"),
    pytest.param(document("  - id: 5", "    type: place", "    names: [S]"),
                 [f'{L + 1}:9: "id" must be a string, not an integer (put it in quotes)'],
                 id="id-integer"),
    pytest.param(document("  - id: s", "    type: Place", "    names: [S]"),
                 [f'{L + 2}:11: bad type "Place" (must match ^[a-z][a-z0-9-]*$)'],
                 id="type-pattern"),
    pytest.param("version: 2\nentities: []\n", ["1:10: bad version 2 (must be 1)"],
                 id="version-2"),
    pytest.param('version: "1"\nentities: []\n', ['1:10: bad version "1" (must be 1)'],
                 id="version-string"),
    pytest.param(entity("    facts:", "      date: 2018-06-12", "      date: 2018-06-13"),
                 [f'{L + 6}:7: duplicate key "date"'], id="duplicate-fact"),
    pytest.param(entity("    names: [F]"), [f'{L + 4}:5: duplicate key "names"'],
                 id="duplicate-entity-key"),
    pytest.param(entity("    facts: {1: x}"), [f"{L + 4}:13: keys must be strings, not an integer"],
                 id="integer-key"),
    pytest.param(entity("    facts: {Date: 2018}"),
                 [f'{L + 4}:13: bad attribute "Date" (must match ^[a-z][a-z0-9_-]*$)'],
                 id="attribute-pattern"),
    pytest.param(entity("    facts:", "      date: 2018-13-01"),
                 [f"{L + 5}:13: bad date 2018-13-01 (month 13 out of range)"], id="month-13"),
    pytest.param(entity("    facts:", "      date: 2018-02-30"),
                 [f"{L + 5}:13: bad date 2018-02-30 (day 30 out of range)"], id="february-30"),
    pytest.param(entity("    facts:", "      born: June 2018"),
                 [f'{L + 5}:13: bad date "June 2018" (expected YYYY-MM-DD, YYYY-MM or YYYY)'],
                 id="date-words"),
    pytest.param(entity("    facts:", "      died: true"),
                 [f"{L + 5}:13: bad date true (expected YYYY-MM-DD, YYYY-MM or YYYY)"],
                 id="date-bool"),
    pytest.param(entity("    facts:", '      date: "0000"'),
                 [f'{L + 5}:13: bad date "0000" (year 0 out of range)'], id="year-0"),
    pytest.param(entity("    facts:", "      date: 2018-06-12 10:00:00"),
                 [f"{L + 5}:13: bad date 2018-06-12 10:00:00 "
                  "(expected YYYY-MM-DD, YYYY-MM or YYYY)"], id="date-time"),
    pytest.param(entity('    facts: {date: "20\\n18"}'),
                 [f'{L + 4}:19: bad date "20\\n18" (expected YYYY-MM-DD, YYYY-MM or YYYY)'],
                 id="date-newline-escaped"),
    pytest.param(entity("    facts:", "      opened: 2018-13"),
                 [f'{L + 5}:15: bad date "2018-13" (month 13 out of range)'],
                 id="generic-date"),
    pytest.param(entity("    facts:", "      date: [2018]"),
                 [f'{L + 5}:13: "date" must be a date or a range {{from: .., to: ..}}, not a list'],
                 id="date-list"),
    pytest.param(entity("    facts:", "      date:"), [f'{L + 5}:12: fact "date" has no value'],
                 id="no-value"),
    pytest.param(entity("    facts:", "      date: {from: 2019-03}"),
                 [f'{L + 5}:13: missing required key "to"'], id="range-without-to"),
    pytest.param(entity("    facts:", "      date: {from: 2019-03, to: 2019-02}"),
                 [f'{L + 5}:20: "from" 2019-03 is after "to" 2019-02'], id="range-reversed"),
    pytest.param(entity("    facts:", "      date: {from: 2019, to: 2020, at: 3}"),
                 [f'{L + 5}:36: unknown key "at"'], id="range-extra-key"),
    pytest.param(entity("    facts:", "      ordinal: first"),
                 [f'{L + 5}:16: "ordinal" must be a positive integer, not "first"'],
                 id="ordinal-word"),
    pytest.param(entity("    facts:", "      ordinal: 0"),
                 [f'{L + 5}:16: "ordinal" must be a positive integer, not 0'], id="ordinal-0"),
    pytest.param(entity("    facts:", "      ordinal: 1.5"),
                 [f'{L + 5}:16: "ordinal" must be a positive integer, not 1.5'],
                 id="ordinal-float"),
    pytest.param(entity("    facts:", "      crowd: {min: 3, max: 2}"),
                 [f'{L + 5}:20: "min" 3 is more than "max" 2'], id="min-above-max"),
    pytest.param(entity("    facts:", "      crowd: {value: many}"),
                 [f'{L + 5}:22: "value" must be a number, not "many"'], id="value-word"),
    pytest.param(entity("    facts:", "      crowd: {value: .nan}"),
                 [f'{L + 5}:22: "value" must be a number, not .nan'], id="value-nan"),
    pytest.param(entity("    facts:", "      crowd: {unit: people}"),
                 [f'{L + 5}:14: a number needs "value", "min" or "max"'], id="number-empty"),
    pytest.param(entity("    facts:", "      crowd: {vale: 3}"),
                 [f'{L + 5}:15: unknown key "vale" (did you mean "value"?)'],
                 id="number-misspelt"),
    pytest.param(entity("    facts:", "      crowd: {value: 3, min: 2}"),
                 [f'{L + 5}:14: give either "value" or "min"/"max", not both'],
                 id="value-and-min"),
    pytest.param(entity("    facts:", "      crowd: {min: 3, tolerance: 1}"),
                 [f'{L + 5}:34: "tolerance" needs a "value"'], id="tolerance-without-value"),
    pytest.param(entity("    facts:", "      crowd: {value: 3, tolerance: -1}"),
                 [f'{L + 5}:36: "tolerance" must be a number or a percentage like "2%", not -1'],
                 id="tolerance-negative"),
    pytest.param(entity("    facts:", "      crowd: {value: 3, tolerance: 2 percent}"),
                 [f'{L + 5}:36: "tolerance" must be a number or a percentage like "2%", '
                  'not "2 percent"'], id="tolerance-words"),
    pytest.param(entity("    facts:", "      participants: [other, nobody]"),
                 [f'{L + 5}:29: unknown entity "nobody" in participants'],
                 id="dangling-participant"),
    pytest.param(entity("    facts:", "      participants: 5"),
                 [f'{L + 5}:21: "participants" must be a string or a list of strings, '
                  "not an integer"], id="participants-integer"),
    pytest.param(entity("    facts:", "      place: 5"),
                 [f'{L + 5}:14: "place" must be a string or a list of strings, not an integer'],
                 id="place-integer"),
    pytest.param(entity("    facts:", "      country: []"),
                 [f'{L + 5}:16: "country" must list at least one value'], id="country-empty"),
    pytest.param(entity("    facts:", "      flag: true"),
                 [f'{L + 5}:13: unsupported value true for "flag" (expected a date, a number, '
                  "text, entity ids or a time-scoped list)"], id="unsupported"),
    pytest.param(entity("    facts:", "      title: [{aliases: [x]}]"),
                 [f'{L + 5}:15: missing required key "value"'], id="term-without-value"),
    pytest.param(entity("    facts:", "      title: [5]"),
                 [f'{L + 5}:15: "title" item must be a string or a mapping with "value", '
                  "not an integer"], id="term-integer"),
    pytest.param(entity("    facts:", "      title: {value: Mayor}"),
                 [f'{L + 5}:14: "title" must be a list of terms {{value, from, to}}, '
                  "not a mapping"], id="title-mapping"),
    pytest.param(entity("    facts:", "      title: [{value: Mayor, form: 2019}]"),
                 [f'{L + 5}:30: unknown key "form" (did you mean "from"?)'],
                 id="term-misspelt"),
    pytest.param(entity("    facts:", "      title: [{value: Mayor, from: 2020, to: 2019}]"),
                 [f'{L + 5}:36: "from" 2020 is after "to" 2019'], id="term-reversed"),
    pytest.param(document("  - id: e", "    type: event", "    names: &n [E]",
                          "  - id: f", "    type: event", "    names: *n"),
                 [f'{L + 6}:12: alias "*n" is not allowed: reference files may not use aliases'],
                 id="alias"),
    pytest.param(entity("    note: !!python/object:os.system x"),
                 [f'{L + 4}:11: unsupported tag "!!python/object:os.system"'], id="python-tag"),
    pytest.param(entity("    note: !!binary aGVsbG8="),
                 [f'{L + 4}:11: unsupported tag "!!binary"'], id="binary-tag"),
    pytest.param(entity("    facts: !!set {a}"), [f'{L + 4}:12: unsupported tag "!!set"'],
                 id="set-tag"),
    pytest.param(entity("    note: " + "[" * 60 + "]" * 60),
                 [f"{L + 4}:58: nesting is deeper than 50 levels"], id="deep-nesting"),
    pytest.param(document("  - id: e", "    names: [E"),
                 [f"{L + 3}:1: YAML syntax error: did not find expected ',' or ']'"],
                 id="syntax-error"),
    pytest.param("entities: []\n---\nentities: []\n",
                 ["2:1: a reference file must hold one YAML document"], id="two-documents"),
    pytest.param("entities: []\nnote: \x07\n",
                 ["2:7: unacceptable character #x0007: control characters are not allowed"],
                 id="control-character"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_problems(problems: Callable[..., list[str]], text: str, expected: list[str]) -> None:
    assert problems(**{"ref.yaml": text}) == [f"ref.yaml:{p}" for p in expected]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with libyaml's parser, then with PyYAML's own (used where libyaml is absent)."""
    if request.param == "python":
        monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_three_problems_exactly(parser: str) -> None:
    path = FIXTURES / "three_problems.yaml"
    with pytest.raises(FactcheckError) as caught:
        load_reference([path])
    assert caught.value.lines() == [
        f'{path}:6:5: unknown key "neames" (did you mean "names"?)',
        f'{path}:9:9: duplicate id "singapore-summit" (first defined at {path}:4:9)',
        f"{path}:13:13: bad date 2018-13-01 (month 13 out of range)",
    ]


def test_duplicate_id_across_files(problems: Callable[..., list[str]]) -> None:
    assert problems(
        **{
            "other.yaml": "version: 1\nentities:\n- id: x\n  type: thing\n  names: [X]\n",
            "ref.yaml": "entities:\n  - id: x\n    type: thing\n    names: [Ex]\n",
        }
    ) == ['ref.yaml:2:9: duplicate id "x" (first defined at other.yaml:3:7)']


def test_problems_of_all_files_in_file_order(problems: Callable[..., list[str]]) -> None:
    assert problems(
        **{
            "a.yaml": entity("    facts: {participants: [f, g]}"),
            "b.yaml": "entities:\n  - {id: f, type: 1, names: [F]}\n",
        }
    ) == [
        f'a.yaml:{L + 4}:31: unknown entity "g" in participants',
        'b.yaml:2:19: "type" must be a string, not an integer (put it in quotes)',
    ]


def test_billion_laughs_is_refused(parser: str) -> None:
    # Expanding this document would take gigabytes; refusing it takes a parse of 600 bytes.
    path = FIXTURES / "billion_laughs.yaml"
    with pytest.raises(FactcheckError) as caught:
        load_reference([path])
    assert caught.value.lines() == [
        f'{path}:3:8: alias "*a" is not allowed: reference files may not use aliases'
    ]


def test_deep_nesting_is_refused(parser: str, problems: Callable[..., list[str]]) -> None:
    # libyaml's own composer would overflow the C stack on this and kill the interpreter.
    # Our limit (50) usually trips first; PyYAML >= 6.0.4's parser may refuse it first (1000).
    (line,) = problems(**{"ref.yaml": "[" * 100_000 + "]" * 100_000})
    assert line in (
        "ref.yaml:1:51: nesting is deeper than 50 levels",
        "ref.yaml:1:1001: YAML syntax error: exceeded maximum nesting depth",
    )


# --- files -------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(FactcheckError) as caught:
        load_reference([path])
    assert caught.value.lines() == [f"{path}:1:1: cannot read file: No such file or directory"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("entities:\n  - id: é\n    names: [Zoë]\n".encode("latin-1"))
    with pytest.raises(FactcheckError) as caught:
        load_reference([path])
    assert caught.value.lines() == [f"{path}:2:9: not valid UTF-8 (byte 0xe9)"]


@pytest.mark.parametrize(
    "text", ["", "# only a comment\n", "---\n", "\ufeffentities: []\n", "entities: []\n"]
)
def test_files_without_entities(load: Callable[..., ReferenceSet], text: str) -> None:
    assert load(**{"ref.yaml": text}).entities == ()


def test_byte_order_mark_keeps_columns(problems: Callable[..., list[str]]) -> None:
    assert problems(**{"ref.yaml": "\ufeffentities: 5\n"}) == [
        'ref.yaml:1:11: "entities" must be a list, not an integer'
    ]


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    for name in ["b.yaml", "a/c.yml", "a.yaml", "a/notes.txt"]:
        path = tmp_path / "facts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"entities: [{{id: {path.stem}, type: t, names: [N]}}]\n")
    reference = load_reference([tmp_path / "facts", tmp_path / "facts" / "b.yaml"])
    folder = str(tmp_path / "facts")
    assert reference.files == (f"{folder}/a.yaml", f"{folder}/a/c.yml", f"{folder}/b.yaml")
    assert [e.id for e in reference.entities] == ["a", "c", "b"]


def test_directory_without_reference_files(tmp_path: Path) -> None:
    with pytest.raises(FactcheckError) as caught:
        load_reference([tmp_path])
    assert caught.value.lines() == [f"{tmp_path}:1:1: no *.yaml or *.yml files in this directory"]


# --- schema ------------------------------------------------------------------------------------


def test_json_schema_generates() -> None:
    schema = ReferenceFile.model_json_schema()
    assert schema["required"] == ["entities"]
    entity_schema = schema["$defs"]["EntityModel"]
    assert entity_schema["required"] == ["id", "type", "names"]
    assert entity_schema["additionalProperties"] is False
    assert "from" in schema["$defs"]["TermModel"]["properties"]
    json.dumps(schema)


@pytest.mark.parametrize("path", SHARED_REFERENCES, ids=lambda p: p.parent.name)
def test_shared_reference_files_fit_the_json_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not path.exists():
        pytest.skip(f"{path} is not here")
    # JSON has no dates: write them as the strings an editor's YAML 1.2 parser would see.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    jsonschema.validate(data, ReferenceFile.model_json_schema())


# --- robustness --------------------------------------------------------------------------------

# fmt: off
FACT_KEYS = ["date", "born", "place", "country", "ordinal", "title", "participants", "turnout",
             "Bad"]
KEYS = ["version", "entities", "id", "type", "names", "triggers", "facts", "source", "note",
        "value", "aliases", "from", "to", "min", "max", "unit", "tolerance", *FACT_KEYS]
# fmt: on
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3000)
    | st.floats()
    | st.dates()
    | st.text(max_size=6)
    | st.sampled_from(["e", "other", "2018-06", "2018-13-01", "51.7e6", "2%", "x y", "-"])
)
TREES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)
DATES = st.dates(dt.date(1, 1, 1)) | st.sampled_from([1950, "2018-06", "2019", "2018-02-30"])
FACT_VALUES = st.one_of(
    DATES,
    st.integers(-1, 9999),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.sampled_from(["e", "other", "Hanoi", ""]), max_size=3),
    st.fixed_dictionaries(
        {},
        optional={
            "value": st.floats() | st.sampled_from(["51.7e6", "x"]),
            "min": st.integers(0, 9),
            "max": st.integers(0, 9),
            "unit": st.text(max_size=3),
            "tolerance": st.sampled_from([0.5, "2%", -1, "2 %"]),
        },
    ),
    st.fixed_dictionaries({"from": DATES, "to": DATES}),
    st.lists(
        st.fixed_dictionaries(
            {"value": st.text(max_size=4)},
            optional={
                "aliases": st.lists(st.text(max_size=4), max_size=2),
                "from": DATES,
                "to": DATES,
            },
        )
        | st.text(max_size=4),
        max_size=3,
    ),
)
ENTITIES = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["e", "f", "other", "Bad id"]),
        "type": st.sampled_from(["person", "summit"]),
        "names": st.lists(st.sampled_from(["A", "B c", ""]), min_size=1, max_size=2),
    },
    optional={
        "facts": st.dictionaries(st.sampled_from(FACT_KEYS), FACT_VALUES, max_size=2),
        "triggers": st.lists(st.text(max_size=4), max_size=2),
        "source": st.text(max_size=4) | st.lists(st.text(max_size=4), max_size=2),
        "note": st.text(max_size=4) | st.none(),
    },
)
DOCUMENTS = (
    st.fixed_dictionaries(
        {"entities": st.lists(ENTITIES, max_size=3, unique_by=lambda e: str(e["id"]))},
        optional={"version": st.sampled_from([1, 2, "1"])},
    )
    | TREES
)
YAMLISH_TEXT = st.text(st.sampled_from(list("entities:id-tyam[]{},&*!|>?'\"#%\n 0123.é\t\x00")))


def load_or_problems(tmp_path: Path, data: bytes) -> ReferenceSet | None:
    """Load ``data`` as a reference file; None when it has problems."""
    path = tmp_path / "ref.yaml"
    path.write_bytes(data)
    try:
        return load_reference([path])
    except FactcheckError as e:
        assert e.problems
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCUMENTS)
def test_any_document_loads_or_reports_problems(tmp_path: Path, data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    if load_or_problems(tmp_path, text.encode()) is not None and isinstance(data, dict):
        # What the loader accepts, the published schema must accept too.
        ReferenceFile.model_validate(yaml.safe_load(text))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(YAMLISH_TEXT | st.binary(max_size=60))
def test_any_text_loads_or_reports_problems(tmp_path: Path, text: str | bytes) -> None:
    load_or_problems(tmp_path, text.encode() if isinstance(text, str) else text)
