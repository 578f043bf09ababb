"""Entity, title and place mentions: one row per phrasing with the exact span it must cover."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.mentions import Lexicon, surname
from factcheck.extract.phrases import TOKEN, PhraseMatcher, _tokens, fold, words
from factcheck.reference.loader import load_reference
from factcheck.values import Span
from tests.conftest import FIXTURES, SAMPLE_FACTS

NAMES = PhraseMatcher(
    [
        ("Kim Jong-un", "kju"),
        ("Kim Jong Un", "kju"),
        ("Kim", "kim"),
        ("Dan O'Bannon", "dob"),
        ("Albert S. Ruddy", "asr"),
        ("U.S. President", "potus"),
        ("President", "pres"),
        ("Singapore summit", "ss"),
        ("Singapore", "sg"),
    ]
)

ROWS = [
    ("He met Kim Jong-un today.", [("Kim Jong-un", "kju")]),
    ("He met KIM JONG-UN today.", [("KIM JONG-UN", "kju")]),
    ("He met Kim Jong Un today.", [("Kim Jong Un", "kju")]),
    ("He met Kim Jong—un today.", [("Kim", "kim")]),  # an em dash is not the name's hyphen
    ("Kimberly is not Kim.", [("Kim", "kim")]),
    ("Dan O'Bannon wrote it.", [("Dan O'Bannon", "dob")]),
    ("Dan O’Bannon wrote it.", [("Dan O’Bannon", "dob")]),
    ("Albert S. Ruddy produced it.", [("Albert S. Ruddy", "asr")]),
    ("U.S. President Donald Trump", [("U.S. President", "potus")]),
    ("the Singapore summit ended", [("Singapore summit", "ss")]),
    ("in Singapore, summit talks", [("Singapore", "sg")]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_phrase_matcher(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(m.span.text(text), m.payloads[0]) for m in NAMES.finditer(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Stephen Biegun", "Biegun"),
        ("Kang Kyung-wha", "Kang"),
        ("Kim Jong-un", "Kim"),
        ("Albert S. Ruddy", "Ruddy"),
        ("Seohyun", None),
    ],
)
def test_surname(name: str, short: str | None) -> None:
    assert surname(name) == short


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(load_reference([SAMPLE_FACTS, FIXTURES / "lives.yaml"]))


def mentions(lexicon: Lexicon, text: str) -> list[tuple[str, tuple[str, ...], str]]:
    recent: dict[str, str] = {}
    out = []
    for sentence in text.split("|"):
        start = text.index(sentence)
        found = lexicon.find(text, Span(start, start + len(sentence)), recent)
        out += [(e.span.text(text), e.entities, e.how) for e in found.entities]
    return out


def test_surname_resolves_to_the_most_recent_full_mention(lexicon: Lexicon) -> None:
    text = "Stephen Biegun met Kang Kyung-wha.|Biegun credited Kang."
    assert mentions(lexicon, text) == [
        ("Stephen Biegun", ("stephen-biegun",), "name"),
        ("Kang Kyung-wha", ("kang-kyung-wha",), "name"),
        ("Biegun", ("stephen-biegun",), "surname"),
        ("Kang", ("kang-kyung-wha",), "surname"),
    ]


def test_surname_before_any_full_mention_is_not_resolved(lexicon: Lexicon) -> None:
    assert mentions(lexicon, "Biegun credited Kang.") == []


@pytest.mark.parametrize(
    ("later", "resolved"),
    [
        ("Kang credited Biegun.", ["Biegun"]),  # only the surname seen in a full name
        ("Kang credited Biegun’s team.", ["Biegun"]),
        ("Kang credited the Biegun-led team.", []),  # part of a longer word
        ("Kang credited the envoy.", []),
    ],
)
def test_only_surnames_of_names_already_seen_resolve(
    lexicon: Lexicon, later: str, resolved: list[str]
) -> None:
    found = mentions(lexicon, f"Stephen Biegun met reporters.|{later}")
    assert [text for text, _, how in found if how == "surname"] == resolved


def test_triggers_and_titles(lexicon: Lexicon) -> None:
    text = "South Korean Foreign Minister Kang Kyung-wha attended the summit in Hanoi, Vietnam."
    found = lexicon.find(text, Span(0, len(text)), {})
    assert [(t.span.text(text), t.holders) for t in found.titles] == [
        ("South Korean Foreign Minister", ("kang-kyung-wha",))
    ]
    assert [(e.span.text(text), e.how) for e in found.entities] == [
        ("Kang Kyung-wha", "name"),
        ("summit", "trigger"),
        ("Hanoi", "name"),
    ]
    assert [
        (p.span.text(text), p.entity, p.known.name if p.known else None) for p in found.places
    ] == [
        ("Hanoi", "hanoi", "Hanoi"),
        ("Vietnam", None, "Vietnam"),
    ]


def _tokens_alone(text: str, start: int, stop: int) -> tuple[list[int], list[int], list[str]]:
    """Tokenize ``text[start:stop]`` on its own, as the matchers once did for every span."""
    found = list(TOKEN.finditer(text, start, stop))
    return [m.start() for m in found], [m.end() for m in found], [fold(m.group()) for m in found]


# Words the span may cut, folding that changes length ("ß", "İ"), maps a mark to a letter
# ("\u0345") or a letter into ASCII (Kelvin sign, long s), typographic quotes and dashes,
# digits and underscores.
_ALPHABET = st.sampled_from(list("ab Zß\u0130\u0345\u212a\u017f’‐-_9. \n"))


@given(
    st.lists(st.text(_ALPHABET, max_size=40), min_size=1, max_size=3),
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 45), st.integers(0, 45)),
        min_size=1,
        max_size=8,
    ),
)
def test_a_spans_tokens_are_those_of_the_span_alone(
    texts: list[str], spans: list[tuple[int, int, int]]
) -> None:
    # Spans of a few texts in turn: the matchers share the tokens of the span asked for last.
    for which, a, b in spans:
        text = texts[which % len(texts)]
        start, stop = min(a, b, len(text)), min(max(a, b), len(text))
        alone = _tokens_alone(text, start, stop)
        assert words(text, start, stop) == alone[2]
        assert _tokens(text, start, stop) == alone


def test_folding_into_ascii_keeps_word_and_non_word_characters_apart() -> None:
    # `words` tokenizes an ASCII folded text itself: that is exact only if no character
    # folded into ASCII changes class or vanishes (the Kelvin sign and "ß" stay letters).
    changed = []
    for code in range(0x110000):
        char = chr(code)
        folded = fold(char)
        if not folded.isascii():
            continue
        word = TOKEN.fullmatch(char) is not None
        if folded == "" or any((TOKEN.fullmatch(c) is not None) != word for c in folded):
            changed.append(char)
    assert changed == []
    assert fold("\u212a\u017f\u00df") == "ksss"  # Kelvin sign, long s, sharp s
