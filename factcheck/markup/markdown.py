"""Finds the prose of a Markdown article with markdown-it-py, as exact spans of the source.

markdown-it gives block tokens with line numbers, but the inline tokens inside a block
(text, code spans, links) carry no offsets. Each block's inline tokens are therefore found
again in the block's source lines, in order, by what they were written as: text by its
characters, code spans by their backtick runs, links by their brackets and destination.
Everything outside the inline content of paragraphs, headings and table cells is left out:
code blocks, HTML blocks, link reference definitions, thematic breaks and front matter.
Inside it, code spans, link destinations, autolinks, images, inline HTML and bare URLs are
left out too. A block whose tokens cannot be found again is checked only up to that point:
leaving text unchecked is safer than checking the wrong text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from factcheck.markup import Directive, comment_directive, complement, urls
from factcheck.values import Span

_EOL = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# An inline link's destination and title, "(https://example.org "Title")".
_LINK_DEST = re.compile(
    r"\(\s*(?:<[^<>\r\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]{0,300}\"|'[^']{0,300}'|\([^()]{0,300}\)))?\s*\)"
)
# What markdown-it rewrote in a token's text: line endings, NUL, and "\|" inside table cells.
_REWRITTEN = {"\n": r"(?:\r\n|\r|\n)", "\ufffd": "[\x00\ufffd]", "|": r"\\?\|"}
_EMPHASIS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})


@functools.cache
def _parser() -> MarkdownIt:
    """Return the CommonMark parser with tables and strikethrough, escapes kept as tokens."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")


def markdown_prose(text: str, start: int) -> tuple[list[Span], list[Directive]]:
    """Return the prose regions of the Markdown in ``text[start:]`` and its directives."""
    lines = _Lines(text, start)
    tokens = _parser().parse(text[start:])
    regions: list[Span] = []
    directives: list[Directive] = []
    targets = _Targets(tokens, lines)
    cursor = start
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = lines.start(token.map[0]), lines.end(token.map[1] - 1)
        if token.type == "inline":
            walk = _Walk(text, lines, max(cursor, first), last)
            walk.tokens(token.children or [])
            regions += walk.regions()
            cursor = walk.pos
            comments = walk.comments
        elif token.type == "html_block":
            comments = _comments(text, first, last)
        else:
            continue
        for span, body in comments:
            target = targets.below(index, lines.line(span.end - 1))
            directive = comment_directive(body, span, target)
            if directive is not None:
                directives.append(directive)
    return regions, directives


def _comments(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """Return the HTML comments in ``text[start:end]`` with their bodies.

    Searched for by hand: a regular expression would look for the end of every ``<!--``
    after an unclosed one, which takes quadratic time.
    """
    found: list[tuple[Span, str]] = []
    pos = start
    while (opening := text.find("<!--", pos, end)) >= 0:
        closing = text.find("-->", opening + 4, end)
        if closing < 0:
            break
        found.append((Span(opening, closing + 3), text[opening + 4 : closing]))
        pos = closing + 3
    return found


class _Targets:
    """Finds the block a directive covers: the first block after its token, below its line.

    Directives are met in document order, token and line only ever growing, so one position
    moving forward answers them all: however many directives, the tokens are read once.
    """

    def __init__(self, tokens: Sequence[Token], lines: _Lines) -> None:
        self.tokens = tokens
        self.lines = lines
        self.pos = 0

    def below(self, index: int, after: int) -> Span | None:
        """Return the source lines of the first block after token ``index`` below line ``after``."""
        self.pos = max(self.pos, index + 1)
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if not (
                token.map is None or token.nesting < 0 or token.type in ("inline", "html_block")
            ) and (token.map[0] > after):
                start, end = self.lines.start(token.map[0]), self.lines.end(token.map[1] - 1)
                while end > start and self.lines.text[end - 1].isspace():
                    end -= 1  # a list's lines end with the blank line after it
                return Span(start, end)
            self.pos += 1
        return None


class _Lines:
    """Where markdown-it's lines (numbered from the parsed start) begin and end in the text."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.starts = [start]
        self.ends: list[int] = []
        for eol in _EOL.finditer(text, start):
            self.ends.append(eol.start())
            self.starts.append(eol.end())
        self.ends.append(len(text))

    def start(self, line: int) -> int:
        """Return the offset where ``line`` begins."""
        return self.starts[min(line, len(self.starts) - 1)]

    def end(self, line: int) -> int:
        """Return the offset where ``line``'s content ends (before its line break)."""
        return self.ends[min(line, len(self.ends) - 1)]

    def line(self, offset: int) -> int:
        """Return the number of the line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def next_start(self, offset: int) -> int:
        """Return where the line after the one holding ``offset`` begins."""
        return self.start(self.line(offset) + 1)


class _Walk:
    """Finds one block's inline tokens in its source, left to right, from ``pos`` to ``limit``."""

    def __init__(self, text: str, lines: _Lines, pos: int, limit: int) -> None:
        self.text = text
        self.lines = lines
        self.pos = pos
        self.limit = limit
        self.first: int | None = None
        self.excluded: list[Span] = []
        self.comments: list[tuple[Span, str]] = []

    def regions(self) -> list[Span]:
        """Return the block's prose: from its first token to the last one found, less exclusions."""
        if self.first is None:
            return []
        return complement(self.text, self.first, self.pos, sorted(self.excluded))

    def tokens(self, children: Sequence[Token]) -> bool:
        """Find ``children`` in order; return False (and stop) at the first that is not found."""
        autolink = False
        for token in children:
            if autolink:
                autolink = token.type != "link_close"
            elif token.type == "link_open" and token.markup == "autolink":
                autolink = True
                if not self._excluded_until("<", ">"):
                    return False
            elif not self._token(token):
                return False
        return True

    def _token(self, token: Token) -> bool:
        kind = token.type
        if kind == "text":
            found = self._find(token.content)
            if found is not None:
                self.excluded += urls(self.text, found.start, found.end)
        elif kind in ("softbreak", "hardbreak"):
            self.pos = min(self.lines.next_start(self.pos), self.limit)
            return True
        elif kind == "code_inline":
            return self._code(len(token.markup))
        elif kind == "html_inline":
            found = self._find(token.content)
            if found is not None:
                self.excluded.append(found)
                comment = _COMMENT.fullmatch(self.text, found.start, found.end)
                if comment is not None:
                    self.comments.append((found, comment[1]))
        elif kind == "image":
            return self._image(token)
        elif kind == "link_open" or kind in _EMPHASIS or kind == "text_special":
            found = self._find("[" if kind == "link_open" else token.markup)
        elif kind == "link_close":
            found = self._find("]")
            if found is not None:
                self._destination()
        else:
            return True  # a token kind with no source of its own
        return found is not None

    def _find(self, written: str) -> Span | None:
        """Find ``written`` from ``pos`` and move past it."""
        at = self.text.find(written, self.pos, self.limit)
        if at >= 0:
            found = Span(at, at + len(written))
        else:
            pattern = "".join(_REWRITTEN.get(c) or re.escape(c) for c in written)
            match = re.compile(pattern).search(self.text, self.pos, self.limit)
            if match is None:
                return None
            found = Span(*match.span())
        if self.first is None:
            self.first = found.start
        self.pos = found.end
        return found

    def _excluded_until(self, opening: str, closing: str) -> bool:
        """Leave out everything from the next ``opening`` to the ``closing`` after it."""
        found = self._find(opening)
        end = -1 if found is None else self.text.find(closing, found.end, self.limit)
        if found is None or end < 0:
            return False
        self.excluded.append(Span(found.start, end + len(closing)))
        self.pos = end + len(closing)
        return True

    def _code(self, ticks: int) -> bool:
        """Leave out a code span: a run of ``ticks`` backticks to the next run of as many."""
        run = re.compile(rf"(?<!`)`{{{ticks}}}(?!`)")
        opening = run.search(self.text, self.pos, self.limit)
        closing = None if opening is None else run.search(self.text, opening.end(), self.limit)
        if opening is None or closing is None:
            return False
        if self.first is None:
            self.first = opening.start()
        self.excluded.append(Span(opening.start(), closing.end()))
        self.pos = closing.end()
        return True

    def _image(self, token: Token) -> bool:
        """Leave out an image: ``![alt](source)``, its alt text walked like a link's text."""
        found = self._find("![")
        if found is None or not self.tokens(token.children or []) or self._find("]") is None:
            return False
        self._destination()
        self.excluded.append(Span(found.start, self.pos))
        return True

    def _destination(self) -> None:
        """Leave out the ``(destination "title")`` or ``[label]`` that follows a link's text."""
        if self.text.startswith("(", self.pos):
            match = _LINK_DEST.match(self.text, self.pos, self.limit)
            end = match.end() if match is not None else _closing_paren(self.text, self.pos)
        elif self.text.startswith("[", self.pos):
            end = self.text.find("]", self.pos, self.limit) + 1
        else:
            return
        if self.pos < end <= self.limit:
            self.excluded.append(Span(self.pos, end))
            self.pos = end


def _closing_paren(text: str, start: int) -> int:
    """Return the offset just past the parenthesis that closes the one at ``start`` (-1: none)."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1
