"""Loads an article: decodes it, reads its publication date, and marks the parts to check."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from factcheck import markup
from factcheck.errors import FactcheckError, Problem
from factcheck.values import LineIndex, Span

if TYPE_CHECKING:
    import yaml

    from factcheck.markup.html import HtmlProse

# Byte order marks and the encodings they announce. UTF-32's come first: UTF-32LE's mark
# begins with UTF-16LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Larger than any article: a file that never ends (a link to /dev/zero) is refused, not read.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")

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


@dataclass(frozen=True)
class Document:
    """One article as decoded text, with its publication date and the regions to check.

    ``published_source`` says where ``published`` came from: "option", "front matter",
    "metadata" (HTML ``<meta>``) or "dateline" (None when the date is unknown). ``regions`` are
    sorted, non-overlapping spans of ``text`` holding prose: front matter, Markdown code, HTML
    comments and URLs are left out.

    For HTML, ``text`` is the prose taken out of the markup and ``view`` maps it onto the
    file: `position` always answers in the file's lines and columns, and `in_file` returns the
    same document with ``text`` the same length as the file. ``directives`` are the article's
    ``factcheck-ignore`` directives, located in the file.
    """

    path: str
    text: str
    published: dt.date | None
    published_source: str | None
    regions: tuple[Span, ...]
    view: markup.View | None = field(default=None, repr=False)
    directives: tuple[markup.Directive, ...] = ()
    lines: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shown = self.text if self.view is None else self.view.file_text
        object.__setattr__(self, "lines", LineIndex(shown))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` in the file of the character at ``offset``."""
        if self.view is not None:
            offset = self.view.offset(offset)
        return self.lines.position(offset)

    def in_file(self) -> Document:
        """Return this document with ``text`` and ``regions`` in the file's offsets."""
        if self.view is None:
            return self
        return replace(
            self,
            text=self.view.file_text,
            regions=tuple(self.view.span(r) for r in self.regions),
            view=None,
        )


def text_encoding(name: str) -> str:
    """Return the codec name of ``name`` if Python decodes text with it, else raise ValueError."""
    try:
        codec = codecs.lookup(name).name
        b"a".decode(codec)  # a text encoding: "base64" and the like are refused too
    except LookupError:
        raise ValueError(
            f'"{name}" is not a text encoding Python knows (e.g. utf-8, cp1252, latin-1)'
        ) from None
    except UnicodeError:
        pass  # a text encoding in which one byte alone means nothing (UTF-16)
    return codec


def decode(data: bytes, path: str, encoding: str = "utf-8") -> str:
    """Decode an article's bytes: as ``encoding``, or as the encoding a byte order mark names.

    The mark is dropped. Decoding fails at the first byte not valid in the encoding, and at a
    NUL character: a text file has none, so the file is binary (or UTF-16 without a mark) and
    is skipped.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8" or b"\x00" not in data:
            before = data[: exc.start].decode(encoding, "replace")
            label = encoding.upper().removesuffix("-LE").removesuffix("-BE")
            message = f"not valid {label} (byte 0x{data[exc.start]:02x})"
            raise _problem(path, before, len(before), message) from None
        text = data.decode(encoding, "replace")  # a NUL byte tells more than a bad byte does
    nul = text.find("\x00")
    if nul >= 0:
        message = "NUL byte: a binary file (or UTF-16 without a byte order mark); skipped"
        raise _problem(path, text[:nul], nul, message)
    return text


def load_document(
    path: str, data: bytes | None = None, date: dt.date | None = None, encoding: str = "utf-8"
) -> Document:
    """Build the document for ``path``, reading the file unless its bytes are given.

    Bytes without a byte order mark are decoded as ``encoding`` (see `decode`).
    """
    if data is None:
        data = _read(path)
    text = decode(data, path, encoding)
    kind = path.lower()
    if kind.endswith(_HTML_SUFFIXES):
        return _html_document(path, text, date)
    markdown = kind.endswith(_MARKDOWN_SUFFIXES)
    body, front_date = _front_matter(text, path, strict=markdown)
    if markdown:
        regions, directives = markdown_prose(text, body)
    else:
        regions, directives = _text_regions(text, body)
    published, source = _published(date, (front_date, "front matter"), text[body:])
    return Document(path, text, published, source, tuple(regions), None, tuple(directives))


def _html_document(path: str, source: str, date: dt.date | None) -> Document:
    """Build the document for an HTML page: its prose, mapped back onto the file."""
    prose = html_prose(source)
    published, origin = _published(date, (prose.published, "metadata"), prose.text)
    return Document(
        path, prose.text, published, origin, prose.regions, prose.view, prose.directives
    )


# The markup readers are imported when first needed: a plain-text article needs neither,
# and markdown-it alone takes some 20 ms to import.


def markdown_prose(text: str, start: int) -> tuple[list[Span], list[markup.Directive]]:
    """Return the prose regions and directives of Markdown ``text`` after ``start``."""
    from factcheck.markup import markdown

    return markdown.markdown_prose(text, start)


def html_prose(source: str) -> HtmlProse:
    """Return the prose of an HTML page, mapped back onto the file."""
    from factcheck.markup import html

    return html.html_prose(source)


def _published(
    option: dt.date | None, stated: tuple[dt.date | None, str], body: str
) -> tuple[dt.date | None, str | None]:
    """Return the publication date and where it came from: the option, the file, a dateline."""
    if option is not None:
        return option, "option"
    if stated[0] is not None:
        return stated
    found = detect_dateline(body)
    return found, "dateline" if found is not None else None


def _read(path: str) -> bytes:
    """Return the bytes of the file at ``path``, or fail with a problem that says what to do."""
    if os.path.isdir(path):
        message = "is a directory, not a file; pass the article files inside it"
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_ARTICLE_BYTES + 1)
            if len(data) <= MAX_ARTICLE_BYTES:
                return data
            message = f"more than {MAX_ARTICLE_BYTES >> 20} MB: too large for an article; skipped"
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
    import yaml  # only for a file with front matter
    from yaml.reader import ReaderError

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
    import yaml

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


def _text_regions(text: str, start: int) -> tuple[list[Span], list[markup.Directive]]:
    """Return the plain-text regions from ``start`` (all but URLs and directives) and directives."""
    directives = markup.line_directives(text, start, len(text))
    excluded = [*markup.urls(text, start, len(text)), *(d.span for d in directives)]
    return markup.complement(text, start, len(text), sorted(excluded)), directives
