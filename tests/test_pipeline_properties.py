"""Property tests: the pipeline never crashes on any text, and every span it reports is valid."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.check import Checker
from factcheck.document import load_document
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir
from tests.conftest import FIXTURES, SAMPLE_FACTS

CHECKER = Checker(
    load_reference([SAMPLE_FACTS, FIXTURES / "lives.yaml"]),
    load_rules(sorted(shipped_rules_dir().glob("*.yaml"))),
)

FRAGMENTS = [
    "Singapore summit",
    "summit",
    "in July",
    "Feb. 27-28",
    "1950-53",
    "Korean War",
    "President",
    "Kang Kyung-wha",
    "Kang",
    ", the foreign minister,",
    "former",
    "then-",
    "Hanoi, Vietnam",
    "Hanoi, Thailand",
    "second",
    "21st",
    "Ada Park",
    "was born in",
    "died",
    "1931",
    "on Tuesday, Feb. 27",
    "Saturday",
    "late this month",
    ", 66,",
    "is 45 years old",
    "not",
    "'s cat",
    "\n\n",
    "\r\n",
    "—",
    "–",
    "\u00a0",
    "“",
    "”",
    "İ",
    "🙂",
    "\u202e",
    ".",
    ",",
    " ",
]
# A NUL character makes a file binary, skipped before the pipeline runs (see test_document).
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join),
).map(lambda text: text.replace("\x00", "\x01"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, dated=st.booleans())
def test_pipeline_never_crashes_and_spans_are_valid(text: str, dated: bool) -> None:
    doc = load_document("p.txt", text.encode("utf-8"), dt.date(2019, 2, 9) if dated else None)
    report = CHECKER.check(doc)
    n = len(doc.text)
    for r in report.results:
        assert 0 <= r.claim.span.start < r.claim.span.end <= n
        assert r.claim.sentence.contains(r.claim.span)
    for f in report.findings:
        assert doc.text[f.span.start : f.span.end] == f.found
        assert f.found.strip() == f.found and f.found
    again = CHECKER.check(doc)
    assert again.findings == report.findings
    assert [r.claim for r in again.results] == [r.claim for r in report.results]
