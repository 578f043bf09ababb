"""Property tests the others leave out: any bytes as any kind of article, and the mention finder.

Every extractor has its own property test beside its table (dates, numbers, ordinals,
sentences and clauses; the reference loader on generated YAML documents; the pipeline on
any text). These add the document loader fed random bytes under every suffix, with and
without a byte order mark, and `Lexicon.find` on text built from the names it knows. Each
asserts that only `FactcheckError` is ever raised, that every span lies inside the text, and
that the same input gives the same output.
"""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.document import load_document
from factcheck.errors import FactcheckError
from factcheck.extract.mentions import Lexicon
from factcheck.extract.sentences import split_sentences
from factcheck.reference.loader import load_reference
from tests.conftest import FIXTURES, SAMPLE_FACTS

SUFFIXES = [".txt", ".md", ".markdown", ".html", ".htm", ""]
MARKS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
MARKUP = st.sampled_from(
    [
        b"<p>", b"</p>", b"<!--", b"-->", b"<![ x", b"<a b='", b"<script>", b"&amp;", b"&#0;",
        b"---\n", b"date: 2019-02-09\n", b"```\n", b"[a](", b"> ", b"\n", b"\r\n", b" ",
        b"Feb. 27-28", b"Singapore summit", b"\xe2\x80\x93", b"\xc2\xa0", b"\xff", b"\x00",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    mark=st.sampled_from(MARKS),
    body=st.binary(max_size=200) | st.lists(MARKUP, max_size=30).map(b"".join),
    suffix=st.sampled_from(SUFFIXES),
)
def test_any_bytes_load_as_any_article_or_fail_with_a_problem(
    mark: bytes, body: bytes, suffix: str
) -> None:
    data = mark + body
    try:
        doc = load_document("story" + suffix, data)
    except FactcheckError as exc:
        assert exc.problems and all(p.line >= 1 and p.column >= 1 for p in exc.problems)
        return
    assert "\x00" not in doc.text
    end = 0
    for region in doc.regions:
        assert end <= region.start < region.end <= len(doc.text)
        end = region.end
    shown = doc.in_file()
    assert all(r.end <= len(shown.text) for r in shown.regions)
    for directive in doc.directives:
        assert directive.span.end <= len(shown.text)
    assert load_document("story" + suffix, data) == doc


LEXICON = Lexicon(load_reference([SAMPLE_FACTS, FIXTURES / "lives.yaml"]))
NAMES = sorted({n for e in LEXICON.reference.entities for n in (*e.names, *e.triggers)})
WORDS = st.sampled_from([*NAMES, "President", "Mr.", "U.S.", "’s", "'s", "Kim", ", ", ". "])
TEXTS = st.lists(WORDS | st.text(max_size=4), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_mentions_lie_inside_their_sentence_in_order(text: str) -> None:
    recent: dict[str, str] = {}
    again: dict[str, str] = {}
    for sentence in split_sentences(text):
        found = LEXICON.find(text, sentence, recent)
        assert LEXICON.find(text, sentence, again) == found
        for group in (found.entities, found.titles, found.places):
            spans = [m.span for m in group]
            assert spans == sorted(spans)
            assert all(sentence.contains(s) and s.start < s.end for s in spans)
        assert all(m.entities for m in found.entities)
