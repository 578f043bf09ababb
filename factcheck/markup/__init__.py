"""Reads marked-up articles: which parts are prose, and the ``factcheck-ignore`` directives.

Markdown (`factcheck.markup.markdown`) is checked in place: its regions are
spans of the file itself. HTML (`factcheck.markup.html`) is checked through a
`View`: the prose with tags dropped and character references decoded, which
maps each of its characters back to the file, so findings are reported where
they are in the source.
"""

from __future__ import annotations

import array
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.values import Span

# "factcheck-ignore event-date, person-title: the archive disagrees" inside an HTML comment.
_COMMENT_DIRECTIVE = re.compile(
    r"\s*factcheck-ignore(?![\w-])(?P<rules>[^:]*)(?::(?P<reason>.*))?", re.S
)
# "... factcheck-ignore[event-date]: the archive disagrees" ending a line of plain text.
_LINE_DIRECTIVE = re.compile(
    r"factcheck-ignore\[(?P<rules>[^\]\r\n]*)\][^\S\r\n]*:?(?P<reason>[^\r\n]*)"
)
_RULE_SEPARATORS = re.compile(r"[\s,]+")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"`]+", re.I)
_URL_TRAILING = ".,:;!?'\"*_]"


@dataclass(frozen=True, slots=True)
class Directive:
    """A ``factcheck-ignore`` directive: the rules it silences, why, and the text it covers.

    ``span`` is the directive itself and ``target`` what it covers (the next paragraph, or its
    own line in plain text), both as offsets into the file; ``target`` is None when nothing
    follows the directive. ``reason`` is empty when none was written.
    """

    span: Span
    rules: tuple[str, ...]
    reason: str
    target: Span | None


@dataclass(frozen=True, eq=True)
class View:
    """How a document's text (prose taken out of markup) lies in the file it came from.

    ``file_text`` is the file as readers see it, the same length as the file with the same
    line breaks: tags blanked, character references replaced by their character and padding.
    ``starts[i]``/``ends[i]`` are the file offsets the text's character ``i`` came from.
    """

    file_text: str
    starts: array.array[int]
    ends: array.array[int]

    def offset(self, offset: int) -> int:
        """Return the file offset of the text offset ``offset`` (its end: after the last char)."""
        if offset < len(self.starts):
            return self.starts[offset]
        return self.ends[-1] if self.ends else 0

    def span(self, span: Span) -> Span:
        """Return the file span a span of the text came from."""
        if span.start == span.end:
            at = self.offset(span.start)
            return Span(at, at)
        return Span(self.starts[span.start], self.ends[span.end - 1])


def comment_directive(body: str, span: Span, target: Span | None) -> Directive | None:
    """Read the directive in an HTML comment's ``body`` (between ``<!--`` and ``-->``), if any."""
    match = _COMMENT_DIRECTIVE.match(body)
    if match is None:
        return None
    return _directive(span, match["rules"], match["reason"], target)


def line_directives(text: str, start: int, end: int) -> list[Directive]:
    """Return the ``factcheck-ignore[rule]: reason`` directives ending lines of plain text."""
    out: list[Directive] = []
    for match in _LINE_DIRECTIVE.finditer(text, start, end):
        line_start = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start()))
        target = Span(line_start + 1, match.end())
        out.append(_directive(Span(*match.span()), match["rules"], match["reason"], target))
    return out


def _directive(span: Span, rules: str, reason: str | None, target: Span | None) -> Directive:
    names = tuple(r for r in _RULE_SEPARATORS.split(rules) if r)
    return Directive(span, names, _SPACES.sub(" ", reason or "").strip(), target)


def urls(text: str, start: int, end: int) -> Iterable[Span]:
    """Yield the bare web addresses in ``text[start:end]``, trailing punctuation left out."""
    chunk = text[start:end]
    if "://" not in chunk and "www." not in chunk.lower():
        return  # every address holds one; the pattern, which starts at "\b", would try each place
    for match in _URL.finditer(text, start, end):
        yield Span(match.start(), _url_end(text, match))


def _url_end(text: str, match: re.Match[str]) -> int:
    """Return where a URL match really ends: trailing punctuation and unbalanced ``)`` dropped."""
    start, end = match.span()
    unbalanced = text.count(")", start, end) - text.count("(", start, end)
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAILING:
            end -= 1
        elif last == ")" and unbalanced > 0:
            end -= 1
            unbalanced -= 1
        else:
            break
    return end


def complement(text: str, start: int, end: int, excluded: Iterable[Span]) -> list[Span]:
    """Return the non-blank parts of ``[start, end)`` outside the ``excluded`` spans.

    ``excluded`` must be sorted by start; its spans may overlap.
    """
    kept: list[Span] = []
    pos = start
    for span in [*excluded, Span(end, end)]:
        stop = min(span.start, end)
        if stop > pos and not text[pos:stop].isspace():
            kept.append(Span(pos, stop))
        pos = max(pos, span.end)
        if pos >= end:
            break
    return kept
