"""Internal consistency: one entity given two values for one attribute in the same article."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FIXTURES, make_runner

ROWS = [
    (
        "The Harbour summit in November drew crowds. The Harbour summit in December ended early.",
        [("internal-consistency", "December", "November (line 1)")],
    ),
    ("The Harbour summit in November drew crowds. The Harbour summit in November ended.", []),
    (
        "The second Harbour summit opened. The third Harbour summit closed.",
        [("internal-consistency", "third", "second (line 1)")],
    ),
    # places the reference already decides are reported by their own rule, not twice
    (
        "The Harbour summit in Busan opened.\nThe Harbour summit in Daegu closed.",
        [("event-place", "Daegu", "Busan")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_consistency(text: str, expected: list[tuple[str, str, str]]) -> None:
    run = make_runner(FIXTURES / "events.yaml", dt.date(2019, 2, 9))
    report = run(text)
    got = [(f.rule, f.found, f.expected) for f in report.findings]
    assert got == expected


def test_consistency_finding_points_at_both_places() -> None:
    run = make_runner(FIXTURES / "events.yaml", dt.date(2019, 2, 9))
    text = "The Harbour summit in November drew crowds.\nThe Harbour summit in December ended."
    (finding,) = run(text).findings
    assert finding.severity == "warning"
    assert text[finding.span.start : finding.span.end] == "December"
    (earlier,) = finding.related
    assert text[earlier.start : earlier.end] == "November"
    assert finding.message == (
        "Harbour summit: December here, but November (line 1) earlier in the article"
    )
