"""Markup awareness: Markdown and HTML prose, exact offsets, and findings placed in the source."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import markup
from factcheck.check import Checker, FileReport
from factcheck.document import Document, load_document
from factcheck.markup import Directive
from factcheck.reference.loader import load_reference
from factcheck.rules.loader import load_rules, shipped_rules_dir
from factcheck.values import LineIndex, Span
from tests.conftest import SAMPLE_FACTS


@pytest.fixture(scope="module")
def checker() -> Checker:
    rules = load_rules(sorted(shipped_rules_dir().glob("*.yaml")))
    return Checker(load_reference([SAMPLE_FACTS]), rules)


def _regions(doc: Document) -> list[str]:
    return [r.text(doc.text) for r in doc.regions]


def _found(report: FileReport) -> list[tuple[str, str, tuple[int, int], tuple[int, int]]]:
    doc = report.document
    return [
        (f.rule, f.span.text(doc.text), doc.position(f.span.start), doc.position(f.span.end))
        for f in report.findings
    ]


# --- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Plain prose.\n", ["Plain prose."]),
        ("Before.\n\n```python\nx = 'Gen. Lee'\n```\n\nAfter.\n", ["Before.", "After."]),
        ("Before.\n~~~~\n```\nstill code\n~~~~\nAfter.", ["Before.", "After."]),
        ("Before.\n\n```\nnever closed\n", ["Before."]),
        ("Intro.\n\n    indented code\n    more code\n\nOutro.", ["Intro.", "Outro."]),
        ("Tab.\n\n\tcode\nText.", ["Tab.", "Text."]),
        ("- item\n\n    continues the item.", ["item", "continues the item."]),
        ("1. first\n2. second\n   continued", ["first", "second\n   continued"]),
        ("# Summit in *July* #\n", ["Summit in *July*"]),
        ("Title\n=====\n\nBody.", ["Title", "Body."]),
        ("> Quoted `x` line\n> and more.", ["Quoted ", " line\n> and more."]),
        ("Call `kim()` now.", ["Call ", " now."]),
        ("Use ``a ` b`` here.", ["Use ", " here."]),
        ("A `lone backtick stays.", ["A `lone backtick stays."]),
        (
            "A `code\n\nspan` cannot cross paragraphs.",
            ["A `code", "span` cannot cross paragraphs."],
        ),
        ("Read [the report](https://example.org/r) today.", ["Read [the report]", " today."]),
        ('See [it](https://en.wikipedia.org/wiki/A_(b) "T").', ["See [it]", "."]),
        ("See [it][ref] and [ref].\n\n[ref]: https://example.org/r", ["See [it]", " and [ref]."]),
        ("See https://example.org/a?b=1. Then stop.", ["See ", ". Then stop."]),
        ("(via www.example.org/news) and <https://example.org/x>.", ["(via ", ") and ", "."]),
        ("An ![photo of the June summit](a.png) here.", ["An ", " here."]),
        ("Kim <!-- check the title --> met Moon.", ["Kim ", " met Moon."]),
        ('Kim <span class="x">met</span> Moon.', ["Kim ", "met", " Moon."]),
        ("Kim met Moon.\n<!--\nnote\n-->\nThe end.", ["Kim met Moon.", "The end."]),
        ("<div>\nHTML block in July\n</div>\n\nAfter.", ["After."]),
        ("AT&amp;T \\*not emphasis\\*.", ["AT&amp;T \\*not emphasis\\*."]),
        (
            "| Date | Event \\| note |\n|---|---|\n| July | summit |",
            ["Date", "Event \\| note", "July", "summit"],
        ),
        ("***\n\nText ~~struck~~ here.", ["Text ~~struck~~ here."]),
        ("Line one  \nline two\\\nline three", ["Line one  \nline two\\\nline three"]),
        ("Carriage\rreturn lines\r\rNext.", ["Carriage\rreturn lines", "Next."]),
        ("```\nall code\n```", []),
    ],
)
def test_markdown_regions(source: str, expected: list[str]) -> None:
    assert _regions(load_document("story.md", source.encode())) == expected


def test_markdown_region_offsets_are_exact() -> None:
    source = "---\ndate: 2019-02-09\n---\r\nSee `x` and https://a.org/b.\r\n\r\n> Then *this*.\r\n"
    doc = load_document("story.md", source.encode())
    see, then = source.index("See"), source.index("Then")
    assert doc.regions == (
        Span(see, see + 4),
        Span(see + 7, see + 12),
        Span(see + 27, see + 28),
        Span(then, then + 12),
    )


MARKDOWN_ARTICLE = """\
---
date: 2019-02-09
---
# Envoy upbeat on talks

The envoy recalled `the summit in Singapore in July` in his notes.

```text
Their first historic summit in Singapore in July was quoted here.
```

    Their first historic summit in Singapore in July, indented.

> Their first historic summit in Singapore in July set the tone.
"""


def test_markdown_code_is_not_checked_and_the_body_finding_is_placed(checker: Checker) -> None:
    report = checker.check(load_document("envoy.md", MARKDOWN_ARTICLE.encode()))
    assert _found(report) == [("event-date", "July", (14, 47), (14, 51))]
    assert report.findings[0].span == Span(308, 312)


# --- HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p>Kim<b>Jong</b> met\n     Moon.</p>", "KimJong met Moon."),
        ("<h1>Head</h1>Body<br>next <div>block</div>", "Head\n\nBody\nnext\n\nblock"),
        ("<li>a</li><li>b</li>", "a\n\nb"),
        ("<td>July</td><td>summit</td>", "July\n\nsummit"),
        (
            "Kim&rsquo;s 1950&ndash;53 AT&amp;T &#8220;x&#x201D; &nosuch; a&nbsp;b",
            "Kim’s 1950–53 AT&T “x” &nosuch; a\xa0b",
        ),
        ("<head><title>T</title></head><body>Body</body>", "Body"),
        ("<head><title>T</title><body>Unclosed head</body>", "Unclosed head"),
        (
            "<nav>Menu</nav><header>Site</header><p>Text</p><aside>Ad</aside><footer>F</footer>",
            "Text",
        ),
        ("<p>A<script>var x = '<p>July</p>';</script>B<style>p{}</style></p>", "AB"),
        ("<form><label>Name</label><input></form><noscript>JS</noscript>Text", "Text"),
        ("<p>x <!-- a comment --> y</p>", "x y"),
        ("<p>x <img src=a.png alt='July'> y</p>", "x y"),
        ("Unclosed <nav>menu", "Unclosed"),
        ("a < b and c &", "a < b and c &"),
        ("", ""),
    ],
)
def test_html_prose(source: str, text: str) -> None:
    assert load_document("page.html", source.encode()).text == text


@pytest.mark.parametrize(
    ("source", "regions"),
    [
        (
            "<p>Call <code>kim()</code> now.</p><pre>July\n1950</pre><p>End.</p>",
            ["Call ", " now.", "End."],
        ),
        (
            "<p>See https://example.org/a. Then <kbd>Ctrl</kbd> stop.</p>",
            ["See ", ". Then ", " stop."],
        ),
        ("<p>One.</p>\n\n<p>Two.</p>", ["One.", "Two."]),
    ],
)
def test_html_regions(source: str, regions: list[str]) -> None:
    assert _regions(load_document("page.htm", source.encode())) == regions


def test_html_offsets_map_to_the_file() -> None:
    source = "<p>Kim&rsquo;s\r\n  <b>envoy</b></p>"
    doc = load_document("page.html", source.encode())
    assert doc.text == "Kim’s envoy"
    assert doc.view is not None
    assert [doc.view.span(Span(i, i + 1)) for i in range(len(doc.text))] == [
        Span(3, 4),
        Span(4, 5),
        Span(5, 6),
        Span(6, 13),
        Span(13, 14),
        Span(14, 15),
        Span(21, 22),
        Span(22, 23),
        Span(23, 24),
        Span(24, 25),
        Span(25, 26),
    ]
    assert doc.position(doc.text.index("envoy")) == (2, 6)
    shown = doc.in_file()
    assert shown.text == "   Kim’      s\r\n     envoy        "
    assert shown.regions == (Span(3, 26),)
    assert shown.view is None


@pytest.mark.parametrize(
    ("head", "published", "origin"),
    [
        (
            '<meta property="article:published_time" content="2019-02-09T12:14:00+09:00">',
            dt.date(2019, 2, 9),
            "metadata",
        ),
        ('<meta name="date" content="2019-02-09">', dt.date(2019, 2, 9), "metadata"),
        ('<meta itemprop="datePublished" content="2019-02-09">', dt.date(2019, 2, 9), "metadata"),
        ('<meta name="date" content="2019-02-30">', None, None),
        ('<meta name="keywords" content="2019-02-09">', None, None),
        (
            '<meta name="date" content="2019-02-01">'
            '<meta property="article:published_time" content="2019-02-09">',
            dt.date(2019, 2, 9),
            "metadata",
        ),
        ("", None, None),
    ],
)
def test_html_publication_date(head: str, published: dt.date | None, origin: str | None) -> None:
    source = f"<html><head>{head}</head><body><p>Text.</p></body></html>"
    doc = load_document("page.html", source.encode())
    assert (doc.published, doc.published_source) == (published, origin)


def test_html_time_element_and_dateline() -> None:
    timed = load_document("a.html", b'<p>By Lee <time pubdate datetime="2019-02-09">Sat</time></p>')
    dateline = load_document("b.html", b"<p>Published: Feb. 9, 2019</p><p>Text.</p>")
    assert (timed.published, timed.published_source) == (dt.date(2019, 2, 9), "metadata")
    assert (dateline.published, dateline.published_source) == (dt.date(2019, 2, 9), "dateline")


HTML_ARTICLE = """\
<!DOCTYPE html>
<html>
<head><title>Summit in July</title>
<meta property="article:published_time" content="2019-02-09T12:14:00+09:00"></head>
<body>
<nav>The summit in Singapore in July</nav>
<script>const s = "their first historic summit in Singapore in July";</script>
<article>
  <p>Their first historic summit in <a href="/sg">Singapore</a>
     in <em>July</em> set the tone, Kim&rsquo;s envoy said.</p>
</article>
</body>
</html>
"""


def test_html_finding_is_placed_in_the_source(checker: Checker) -> None:
    report = checker.check(load_document("envoy.html", HTML_ARTICLE.encode()))
    assert _found(report) == [("event-date", "July", (10, 13), (10, 17))]
    (finding,) = report.findings
    assert finding.found == "July"
    assert HTML_ARTICLE[finding.span.start : finding.span.end] == "July"
    assert len(report.document.text) == len(HTML_ARTICLE)
    claims = {r.claim.span.text(HTML_ARTICLE) for r in report.results}
    assert claims == {"first", "Singapore", "July"}


def test_html_entities_and_inline_tags_do_not_break_values(checker: Checker) -> None:
    source = "<p>The <strong>Feb. 27&ndash;28</strong> summit in Hanoi was their second.</p>"
    report = checker.check(load_document("a.html", source.encode(), dt.date(2019, 3, 1)))
    assert report.findings == ()
    dates = [r for r in report.results if r.claim.attribute == "date"]
    assert [(r.claim.span, r.verdict.value) for r in dates] == [(Span(15, 31), "supported")]
    assert source[15:31] == "Feb. 27&ndash;28"


# --- directives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "a.md",
            "Intro.\n\n<!-- factcheck-ignore event-date: the release says July -->\n"
            "Held in July.\n",
            [
                (
                    "<!-- factcheck-ignore event-date: the release says July -->",
                    ("event-date",),
                    "the release says July",
                    "Held in July.",
                )
            ],
        ),
        (
            "a.md",
            "<!-- factcheck-ignore event-date, person-title:\n  two rules -->\n\n"
            "- one\n- two\n\nAfter.",
            [
                (
                    "<!-- factcheck-ignore event-date, person-title:\n  two rules -->",
                    ("event-date", "person-title"),
                    "two rules",
                    "- one\n- two",
                )
            ],
        ),
        (
            "a.md",
            "Text <!-- factcheck-ignore event-date: inline --> here.\n\nNext one.",
            [
                (
                    "<!-- factcheck-ignore event-date: inline -->",
                    ("event-date",),
                    "inline",
                    "Next one.",
                )
            ],
        ),
        (
            "a.md",
            "<!-- factcheck-ignore event-date -->\nText.",
            [("<!-- factcheck-ignore event-date -->", ("event-date",), "", "Text.")],
        ),
        (
            "a.md",
            "Text.\n\n<!-- factcheck-ignore event-date: last -->\n",
            [("<!-- factcheck-ignore event-date: last -->", ("event-date",), "last", None)],
        ),
        ("a.md", "```\n<!-- factcheck-ignore event-date: in code -->\n```\nText.", []),
        ("a.md", "<!-- factcheck-ignored: not ours -->\n<!-- a note -->\nText.", []),
        (
            "a.html",
            "<p>One.</p><!-- factcheck-ignore event-date: checked --><p>Two <b>x</b>.</p>",
            [
                (
                    "<!-- factcheck-ignore event-date: checked -->",
                    ("event-date",),
                    "checked",
                    "Two <b>x</b>.",
                )
            ],
        ),
        (
            "a.html",
            "<p><!-- factcheck-ignore event-date: at the start -->Held in July.</p>",
            [
                (
                    "<!-- factcheck-ignore event-date: at the start -->",
                    ("event-date",),
                    "at the start",
                    "Held in July.",
                )
            ],
        ),
        (
            "a.txt",
            "Held in July. factcheck-ignore[event-date]: the release says July  \nNext.",
            [
                (
                    "factcheck-ignore[event-date]: the release says July  ",
                    ("event-date",),
                    "the release says July",
                    "Held in July. factcheck-ignore[event-date]: the release says July  ",
                )
            ],
        ),
        (
            "a.txt",
            "Held in July. factcheck-ignore[event-date]\r\n",
            [
                (
                    "factcheck-ignore[event-date]",
                    ("event-date",),
                    "",
                    "Held in July. factcheck-ignore[event-date]",
                )
            ],
        ),
        ("a.txt", "Held in July. factcheck-ignore event-date: brackets needed\n", []),
        (
            "a.txt",
            "In July. factcheck-ignore[event-date] as quoted\n",
            [
                (
                    "factcheck-ignore[event-date] as quoted",
                    ("event-date",),
                    "as quoted",
                    "In July. factcheck-ignore[event-date] as quoted",
                )
            ],
        ),
    ],
)
def test_directives(
    path: str,
    source: str,
    expected: list[tuple[str, tuple[str, ...], str, str | None]],
) -> None:
    doc = load_document(path, source.encode())
    got = [
        (
            d.span.text(source),
            d.rules,
            d.reason,
            d.target.text(source) if d.target is not None else None,
        )
        for d in doc.directives
    ]
    assert got == expected
    assert all(isinstance(d, Directive) for d in doc.directives)


# --- properties ---------------------------------------------------------------------------

_HTML_FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<b>",
        "</b>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<code>",
        "</code>",
        "<!--",
        "-->",
        "&amp;",
        "&rsquo;",
        "&#8211;",
        "&#x;",
        "&",
        "<",
        ">",
        "<!DOCTYPE html>",
        "<?xml?>",
        "<![CDATA[x]]>",
        "<a href='x'>",
        "</a>",
        "\n",
        "\r\n",
        "\r",
        " ",
        "Kim",
        "July",
        ".",
        "é",
        "\x01",  # (a NUL would make the file binary: skipped before markup is read)
        "<head>",
        "<body>",
        "https://x.org/",
        "<td>",
    ]
)


@settings(max_examples=400)
@given(parts=st.lists(_HTML_FRAGMENTS, max_size=40))
def test_html_view_always_maps_into_the_file(parts: list[str]) -> None:
    source = "".join(parts)
    doc = load_document("page.html", source.encode("utf-8"))
    assert doc.view is not None
    shown = doc.in_file()
    assert len(shown.text) == len(source)
    assert LineIndex(shown.text)._starts == LineIndex(source)._starts
    previous = 0
    for region in doc.regions:
        assert previous <= region.start < region.end <= len(doc.text)
        previous = region.end
        file_span = doc.view.span(region)
        assert 0 <= file_span.start < file_span.end <= len(source)
    for i in range(len(doc.text) - 1):
        assert doc.view.starts[i] <= doc.view.starts[i + 1]
        assert doc.view.ends[i] <= len(source)


_MARKDOWN_FRAGMENTS = st.sampled_from(
    [
        "```", "~~~", "    ", "\t", "`", "``", "<!--", "-->", "[a](", ")", "](", "![", "[", "]",
        "https://x.org/", "<http://a>", "\n", "\r\n", "\r", " ", "Kim", ".", "- ", "> ", "#", "|",
        "|---|", "\\", "&amp;", "*", "_", "~~", "<span>", "\x01", "1. ", "[r]: http://x", "é",
        "<!-- factcheck-ignore event-date: why -->",
    ]
)  # fmt: skip


@settings(max_examples=400)
@given(parts=st.lists(_MARKDOWN_FRAGMENTS, max_size=50))
def test_markdown_regions_and_directives_stay_in_order(parts: list[str]) -> None:
    source = "".join(parts)
    doc = load_document("story.md", source.encode("utf-8"))
    previous = 0
    for region in doc.regions:
        assert previous <= region.start < region.end <= len(source)
        previous = region.end
    for directive in doc.directives:
        assert directive.span.text(source).startswith("<!--")
        assert directive.target is None or directive.target.start >= directive.span.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Read WWW.EXAMPLE.ORG/news now.", ["WWW.EXAMPLE.ORG/news"]),
        ("See HTTPS://Example.org/x.", ["HTTPS://Example.org/x"]),
        ("Get Ftp://host/file, then stop.", ["Ftp://host/file"]),
        ("Odd a.www.b here", ["www.b"]),
        ("No address: the www is not one, nor is a colon.", []),
    ],
)
def test_bare_addresses(text: str, expected: list[str]) -> None:
    assert [span.text(text) for span in markup.urls(text, 0, len(text))] == expected


@given(st.text(st.sampled_from(list("wW.:/hHtTpPsfF x)İ")), max_size=40), st.data())
def test_addresses_are_the_patterns_matches(text: str, data: st.DataObject) -> None:
    # `urls` skips a text holding neither "://" nor "www." without running the pattern.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [
        Span(m.start(), markup._url_end(text, m)) for m in markup._URL.finditer(text, start, end)
    ]
    assert list(markup.urls(text, start, end)) == expected
