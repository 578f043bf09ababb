"""Tests for factcheck.document: decoding, front matter, datelines, regions and positions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.document import Document, decode, detect_dateline, load_document
from factcheck.errors import FactcheckError
from factcheck.values import Span

FEB_9 = dt.date(2019, 2, 9)
_BINARY = "a binary file (or UTF-16 without a byte order mark); skipped"


def _problem(exc: pytest.ExceptionInfo[FactcheckError]) -> tuple[int, int, str]:
    problems = exc.value.problems
    assert problems is not None and len(problems) == 1
    return problems[0].line, problems[0].column, problems[0].message


def _region_texts(doc: Document) -> list[str]:
    return [doc.text[span.start : span.end] for span in doc.regions]


# --- decode -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Talks resume today.", "Talks resume today."),
        (b"\xef\xbb\xbfTalks resume today.", "Talks resume today."),
        (b"First line.\r\nSecond line.\r\n", "First line.\r\nSecond line.\r\n"),
        (b"\xef\xbb\xbf", ""),
        (b"", ""),
        ("Séoul talks – “on track”".encode(), "Séoul talks – “on track”"),
        ("Séoul\r\ntalks".encode("utf-16"), "Séoul\r\ntalks"),
        (b"\xfe\xff" + "Séoul 🙂".encode("utf-16-be"), "Séoul 🙂"),
        ("Séoul 🙂".encode("utf-32"), "Séoul 🙂"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data, "a.txt") == expected


@pytest.mark.parametrize(
    ("data", "line", "column", "message"),
    [
        (b"ab\xff", 1, 3, "not valid UTF-8 (byte 0xff)"),
        (b"\xef\xbb\xbf\xfe", 1, 1, "not valid UTF-8 (byte 0xfe)"),
        (b"one\r\ntwo\r\nt\xc3", 3, 2, "not valid UTF-8 (byte 0xc3)"),
        (b"old\rmac\xa0", 2, 4, "not valid UTF-8 (byte 0xa0)"),
        ("é".encode() + b"\xe2\x82 end", 1, 2, "not valid UTF-8 (byte 0xe2)"),
        (b"\xff\xfeh\x00\n\x00\x00\xd8", 2, 1, "not valid UTF-16 (byte 0x00)"),
        (b"one\ntw\x00o\xff", 2, 3, f"NUL byte: {_BINARY}"),
        (b"\x89PNG\r\n\x1a\n\x00", 3, 1, f"NUL byte: {_BINARY}"),
        ("hi".encode("utf-16-le"), 1, 2, f"NUL byte: {_BINARY}"),
    ],
)
def test_decode_rejects_invalid_utf8(data: bytes, line: int, column: int, message: str) -> None:
    with pytest.raises(FactcheckError) as exc:
        decode(data, "story.txt")
    assert _problem(exc) == (line, column, message)
    assert str(exc.value) == f"story.txt:{line}:{column}: {message}"


# An old archive's bytes, decoded as the encoding asked for; a byte order mark always wins.
ENCODED = [
    ("cp1252", b"Caf\xe9 \x96 \x93on track\x94", "Café – “on track”"),
    ("iso8859-1", b"Zo\xeb in Seoul", "Zoë in Seoul"),
    ("cp1252", "Séoul – “on track”".encode("utf-8-sig"), "Séoul – “on track”"),
    ("iso8859-1", "Séoul".encode("utf-16"), "Séoul"),
    ("utf-8", "Séoul".encode(), "Séoul"),
]


@pytest.mark.parametrize(("encoding", "data", "expected"), ENCODED)
def test_decode_as_the_encoding_asked_for(encoding: str, data: bytes, expected: str) -> None:
    assert decode(data, "a.txt", encoding) == expected


def test_decode_names_the_encoding_a_byte_is_not_valid_in() -> None:
    with pytest.raises(FactcheckError) as exc:
        decode(b"One.\nTwo \x81.", "story.txt", "cp1252")
    assert str(exc.value) == "story.txt:2:5: not valid CP1252 (byte 0x81)"


# --- reading files ------------------------------------------------------------------------


def test_load_document_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfFeb. 9, 2019\r\n\r\nThe ministry said talks would resume.\r\n")
    doc = load_document(str(path))
    assert doc.path == str(path)
    assert doc.text.startswith("Feb. 9, 2019\r\n")
    assert (doc.published, doc.published_source) == (FEB_9, "dateline")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("missing.txt", "file not found; check the path"), (".", "is a directory")],
)
def test_load_document_reports_unreadable_paths(tmp_path: Path, name: str, fragment: str) -> None:
    path = str(tmp_path / name)
    with pytest.raises(FactcheckError) as exc:
        load_document(path)
    line, column, message = _problem(exc)
    assert (line, column) == (1, 1)
    assert fragment in message
    assert exc.value.lines()[0].startswith(f"{path}:1:1: ")


# --- front matter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "path", "published", "origin"),
    [
        ("---\ndate: 2019-02-09\n---\nBody.\n", "a.md", FEB_9, "front matter"),
        ("---\ndate: 2019-02-09 12:14:00\n---\nBody.\n", "a.md", FEB_9, "front matter"),
        ("---\ndate: 2019-02-09T12:14:00+09:00\n---\n", "a.md", FEB_9, "front matter"),
        ("---\ndate: '2019-02-09'\n---\nBody.\n", "a.markdown", FEB_9, "front matter"),
        (
            "---\r\ntitle: Talks\r\ndate: 2019-02-09\r\n---\r\nBody.\r\n",
            "a.md",
            FEB_9,
            "front matter",
        ),
        ("\ufeff---\ndate: 2019-02-09\n...\nBody.\n", "a.md", FEB_9, "front matter"),
        ("---\ndate: 2019-02-09\n---\nBody.\n", "a.txt", FEB_9, "front matter"),
        ("---\ntitle: Talks\n---\nBody.\n", "a.md", None, None),
        ("---\ndate:\n---\nBody.\n", "a.md", None, None),
        ("---\n---\nBody.\n", "a.md", None, None),
        (
            "---\ntitle: Talks\n---\nPublished: March 1, 2019\n",
            "a.md",
            dt.date(2019, 3, 1),
            "dateline",
        ),
        ("---\ndate: 2019-02-09\n---\nPublished: March 1, 2019\n", "a.md", FEB_9, "front matter"),
    ],
)
def test_front_matter_date(
    source: str, path: str, published: dt.date | None, origin: str | None
) -> None:
    doc = load_document(path, source.encode())
    assert (doc.published, doc.published_source) == (published, origin)


@pytest.mark.parametrize(
    ("source", "line", "column", "fragment"),
    [
        ("---\ntitle: [Talks\n---\n", 3, 1, "malformed YAML front matter"),
        ("---\ntitle: Talks\n  bad: indent\n---\n", 3, 6, "malformed YAML front matter"),
        ("---\ntitle: Talks\ndate: 2019-02-30\n---\n", 3, 7, "not a real calendar date"),
        ("---\ndate: Feb. 9, 2019\n---\n", 2, 7, "write it as YYYY-MM-DD"),
        ("---\ndate: [2019-02-09]\n---\n", 2, 7, "must be a date"),
        ("---\r\nx: 1\r\ndate: tomorrow\r\n---\r\n", 3, 7, "not a date"),
        ("---\n- a list\n---\n", 2, 1, "must be a YAML mapping"),
        ("---\ntitle: Talks\n", 1, 1, "never closed"),
        ("---\ntitle: \x07\n---\n", 2, 8, "character U+0007 is not allowed"),
    ],
)
def test_bad_front_matter_names_the_place(
    source: str, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(FactcheckError) as exc:
        load_document("story.md", source.encode())
    found_line, found_column, message = _problem(exc)
    assert (found_line, found_column) == (line, column)
    assert fragment in message


def test_plain_text_front_matter_with_a_bad_date_is_an_error() -> None:
    with pytest.raises(FactcheckError) as exc:
        load_document("story.txt", b"---\ndate: soon\n---\nBody.\n")
    assert _problem(exc)[:2] == (2, 7)


@pytest.mark.parametrize(
    "source",
    [
        "---\nA headline between rules\n---\nBody.\n",
        "---\nNot: [closed\n---\nBody.\n",
        "---\nno closing rule\n",
    ],
)
def test_plain_text_keeps_a_leading_rule_that_is_not_front_matter(source: str) -> None:
    doc = load_document("story.txt", source.encode())
    assert doc.regions == (Span(0, len(source)),)


def test_front_matter_is_not_a_region() -> None:
    source = "---\ndate: 2019-02-09\n---\nThe talks resumed.\n"
    doc = load_document("story.md", source.encode())
    assert _region_texts(doc) == ["The talks resumed."]
    assert doc.regions[0].start == source.index("The")


def test_option_date_wins() -> None:
    source = "---\ndate: 2019-02-09\n---\nPublished: March 1, 2019\n"
    doc = load_document("a.md", source.encode(), date=dt.date(2020, 1, 2))
    assert (doc.published, doc.published_source) == (dt.date(2020, 1, 2), "option")


def test_unknown_date() -> None:
    doc = load_document("-", b"The talks resumed on Saturday.\n")
    assert (doc.published, doc.published_source) == (None, None)


# --- dateline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Envoy upbeat on talks\n\nBy Lee Su-min\n  • Published : Feb 9, 2019 - 12:14\n", FEB_9),
        ("Published: Feb. 9, 2019\n\nThe talks resumed.", FEB_9),
        ("Feb. 9, 2019\nThe talks resumed.", FEB_9),
        ("2019-02-09\n", FEB_9),
        ("February 9, 2019", FEB_9),
        ("9 February 2019\n", FEB_9),
        ("Saturday, Feb. 9, 2019 3:05 p.m. KST\n", FEB_9),
        ("Posted on 2019/02/09 at 12:14\n", FEB_9),
        ("By Jane Roe | Feb. 9, 2019 | 08:30 EST\n", FEB_9),
        ("*Published on February 9th, 2019*\n", FEB_9),
        ("Updated : Feb 11, 2019 - 09:00\nPublished : Feb 9, 2019 - 12:14\n", FEB_9),
        ("Published : Feb 9, 2019 - 12:14 | Updated : Feb 11, 2019 - 09:00\n", FEB_9),
        ("Updated: Feb. 11, 2019\n\nThe talks resumed.", dt.date(2019, 2, 11)),
        ("WASHINGTON, Feb. 9, 2019 (AP) — The talks resumed on Saturday.", FEB_9),
        ("SEOUL, Feb. 9 (Yonhap) -- The talks resumed on Saturday.", None),
        ("On Feb. 9, 2019, the ministry said the talks would resume.", None),
        ("Talks resume\n\nThe ministry said on February 9, 2019 that talks would resume.", None),
        ("The deal was signed on 2019-02-09.\n", None),
        ("Published: Feb. 30, 2019\n", None),
        ("Feb. 9\n", None),
        ("", None),
        ("A line.\n" * 15 + "Feb. 9, 2019\n", None),
        ("x" * 1600 + "\nFeb. 9, 2019\n", None),
    ],
)
def test_detect_dateline(text: str, expected: dt.date | None) -> None:
    assert detect_dateline(text) == expected


# --- regions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Read `this` and <!-- that -->.", ["Read `this` and <!-- that -->."]),
        (
            "Details at https://example.org/a_(b) and (http://x.org/c).",
            ["Details at ", " and (", ")."],
        ),
        ("---\ndate: 2019-02-09\n---\nBody.", ["Body."]),
        (
            "Held in July. factcheck-ignore[event-date]: disputed\nNext.",
            ["Held in July. ", "\nNext."],
        ),
    ],
)
def test_plain_text_regions(source: str, expected: list[str]) -> None:
    assert _region_texts(load_document("story.txt", source.encode())) == expected


# --- positions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "position"),
    [(0, (1, 1)), (2, (1, 3)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3)), (7, (3, 1)), (10, (4, 1))],
)
def test_position_with_crlf_and_cr(offset: int, position: tuple[int, int]) -> None:
    doc = load_document("a.txt", b"ab\r\ncd\ref\ng")
    assert doc.position(offset) == position
    assert doc.lines.position(offset) == position


def test_position_after_bom_counts_from_the_decoded_text() -> None:
    doc = load_document("a.txt", b"\xef\xbb\xbfab\ncd")
    assert doc.text == "ab\ncd"
    assert doc.position(3) == (2, 1)


# --- properties ---------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "---\n", "---\r\n", "...\n", "date: ", "2019-02-09", "Feb. 9, 2019", "Published: ",
        "```", "~~~", "    ", "\t", "`", "<!--", "-->", "[a](", ")", "https://x.org/",
        "www.", "<http://a>", "\n", "\r\n", "\r", " ", "Kim", ".", "- ", "#", "\ufeff", "\x00",
        ":", "[", "{", "'", '"', "é",
    ]
)  # fmt: skip


def _check_regions(doc: Document) -> None:
    previous_end = 0
    for span in doc.regions:
        assert previous_end <= span.start < span.end <= len(doc.text)
        previous_end = span.end


@settings(max_examples=300)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ""]))
def test_load_document_random_bytes(data: bytes, suffix: str) -> None:
    try:
        doc = load_document("story" + suffix, data)
    except FactcheckError as exc:
        assert exc.problems
        return
    _check_regions(doc)
    assert doc == load_document("story" + suffix, data)


@settings(max_examples=500)
@given(parts=st.lists(_FRAGMENTS, max_size=40), suffix=st.sampled_from([".txt", ".md"]))
def test_load_document_markdownish_text(parts: list[str], suffix: str) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    try:
        doc = load_document("story" + suffix, data)
    except FactcheckError as exc:
        assert exc.problems
        return
    _check_regions(doc)
    assert doc == load_document("story" + suffix, data)


@given(text=st.text(max_size=400))
def test_detect_dateline_never_raises(text: str) -> None:
    assert detect_dateline(text) == detect_dateline(text)
