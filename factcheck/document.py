"""Loads an article: decodes it, reads its publication date, and marks the parts to check."""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml.reader import ReaderError

from factcheck.errors import FactcheckError, Problem
from factcheck.values import LineIndex, Span

_BOM = b"\xef\xbb\xbf"
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_EOL = re.compile(r"\r\n|\r|\n")

# --- front matter -------------------------------------------------------------------------

_FM_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_FM_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_FM_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?"
    r"[ \t]*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?)?"
)

# --- dateline -----------------------------------------------------------------------------

_DATELINE_LINES = 15
_DATELINE_CHARS = 1500
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+"
)
_DATE = (
    rf"(?:{_WEEKDAY})?"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})\.?,?\s+(?P<year2>\d{{4}})"
    r"|(?P<year3>\d{4})(?P<sep>[-/.])(?P<mon3>\d{1,2})(?P=sep)(?P<day3>\d{1,2}))\b"
)
_TIME = (
    r"(?:(?:T|\s*(?:[-–—|•·,@]|at)?\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?-i:[A-Z]{2,5})\b\)?))?)?"
)
_UPDATE_LABELS = frozenset({"updated", "modified"})
_ENTRY = re.compile(
    r"\b(?:(?P<label>first\s+published|last\s+updated|last\s+modified|published|updated"
    r"|posted|modified|released|created|dated|date)\s*(?:on|at)?\s*[:：]?\s*)?" + _DATE + _TIME,
    re.I,
)
# What may surround dateline entries on their line: decoration, separators, a byline.
_DECOR = r"[\s*_|•·∙▪‣◦>#\-–—,;:()\[\]/]*"
_GAP = re.compile(_DECOR)
_LEAD = re.compile(_DECOR + r"(?:By\s+[^\d|•·∙,\n]{1,80}" + _DECOR + r")?", re.I)
# "SEOUL, Feb. 9, 2019 (Yonhap) --" opens a wire story; the date needs its year to count.
_CITY_DATELINE = re.compile(
    r"[\s*_]*(?-i:[A-Z][A-Z.'\- ]{1,40})(?:,\s*[A-Za-z.]{2,15})?,\s*"
    + _DATE
    + r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–)",
    re.I,
)

# --- Markdown code, comments and links ----------------------------------------------------

_FENCE_OPEN = re.compile(r" {0,3}(?:(`{3,})[^`]*|(~{3,}).*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
_INDENTED = re.compile(r"(?: {0,3}\t| {4})")
_CONTENT_LINE = re.compile(r"(?<![^\r\n])[^\S\r\n]*\S[^\r\n]*")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_INLINE_START = re.compile(
    r"<!--|`+|\]\(|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:|\b(?:https?|ftp)://|\bwww\.", re.I
)
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")
_LINK_DEST = re.compile(
    r"\(\s*(?:<[^<>\r\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"\r\n]{0,300}\"|'[^'\r\n]{0,300}'|\([^()\r\n]{0,300}\)))?\s*\)"
)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>")
_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"`]+", re.I)
_URL_TRAILING = ".,:;!?'\"*_]"


@dataclass(frozen=True)
class Document:
    """One article as decoded text, with its publication date and the regions to check.

    ``published_source`` says where ``published`` came from: "option", "front matter" or
    "dateline" (None when the date is unknown). ``regions`` are sorted, non-overlapping spans
    of ``text`` holding prose: front matter, Markdown code, HTML comments and URLs are left out.
    """

    path: str
    text: str
    published: dt.date | None
    published_source: str | None
    regions: tuple[Span, ...]
    lines: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of the character at ``offset``."""
        return self.lines.position(offset)


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 bytes (a leading BOM is dropped), failing at the first bad byte."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line, column = LineIndex(before).position(len(before))
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            message += ": the file looks like UTF-16; save it as UTF-8"
        raise FactcheckError([Problem(path, line, column, message)]) from None


def load_document(path: str, data: bytes | None = None, date: dt.date | None = None) -> Document:
    """Build the document for ``path``, reading the file unless its bytes are given."""
    if data is None:
        data = _read(path)
    text = decode(data, path)
    markdown = path.lower().endswith(_MARKDOWN_SUFFIXES)
    body, front_date = _front_matter(text, path, strict=markdown)
    published: dt.date | None
    if date is not None:
        published, source = date, "option"
    elif front_date is not None:
        published, source = front_date, "front matter"
    else:
        published = detect_dateline(text[body:])
        source = "dateline"
    regions = _markdown_regions(text, body) if markdown else _text_regions(text, body)
    return Document(
        path=path,
        text=text,
        published=published,
        published_source=source if published is not None else None,
        regions=tuple(regions),
    )


def _read(path: str) -> bytes:
    """Return the bytes of the file at ``path``, or fail with a problem that says what to do."""
    if os.path.isdir(path):
        message = "is a directory, not a file; pass the article files inside it"
    else:
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            message = "file not found; check the path (use - to read standard input)"
        except PermissionError:
            message = "cannot read the file: permission denied; check its permissions"
        except OSError as exc:
            message = f"cannot read the file: {exc.strerror or exc}; check the path"
    raise FactcheckError([Problem(path, 1, 1, message)])


# --- front matter -------------------------------------------------------------------------


def _front_matter(text: str, path: str, strict: bool) -> tuple[int, dt.date | None]:
    """Return where the body starts after any YAML front matter, and the front matter's date.

    In Markdown (``strict``) an unclosed or malformed front matter is an error; in plain text
    a leading ``---`` block counts as front matter only when it is a closed YAML mapping.
    """
    opening = _FM_OPEN.match(text)
    if opening is None:
        return 0, None
    closing = _FM_CLOSE.search(text, opening.end())
    if closing is None:
        if strict:
            raise _problem(path, text, 0, "front matter is never closed; end it with a --- line")
        return 0, None
    source = text[opening.end() : closing.start()]
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        if not strict:
            return 0, None
        mark = exc.problem_mark or exc.context_mark
        offset = opening.end() + (mark.index if mark is not None else 0)
        raise _problem(
            path, text, offset, f"malformed YAML front matter: {exc.problem or 'cannot parse it'}"
        ) from None
    except ReaderError as exc:
        if not strict:
            return 0, None
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"malformed YAML front matter: character U+{code:04X} is not allowed"
        raise _problem(path, text, opening.end() + exc.position, message) from None
    except RecursionError:
        if not strict:
            return 0, None
        message = "malformed YAML front matter: nested too deeply"
        raise _problem(path, text, opening.end(), message) from None
    if root is None:
        return closing.end(), None
    if not isinstance(root, yaml.MappingNode):
        if not strict:
            return 0, None
        offset = opening.end() + root.start_mark.index
        raise _problem(path, text, offset, "front matter must be a YAML mapping (key: value)")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "date":
            return closing.end(), _front_date(value, text, path, opening.end())
    return closing.end(), None


def _front_date(node: yaml.Node, text: str, path: str, base: int) -> dt.date | None:
    """Read the front matter ``date:`` value (date, datetime or ``YYYY-MM-DD`` string)."""
    offset = base + node.start_mark.index
    if not isinstance(node, yaml.ScalarNode):
        raise _problem(path, text, offset, "front matter date must be a date like 2019-02-09")
    if node.tag == "tag:yaml.org,2002:null":
        return None
    match = _FM_DATE.fullmatch(node.value.strip())
    if match is None:
        message = f"front matter date {node.value!r} is not a date; write it as YYYY-MM-DD"
        raise _problem(path, text, offset, message)
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        message = f"front matter date {node.value!r} is not a real calendar date"
        raise _problem(path, text, offset, message) from None


def _problem(path: str, text: str, offset: int, message: str) -> FactcheckError:
    """Return the error for one problem at ``offset`` in the decoded ``text``."""
    line, column = LineIndex(text).position(offset)
    return FactcheckError([Problem(path, line, column, message)])


# --- dateline -----------------------------------------------------------------------------


def detect_dateline(text: str) -> dt.date | None:
    """Return the publication date stated by a dateline near the top of ``text``, if any.

    Only a line that is essentially a date counts: optionally labelled "Published" or
    "Updated", with a time, bullets, dashes or a byline around it, or a wire-story opening
    such as "SEOUL, Feb. 9, 2019 (Yonhap) --". A "Published" date wins over an "Updated" one.
    """
    head = text[:_DATELINE_CHARS]
    candidates = head.splitlines()
    if len(text) > _DATELINE_CHARS:
        candidates = candidates[:-1]  # the last line may be cut short
    updated: dt.date | None = None
    for line in [c for c in candidates if c.strip()][:_DATELINE_LINES]:
        for is_update, found in _line_dates(line):
            if not is_update:
                return found
            updated = updated or found
    return updated


def _line_dates(line: str) -> list[tuple[bool, dt.date]]:
    """Return ``(is_update, date)`` for each dateline entry when ``line`` is a dateline."""
    city = _CITY_DATELINE.match(line)
    if city is not None:
        found = _match_date(city)
        return [] if found is None else [(False, found)]
    entries = list(_ENTRY.finditer(line))
    if not entries or _LEAD.fullmatch(line, 0, entries[0].start()) is None:
        return []
    ends = [m.end() for m in entries]
    starts = [m.start() for m in entries[1:]] + [len(line)]
    if any(_GAP.fullmatch(line, a, b) is None for a, b in zip(ends, starts, strict=True)):
        return []
    result: list[tuple[bool, dt.date]] = []
    for entry in entries:
        found = _match_date(entry)
        if found is not None:
            label = (entry["label"] or "").lower().split()
            result.append((bool(label) and label[-1] in _UPDATE_LABELS, found))
    return result


def _match_date(match: re.Match[str]) -> dt.date | None:
    """Return the calendar date a ``_DATE`` match names, or None when it is not a real day."""
    if match["year"]:
        year, month, day = int(match["year"]), _MONTHS[match["mon"][:3].lower()], int(match["day"])
    elif match["year2"]:
        year, month = int(match["year2"]), _MONTHS[match["mon2"][:3].lower()]
        day = int(match["day2"])
    else:
        year, month, day = int(match["year3"]), int(match["mon3"]), int(match["day3"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- regions ------------------------------------------------------------------------------


def _text_regions(text: str, start: int) -> list[Span]:
    """Return the plain-text regions from ``start``: everything except URLs."""
    excluded = (Span(m.start(), _url_end(text, m)) for m in _URL.finditer(text, start))
    return _complement(text, start, len(text), excluded)


def _markdown_regions(text: str, start: int) -> list[Span]:
    """Return the Markdown regions from ``start``: prose outside code, comments and URLs."""
    regions: list[Span] = []
    prose = start
    for block in [*_code_blocks(text, start), Span(len(text), len(text))]:
        inline = _inline_exclusions(text, prose, block.start)
        regions += _complement(text, prose, block.start, inline)
        prose = block.end
    return regions


def _complement(text: str, start: int, end: int, excluded: Iterator[Span]) -> list[Span]:
    """Return the non-blank parts of ``[start, end)`` outside the sorted ``excluded`` spans."""
    kept: list[Span] = []
    pos = start
    for span in [*excluded, Span(end, end)]:
        if span.start > pos and not text[pos : span.start].isspace():
            kept.append(Span(pos, span.start))
        pos = max(pos, span.end)
    return kept


def _code_blocks(text: str, start: int) -> Iterator[Span]:
    """Yield the fenced and indented code blocks of Markdown ``text`` from ``start``, in order."""
    fence: tuple[str, int] | None = None  # fence character and length while inside a fence
    block_start = 0
    indented_end: int | None = None  # end of the last code line while inside an indented block
    previous_end: int | None = None  # where the previous non-blank line's content ended
    in_list = False
    for line in _CONTENT_LINE.finditer(text, start):
        ls, ce = line.span()
        eol = _EOL.match(text, ce)
        le = ce if eol is None else eol.end()
        after_blank = (
            previous_end is None or _PARAGRAPH_BREAK.search(text, previous_end, ls) is not None
        )
        previous_end = ce
        if fence is not None:
            close = _FENCE_CLOSE.fullmatch(text, ls, ce)
            if close and close[1][0] == fence[0] and len(close[1]) >= fence[1]:
                yield Span(block_start, le)
                fence = None
            continue
        indented = _INDENTED.match(text, ls, ce) is not None
        if indented_end is not None:
            if indented:
                indented_end = le
                continue
            yield Span(block_start, indented_end)
            indented_end = None
        opening = _FENCE_OPEN.fullmatch(text, ls, ce)
        if opening is not None:
            marker = opening[1] or opening[2]
            fence, block_start = (marker[0], len(marker)), ls
        elif indented and after_blank and not in_list:
            block_start, indented_end = ls, le
        else:
            in_list = _LIST_ITEM.match(text, ls, ce) is not None or (in_list and indented)
    if fence is not None:
        yield Span(block_start, len(text))
    elif indented_end is not None:
        yield Span(block_start, indented_end)


def _inline_exclusions(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield, in order, the code spans, HTML comments, link targets and URLs in a prose stretch.

    Code spans pair backtick runs of equal length within one paragraph; a run with no partner
    is literal text. Pairing looks up each run's next equal-length run, so the scan is linear.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
    partner: dict[int, tuple[int, int]] = {}
    following: dict[int, tuple[int, int]] = {}
    for run in reversed(runs):
        length = run[1] - run[0]
        if length in following:
            partner[run[0]] = following[length]
        following[length] = run
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    pos = start
    while (hit := _INLINE_START.search(text, pos, end)) is not None:
        at = hit.start()
        token = hit.group()
        stop = hit.end()
        if token == "<!--":
            close = text.find("-->", stop, end)
            stop = end if close < 0 else close + 3
            yield Span(at, stop)
        elif token.startswith("`"):
            closer = partner.get(at)
            if closer is not None and not _crosses(breaks, at, closer[0]):
                stop = closer[1]
                yield Span(at, stop)
        elif token == "](":
            dest = _LINK_DEST.match(text, at + 1, end)
            if dest is not None:
                stop = dest.end()
                yield Span(dest.start(), stop)
        elif token.startswith("<"):
            link = _AUTOLINK.match(text, at, end)
            if link is not None:
                stop = link.end()
                yield Span(at, stop)
        else:
            url = _URL.match(text, at, end)
            if url is not None:
                stop = _url_end(text, url)
                yield Span(at, stop)
        pos = stop


def _crosses(breaks: list[int], start: int, end: int) -> bool:
    """Tell whether a paragraph break (a blank line) lies between ``start`` and ``end``."""
    i = bisect.bisect_left(breaks, start)
    return i < len(breaks) and breaks[i] < end


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
