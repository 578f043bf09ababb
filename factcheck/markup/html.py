"""Reads the prose of an HTML article with the standard library's HTML parser.

The prose is the text a reader sees, taken out of the markup: tags dropped,
character references decoded (``&rsquo;`` is ``’``), whitespace collapsed as a
browser does, and a blank line wherever a block element (``p``, ``li``,
``h2``, ``td``…) opens or closes, so blocks never run into one sentence.
What a reader of the article does not read is left out: the document head,
scripts, styles, navigation, page headers and footers, asides, forms and
embedded objects. Code (``code``, ``pre``, ``kbd``, ``samp``) and bare URLs are
kept in the text but are not checked. Every character of the prose records
the file offsets it came from (a `View`), so findings point into the file.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from factcheck.markup import Directive, View, comment_directive, complement, urls
from factcheck.values import Span


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split())


_HIDDEN = _names(
    "head script style nav header footer aside form noscript template svg math iframe object"
    " select button textarea canvas audio video"
)
_CODE = _names("code pre kbd samp")
_BLOCKS = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt"
    " fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li"
    " main menu nav ol p pre section summary table tbody td tfoot th thead title tr ul"
)
_VOID = _names("area base br col embed hr img input link meta param source track wbr")
_SPACE = " \t\n\r\f"  # HTML's whitespace; a no-break space is not among it
_LINE_BREAKS = re.compile(r"[^\r\n]")
# Metadata naming the publication date, best first.
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
)
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class HtmlProse:
    """An HTML article's prose, where it lies in the file, and what the markup says about it."""

    text: str
    regions: tuple[Span, ...]
    view: View
    directives: tuple[Directive, ...]
    published: dt.date | None  # from <meta> or <time> metadata


def html_prose(source: str) -> HtmlProse:
    """Return the prose of the HTML page ``source``, mapped back to it."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    return reader.result()


class _Reader(HTMLParser):
    """Turns parser events into the prose, its offsets in the file, and the file's display text.

    ``html.parser`` reports no offsets; it does move its position with ``updatepos(i, j)`` right
    after each construct it hands to a handler, so handlers queue their events and
    ``updatepos`` runs them with the construct's place in the file.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.pending: list[tuple[str, str, list[tuple[str, str | None]]]] = []
        self.chars: list[str] = []  # the prose, one character at a time
        self.starts = array.array("q")
        self.ends = array.array("q")
        self.display: list[str] = []  # the file with markup blanked, piece by piece
        self.shown = 0  # how much of the file ``display`` covers
        self.hidden: Counter[str] = Counter()  # open elements whose content nobody reads
        self.code = 0  # open code elements
        self.code_from = 0
        self.excluded: list[Span] = []
        self.gap = ""  # the break owed before the next visible character: "", "\n" or "\n\n"
        self.comments: list[tuple[Span, str]] = []
        self.dates: dict[str, dt.date] = {}

    # --- handlers: queue the event until updatepos says where it ends ----------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pending.append(("start", tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pending.append(("void", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.pending.append(("end", tag, []))

    def handle_data(self, data: str) -> None:
        self.pending.append(("data", "", []))

    def handle_entityref(self, name: str) -> None:
        self.pending.append(("reference", "", []))

    def handle_charref(self, name: str) -> None:
        self.pending.append(("reference", "", []))

    def handle_comment(self, data: str) -> None:
        self.pending.append(("comment", data, []))

    def close(self) -> None:
        """Finish the page: markup nothing ends (a tag, comment or quote left open) runs to the end.

        So browsers read it, and ``html.parser`` in Python releases fixed for CVE-2025-6069.
        Older ones read it as text up to the next ``>`` and try again after that, each time
        looking for its end through the rest of the file: ``<a b='`` repeated a hundred
        thousand times took hours.
        """
        rest = self.rawdata
        if len(rest) > 1 and rest.startswith("<") and not self.cdata_elem:
            if rest.startswith("<!--"):
                self.handle_comment(rest[4:])
                self.updatepos(0, len(rest))
            self.rawdata = ""
        super().close()

    def parse_html_declaration(self, i: int) -> int:
        """Parse ``<!...>``: a marked section ``html.parser`` cannot read is a comment.

        Older Python releases raise AssertionError on ``<![ x ]]>``; browsers read a comment
        up to the next ``>``.
        """
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def updatepos(self, i: int, j: int) -> int:
        base = len(self.source) - len(self.rawdata)
        start, end = base + i, base + j
        for kind, name, attrs in self.pending:
            self._event(kind, name, attrs, start, end)
        self.pending.clear()
        return super().updatepos(i, j)

    # --- events -----------------------------------------------------------------------------

    def _event(
        self, kind: str, name: str, attrs: list[tuple[str, str | None]], start: int, end: int
    ) -> None:
        if start < self.shown:
            return  # already laid out: the parser reported one construct twice
        self._blank(self.shown, start)  # text the parser dropped without an event
        raw = self.source[start:end]
        if kind == "data" and not self.hidden:
            self._text(raw, start, 1)
            self.display.append(raw)
        elif kind == "reference" and not self.hidden:
            self._reference(raw, start, end)
        else:
            if kind in ("start", "void"):
                self._open(name, dict(attrs), void=kind == "void" or name in _VOID)
            elif kind == "end":
                self._close(name)
            elif kind == "comment":
                self.comments.append((Span(start, end), name))
            self._blank(start, end)
        self.shown = end

    def _open(self, tag: str, attrs: dict[str, str | None], void: bool) -> None:
        self._date(tag, attrs)
        if tag == "body":
            del self.hidden["head"]  # an unclosed <head> ends where the body starts
        if tag in _BLOCKS:
            self.gap = "\n\n"
        elif tag == "br" and not self.gap:
            self.gap = "\n"
        if void:
            return
        if tag in _HIDDEN:
            self.hidden[tag] += 1
        elif tag in _CODE:
            if not self.code:
                self.code_from = len(self.chars)
            self.code += 1

    def _close(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.gap = "\n\n"
        if self.hidden[tag] > 0:
            self.hidden[tag] -= 1
            self.hidden += Counter()  # drop zero counts, so "not self.hidden" is the test
        elif tag in _CODE and self.code:
            self.code -= 1
            if not self.code:
                self.excluded.append(Span(self.code_from, len(self.chars)))

    def _reference(self, raw: str, start: int, end: int) -> None:
        decoded = html.unescape(raw)
        if decoded == raw:  # not a reference after all ("&nosuch;"): plain text
            self._text(raw, start, 1)
            self.display.append(raw)
            return
        self._text(decoded, start, end - start, whole=True)
        fits = len(decoded) <= end - start and not any(c in "\r\n" for c in decoded)
        self.display.append(decoded.ljust(end - start) if fits else " " * (end - start))

    def _text(self, text: str, start: int, width: int, whole: bool = False) -> None:
        """Add visible ``text`` to the prose; each character came from ``width`` file characters.

        With ``whole``, every character came from the whole ``[start, start + width)`` instead.
        """
        for i, char in enumerate(text):
            at = start if whole else start + i
            if char in _SPACE:
                if self.gap or not self.chars or self.chars[-1] == " ":
                    continue
                char = " "
            elif self.gap:
                if self.chars:
                    if self.chars[-1] == " ":
                        self._pop()
                    for c in self.gap:
                        self._put(c, at, at)
                self.gap = ""
            self._put(char, at, at + width)

    def _put(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def _pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def _blank(self, start: int, end: int) -> None:
        if start < end:
            self.display.append(_LINE_BREAKS.sub(" ", self.source[start:end]))

    def _date(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Note a publication date given by ``<meta>`` or ``<time>`` metadata."""
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            value = attrs.get("content")
        elif tag == "time" and ("pubdate" in attrs or attrs.get("itemprop") == "datePublished"):
            key, value = "datepublished", attrs.get("datetime")
        else:
            return
        match = _ISO_DATE.match(value or "")
        if key is None or key.lower() not in _DATE_KEYS or match is None:
            return
        try:
            found = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return
        self.dates.setdefault(key.lower(), found)

    # --- the result -------------------------------------------------------------------------

    def result(self) -> HtmlProse:
        """Return the prose with its regions, directives and metadata date."""
        self._blank(self.shown, len(self.source))
        if self.code:
            self.excluded.append(Span(self.code_from, len(self.chars)))
        if self.chars and self.chars[-1] == " ":
            self._pop()
        text = "".join(self.chars)
        view = View("".join(self.display), self.starts, self.ends)
        blocks = _blocks(text)
        # Code spans and blocks are in order, neither overlapping: found by bisection, as is
        # the block a directive covers, so that many of them take no more than linear time.
        code_ends = [s.end for s in self.excluded]
        regions: list[Span] = []
        for block in blocks:
            k = bisect.bisect_right(code_ends, block.start)
            excluded = []
            while k < len(self.excluded) and self.excluded[k].start < block.end:
                excluded.append(self.excluded[k])
                k += 1
            excluded += urls(text, block.start, block.end)
            regions += complement(text, block.start, block.end, sorted(excluded))
        block_starts = [view.starts[b.start] for b in blocks]
        directives = []
        for span, body in self.comments:
            k = bisect.bisect_left(block_starts, span.end)
            target = view.span(blocks[k]) if k < len(blocks) else None
            directive = comment_directive(body, span, target)
            if directive is not None:
                directives.append(directive)
        published = next((self.dates[k] for k in _DATE_KEYS if k in self.dates), None)
        return HtmlProse(text, tuple(regions), view, tuple(directives), published)


def _blocks(text: str) -> list[Span]:
    """Return the blocks of the prose: the stretches between blank lines."""
    blocks: list[Span] = []
    start = 0
    for gap in re.finditer("\n\n", text):
        if gap.start() > start:
            blocks.append(Span(start, gap.start()))
        start = gap.end()
    if len(text) > start:
        blocks.append(Span(start, len(text)))
    return blocks
