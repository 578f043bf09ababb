"""Date and age comparisons at the precision written: one row per case, with its verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.compare import Verdict, age_range, compare_age, compare_dates, describe_date
from factcheck.values import DateValue, PartialDate


def d(text: str) -> PartialDate:
    """Parse ``2018``, ``2018-06``, ``2018-06-12`` or yearless ``--06-12`` / ``--06``."""
    parts = text.lstrip("-").split("-")
    if text.startswith("--"):
        return PartialDate(None, int(parts[0]), int(parts[1]) if len(parts) > 1 else None)
    nums = [int(p) for p in parts]
    return PartialDate(*nums)  # type: ignore[arg-type]


def v(lo: str, hi: str | None = None) -> DateValue:
    return DateValue.single(d(lo)) if hi is None else DateValue(d(lo), d(hi), True)


S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE
SINGAPORE = v("2018-06-12")
HANOI = v("2019-02-27", "2019-02-28")
WAR = v("1950-06-25", "1953-07-27")
UNCERTAIN_BIRTH = v("1982-01-08", "1984-01-08")

EVENT_ROWS = [
    ("July (no year) vs June 12", v("--07"), SINGAPORE, C),
    ("June (no year)", v("--06"), SINGAPORE, S),
    ("June 2018", v("2018-06"), SINGAPORE, S),
    ("2018", v("2018"), SINGAPORE, S),
    ("June 13, 2018", v("2018-06-13"), SINGAPORE, C),
    ("2017", v("2017"), SINGAPORE, C),
    ("Feb. 27-28", v("--02-27", "--02-28"), HANOI, S),
    ("Feb. 26-27", v("--02-26", "--02-27"), HANOI, C),
    ("Feb. 27 (inside the event)", v("--02-27"), HANOI, S),
    ("February 2019", v("2019-02"), HANOI, S),
    ("1950-53", v("1950", "1953"), WAR, S),
    ("1950-55", v("1950", "1955"), WAR, C),
    ("1951-53 (start wrong)", v("1951", "1953"), WAR, C),
    ("1950s", DateValue(d("1950"), d("1959")), WAR, S),
]


@pytest.mark.parametrize(("case", "stated", "fact", "verdict"), EVENT_ROWS)
def test_event_dates(case: str, stated: DateValue, fact: DateValue, verdict: Verdict) -> None:
    assert compare_dates(stated, fact, duration=True) is verdict, case


BIRTH_ROWS = [
    ("1983 inside an uncertain birth range", v("1983"), UNCERTAIN_BIRTH, U),
    ("1990 outside it", v("1990"), UNCERTAIN_BIRTH, C),
    ("the 1980s cover it", DateValue(d("1980"), d("1989")), UNCERTAIN_BIRTH, S),
    ("a day when only the year is known", v("1961-12-16"), v("1961"), U),
    ("another year", v("1962"), v("1961-12-16"), C),
    ("Feb. 29 in a year without one", v("--02-29"), v("1931-05-04"), C),
    ("April 14 (no year)", v("--04-14"), v("1949-04-14"), S),
]


@pytest.mark.parametrize(("case", "stated", "fact", "verdict"), BIRTH_ROWS)
def test_birth_dates(case: str, stated: DateValue, fact: DateValue, verdict: Verdict) -> None:
    assert compare_dates(stated, fact, duration=False) is verdict, case


@pytest.mark.parametrize(
    ("born", "on", "ages"),
    [
        (v("1953-01-24"), dt.date(2019, 2, 9), (66, 66)),
        (v("1953-01-24"), dt.date(2019, 1, 23), (65, 65)),
        (v("1970-03"), dt.date(2017, 3, 15), (46, 47)),
        (v("1982-01-08", "1984-01-08"), dt.date(2019, 2, 9), (35, 37)),
    ],
)
def test_age_range(born: DateValue, on: dt.date, ages: tuple[int, int]) -> None:
    assert age_range(born, on) == ages


@pytest.mark.parametrize(("stated", "verdict"), [(66, S), (65, C), (67, C)])
def test_compare_age(stated: int, verdict: Verdict) -> None:
    assert compare_age(stated, v("1953-01-24"), dt.date(2019, 2, 9)) is verdict


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (SINGAPORE, "June 12, 2018"),
        (v("2018-06"), "June 2018"),
        (v("--07"), "July"),
        (HANOI, "February 27-28, 2019"),
        (v("1950", "1953"), "1950-1953"),
        (WAR, "June 25, 1950 to July 27, 1953"),
    ],
)
def test_describe_date(value: DateValue, text: str) -> None:
    assert describe_date(value) == text
