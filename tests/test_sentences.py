"""Tests for factcheck.extract.sentences: sentence and clause spans."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.sentences import (
    _BOUNDARY,
    _BOUNDARY_FORMS,
    split_clauses,
    split_sentences,
)
from factcheck.values import Span


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[span.start : span.end] for span in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. Both sides left.", ["The talks ended.", "Both sides left."]),
        ("Gen. Marcus Hale inspected the base.", ["Gen. Marcus Hale inspected the base."]),
        (
            "Lt. Col. Dana Reyes and Sgt. Omar Baker arrived. Capt. Lin waited.",
            ["Lt. Col. Dana Reyes and Sgt. Omar Baker arrived.", "Capt. Lin waited."],
        ),
        (
            "Mr. Cho, Mrs. Han, Ms. Yoon and Dr. Seo met.",
            ["Mr. Cho, Mrs. Han, Ms. Yoon and Dr. Seo met."],
        ),
        (
            "Rep. Alan Ford and Sen. Mia Cruz objected.",
            ["Rep. Alan Ford and Sen. Mia Cruz objected."],
        ),
        ("Gov. Ruth Park thanked Pres. Ortega.", ["Gov. Ruth Park thanked Pres. Ortega."]),
        ("Prof. Kwon teaches in St. Paul.", ["Prof. Kwon teaches in St. Paul."]),
        ("John Doe Jr. and Sam Roe Sr. spoke.", ["John Doe Jr. and Sam Roe Sr. spoke."]),
        ("The U.S. President flew home.", ["The U.S. President flew home."]),
        ("U.K. and E.U. envoys joined U.N. staff.", ["U.K. and E.U. envoys joined U.N. staff."]),
        (
            "It starts at 9 a.m. Monday and ends at 5 p.m. Friday.",
            ["It starts at 9 a.m. Monday and ends at 5 p.m. Friday."],
        ),
        (
            "Some allies, e.g. Japan, agreed, i.e. Tokyo signed.",
            ["Some allies, e.g. Japan, agreed, i.e. Tokyo signed."],
        ),
        ("Oil, gas, etc. rose. Prices fell.", ["Oil, gas, etc. rose.", "Prices fell."]),
        (
            "They sold oil, gas, etc. Prices then fell.",
            ["They sold oil, gas, etc.", "Prices then fell."],
        ),
        ("The vote was Lee vs. Park.", ["The vote was Lee vs. Park."]),
        (
            "Acme Inc. and Beta Co. merged with Gamma Corp. and Delta Ltd. today.",
            ["Acme Inc. and Beta Co. merged with Gamma Corp. and Delta Ltd. today."],
        ),
        (
            "Resolution No. 12 passed. Nos. 3 and 4 failed.",
            ["Resolution No. 12 passed.", "Nos. 3 and 4 failed."],
        ),
        ("See Vol. 2 for details.", ["See Vol. 2 for details."]),
        (
            "Talks ran from Jan. 3 to Feb. 27. A deal came on Mar. 1.",
            ["Talks ran from Jan. 3 to Feb. 27.", "A deal came on Mar. 1."],
        ),
        (
            "Envoys met on Apr. 4, Jun. 6, Jul. 7, Aug. 8 and Sept. 9.",
            ["Envoys met on Apr. 4, Jun. 6, Jul. 7, Aug. 8 and Sept. 9."],
        ),
        (
            "They met Sep. 1, Oct. 2, Nov. 3 and Dec. 4.",
            ["They met Sep. 1, Oct. 2, Nov. 3 and Dec. 4."],
        ),
        ("Envoy Mark T. Ellison landed.", ["Envoy Mark T. Ellison landed."]),
        (
            "Producer Irene K. Walsh and J.R. Moss spoke.",
            ["Producer Irene K. Walsh and J.R. Moss spoke."],
        ),
        (
            "Growth was 2.5 percent. It was 3.1 in 2018.",
            ["Growth was 2.5 percent.", "It was 3.1 in 2018."],
        ),
        ("The team won in 2018. 2019 was worse.", ["The team won in 2018.", "2019 was worse."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ('He asked, "Why?" and left.', ['He asked, "Why?" and left.']),
        ('"It is done." She left.', ['"It is done."', "She left."]),
        ("“We agreed.” “Good,” he said.", ["“We agreed.”", "“Good,” he said."]),
        ("The deal (signed in June.) The rest.", ["The deal (signed in June.)", "The rest."]),
        ("Wait... Nothing happened.", ["Wait...", "Nothing happened."]),
        ("It ended. then it resumed.", ["It ended. then it resumed."]),
        ("The U.S.-led talks ended.", ["The U.S.-led talks ended."]),
        ("Visit example.com. Thanks.", ["Visit example.com.", "Thanks."]),
        (
            "Headline without a period\n\nBy Lena Ortiz\n",
            ["Headline without a period", "By Lena Ortiz"],
        ),
        (
            "By Lena Ortiz\n  • Published : Mar 2, 2020 - 10:05\n  • Updated : Mar 2, 2020\n",
            [
                "By Lena Ortiz",
                "• Published : Mar 2, 2020 - 10:05",
                "• Updated : Mar 2, 2020",
            ],
        ),
        (
            "A wrapped line that\ncontinues here. Next.",
            ["A wrapped line that\ncontinues here.", "Next."],
        ),
        ("First para\r\n\r\nSecond para", ["First para", "Second para"]),
        (
            "# Envoy lands in Oslo\nHe met officials.",
            ["# Envoy lands in Oslo", "He met officials."],
        ),
        ("Intro:\n- Oslo\n- Bergen\n1. Tromso", ["Intro:", "- Oslo", "- Bergen", "1. Tromso"]),
        ("#hashtag starts\na line.", ["#hashtag starts\na line."]),
        ("   ", []),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, split_sentences(text)) == expected


def test_split_sentences_within_a_range() -> None:
    text = "Skip this. Take this one. And this. Not this."
    start = text.index("Take")
    end = text.index("Not")
    spans = split_sentences(text, start, end)
    assert _texts(text, spans) == ["Take this one.", "And this."]
    assert spans[0] == Span(start, start + len("Take this one."))


@pytest.mark.parametrize(("start", "end"), [(-1, None), (5, 3), (0, 99)])
def test_split_sentences_rejects_a_bad_range(start: int, end: int | None) -> None:
    with pytest.raises(ValueError):
        split_sentences("Short text.", start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Foreign Minister Anna Berg, the envoy, said the deal was signed on March 3, 2019.",
            ["Foreign Minister Anna Berg, the envoy, said the deal was signed on March 3, 2019."],
        ),
        (
            "The envoy praised the talks but said gaps remain.",
            ["The envoy praised the talks", "but said gaps remain."],
        ),
        ("Talks went well, but gaps remain.", ["Talks went well,", "but gaps remain."]),
        ("He flew to Oslo; she stayed in Rome.", ["He flew to Oslo;", "she stayed in Rome."]),
        (
            "Lee met Park in Oslo, while Cho stayed home.",
            ["Lee met Park in Oslo,", "while Cho stayed home."],
        ),
        ("Prices rose, whereas wages fell.", ["Prices rose,", "whereas wages fell."]),
        (
            "The summit slipped, although both sides wanted it, because of rain.",
            ["The summit slipped,", "although both sides wanted it,", "because of rain."],
        ),
        ("Exports grew, though slowly.", ["Exports grew,", "though slowly."]),
        ("Not only Oslo but also Rome bid.", ["Not only Oslo but also Rome bid."]),
        ("Oslo, Rome and Paris bid, and Rome won.", ["Oslo, Rome and Paris bid, and Rome won."]),
        ("The rebuttal came, butter in hand.", ["The rebuttal came, butter in hand."]),
        ("It failed;", ["It failed;"]),
    ],
)
def test_split_clauses(text: str, expected: list[str]) -> None:
    assert _texts(text, split_clauses(text, Span(0, len(text)))) == expected


def test_split_clauses_stays_inside_the_sentence() -> None:
    text = "Before; this. Kim came but left; Lee stayed. After; that."
    sentence = split_sentences(text)[1]
    assert _texts(text, split_clauses(text, sentence)) == ["Kim came", "but left;", "Lee stayed."]


# --- properties ---------------------------------------------------------------------------

_NEWSY = st.lists(
    st.sampled_from([*"aZ .!?;,\"'“”()\n\r\t•-#1", "Gen.", "U.S.", " but ", ", while "]),
    max_size=80,
).map("".join)
_ANY_TEXT = st.one_of(st.text(max_size=200), _NEWSY)


def _assert_spans(text: str, spans: list[Span], start: int, end: int) -> None:
    previous_end = start
    for span in spans:
        assert previous_end <= span.start < span.end <= end
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        previous_end = span.end


def _non_space(text: str) -> str:
    return "".join(text.split())


@given(text=_ANY_TEXT, data=st.data())
def test_split_sentences_properties(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = split_sentences(text, start, end)
    _assert_spans(text, spans, start, end)
    assert _non_space("".join(_texts(text, spans))) == _non_space(text[start:end])
    assert split_sentences(text, start, end) == spans


@given(text=_ANY_TEXT, data=st.data())
def test_split_clauses_properties(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sentence = Span(start, end)
    clauses = split_clauses(text, sentence)
    _assert_spans(text, clauses, start, end)
    assert _non_space("".join(_texts(text, clauses))) == _non_space(text[start:end])
    assert split_clauses(text, sentence) == clauses


# Every character a boundary form starts or ends with, and a few others around them.
_BOUNDARY_ALPHABET = st.sampled_from(list(".!?…\r\n \t#•-*12)\"”'A a\u00a0\u2028"))


def _assert_boundaries_of_the_forms_alone(text: str, start: int, end: int) -> None:
    # `_BOUNDARY` puts the forms behind a look-ahead for their first characters, to be
    # fast; it must find exactly what the forms find alone.
    alone = re.compile(_BOUNDARY_FORMS)
    found = [(m.span(), m.lastgroup) for m in _BOUNDARY.finditer(text, start, end)]
    assert found == [(m.span(), m.lastgroup) for m in alone.finditer(text, start, end)]


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n  # Heading\nBody.",  # a heading line indented by spaces
        "\t## Notes\r\nText",  # by a tab, at the very start
        "# Title\n\nBody! Next?” More…",
        "Line\n\n \nNext\n- item\n2) item",
    ],
)
def test_boundaries_are_those_of_the_forms_alone(text: str) -> None:
    _assert_boundaries_of_the_forms_alone(text, 0, len(text))


@given(text=st.text(_BOUNDARY_ALPHABET, max_size=60), data=st.data())
def test_boundaries_in_any_text_are_those_of_the_forms_alone(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _assert_boundaries_of_the_forms_alone(text, start, end)
