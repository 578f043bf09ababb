"""The candidate index: a superset of the entities a cue agrees with; claims as a full scan."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from benchmarks.generate import article, reference_yaml, world
from factcheck.candidates import CandidateIndex, month_span
from factcheck.check import Checker
from factcheck.claims import OrdinalValue, PlaceValue, Stated
from factcheck.compare import Verdict
from factcheck.document import load_document
from factcheck.extract.places import gazetteer
from factcheck.reference.loader import load_reference
from factcheck.reference.model import ReferenceSet
from factcheck.rules.attribute import judge_value
from factcheck.rules.loader import load_rules, shipped_rule_files
from factcheck.values import DateValue, PartialDate
from tests.conftest import FIXTURES, SAMPLE_FACTS


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ReferenceSet:
    path = tmp_path_factory.mktemp("facts") / "world.yaml"
    path.write_text(reference_yaml(world(400).order), "utf-8")
    return load_reference([path])


def _dates() -> list[DateValue]:
    months = [DateValue.single(PartialDate(None, m)) for m in range(1, 13)]
    days = [DateValue.single(PartialDate(None, m, d)) for m in (2, 6, 12) for d in (1, 12, 27)]
    years = [DateValue.single(PartialDate(y)) for y in (1950, 2018, 2019)]
    dated = [DateValue.single(PartialDate(2018, m, 12)) for m in (5, 6, 7)]
    ranges = [
        DateValue(PartialDate(None, 2, 27), PartialDate(None, 2, 28), True),
        DateValue(PartialDate(None, 12, 30), PartialDate(None, 1, 2), True),
        DateValue(PartialDate(1950), PartialDate(1953), True),
        DateValue(PartialDate(2019, 2, 27), PartialDate(2019, 2, 28), True),
    ]
    return months + days + years + dated + ranges


def _cues(reference: ReferenceSet) -> list[tuple[str, Stated]]:
    cues: list[tuple[str, Stated]] = [("date", d) for d in _dates()]
    cues += [("ordinal", OrdinalValue(n)) for n in range(1, 7)]
    names = {"Singapore", "Hanoi", "Vietnam", "Panmunjom", "Kakagrad", "Nowhere"}
    for entity in reference.entities:
        fact = entity.facts.get("place")
        options = getattr(fact.value, "options", ()) if fact else ()
        names.update(options[:1])
    for name in sorted(names)[:80]:
        cues.append(("place", PlaceValue(name, None, gazetteer().lookup(name))))
    return cues


@pytest.mark.parametrize("source", ["generated", "sample", "events"])
def test_shortlist_holds_every_agreeing_entity(
    source: str, generated: ReferenceSet, request: pytest.FixtureRequest
) -> None:
    reference = {
        "generated": generated,
        "sample": load_reference([SAMPLE_FACTS]),
        "events": load_reference([FIXTURES / "events.yaml"]),
    }[source]
    index = CandidateIndex(reference.entities)
    for attribute, value in _cues(reference):
        shortlist = index(attribute, value)
        if shortlist is None:
            continue
        agreeing = {
            e.id
            for e in reference.entities
            if judge_value(e, attribute, value, None).verdict is Verdict.SUPPORTED
        }
        assert agreeing <= shortlist, (attribute, value, agreeing - shortlist)


@pytest.mark.parametrize(
    ("value", "months"),
    [
        (DateValue.single(PartialDate(None, 7)), {7}),
        (DateValue(PartialDate(None, 11, 30), PartialDate(None, 2, 1), True), {11, 12, 1, 2}),
        (DateValue(PartialDate(None, 3, 5), PartialDate(None, 3, 1), True), set(range(1, 13))),
        (DateValue(PartialDate(2018, 6, 12), PartialDate(2018, 6, 12)), {6}),
        (DateValue(PartialDate(2018), PartialDate(2018)), set(range(1, 13))),
        (DateValue(PartialDate(2018, 12), PartialDate(2019, 1), True), {12, 1}),
    ],
)
def test_month_span(value: DateValue, months: set[int]) -> None:
    assert month_span(value) == months


def test_indexed_choice_gives_the_claims_of_a_full_scan(generated: ReferenceSet) -> None:
    rules = load_rules(shipped_rule_files())
    indexed = Checker(generated, rules)
    scanning = Checker(generated, rules)
    scanning.builder.shortlist = None
    small = world(400)
    for seed in range(12):
        doc = load_document("a.txt", article(small, seed).text.encode("utf-8"))
        fast, slow = indexed.check(doc), scanning.check(doc)
        assert [(r.claim, r.verdict) for r in fast.results] == [
            (r.claim, r.verdict) for r in slow.results
        ]
        assert fast.findings == slow.findings


def test_generated_articles_state_checkable_facts() -> None:
    small = world(400)
    a = article(small, 1)
    assert a.text.startswith("Published : ")
    assert a.stated > 10
    assert a == article(small, 1)  # deterministic
    assert [p.name for p in itertools.islice(world(1000).places, 80)] == [
        p.name for p in world(400).places
    ]
    assert dt.date(2000, 1, 1) <= a.published <= dt.date(2023, 12, 31)
