"""Finds ordinals in news copy ("first", "twenty-first", "21st"), leaving dates and idioms alone.

An ordinal places an event in a series ("their second summit"), which the
``ordinal`` attribute checks. The same words also name days of the month
("February 4th", "the 4th of July"), which belong to the date extractor, and
appear in idioms that count nothing ("at first", "first of all", "first lady",
"second-hand") or as fractions ("a third of the votes", "one-fifth"); none of
those are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.grammar import MONTH_NAME, alternation
from factcheck.values import Span

_UNIT_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS = _UNIT_ORDINALS | {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip


_FLAGS = re.IGNORECASE | re.VERBOSE
# Not after a hyphen: "one-third" is a fraction, and "twenty-first" is read from "twenty".
# The look-ahead on the first letter is only for speed.
_ORDINAL = re.compile(
    rf"""
    (?=[0-9efhnst])(?<![\w.,-])
    (?:
        (?P<tens>{alternation(_TENS)})-(?P<unit>{alternation(_UNIT_ORDINALS)})
      | (?P<word>{alternation(_ORDINAL_WORDS)})
      | (?P<digits>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{1,9}})(?P<suffix>st|nd|rd|th)
    )
    (?!\w)
    """,
    _FLAGS,
)
# Month names are matched case-sensitively: "may" and "march" are verbs.
_BEFORE = re.compile(
    rf"""
    (?:
        (?-i:\b{MONTH_NAME})\.?\s+(?:the\s+)?          # "February 4th", "June the 4th"
      | \b(?:{alternation(_TENS)})\s+              # "twenty first": 21, or 20 firsts?
      | \b(?P<at>at)\s+                            # "at first"
      | \b(?P<fraction>a|one|per|split)\s+         # "a third of", "a second."
    )\Z
    """,
    _FLAGS,
)
_AFTER = re.compile(
    rf"""
      \s+(?:of\s+)?(?-i:{MONTH_NAME}\b)              # "4th of July", "4th July"
    | \s+of\s+all\b | \s+and\s+foremost\b        # "first of all", "first and foremost"
    | \s+lad(?:y|ies)\b                          # "first lady"
    | -(?:hand|class|rate|guess|degree|party|person)\b
    """,
    _FLAGS,
)
# After "a"/"one" an ordinal word is a fraction or a moment unless a noun follows it
# ("a second summit"); "of" does not count as that noun ("a third of the votes").
_NOUN_AFTER = re.compile(r"\s+(?!of\b)[^\W\d_]", re.IGNORECASE)

_LOOKBACK = 16  # "September the " is the longest context looked back at


@dataclass(frozen=True, slots=True)
class OrdinalMention:
    """One ordinal stated in the text: where it is and the position in a series it names."""

    span: Span
    value: int


def find_ordinals(text: str, start: int = 0, end: int | None = None) -> list[OrdinalMention]:
    """Return the ordinals in ``text[start:end]``, in order, skipping dates and idioms."""
    end = len(text) if end is None else min(end, len(text))
    found: list[OrdinalMention] = []
    for match in _ORDINAL.finditer(text, start, end):
        value = _value(match)
        if value is not None and not _excluded(text, match, value, start, end):
            found.append(OrdinalMention(Span(match.start(), match.end()), value))
    return found


def _value(match: re.Match[str]) -> int | None:
    """Return the number an ordinal match names, or None for a bad suffix ("1th", "12st")."""
    if match["tens"]:
        return _TENS[match["tens"].lower()] + _UNIT_ORDINALS[match["unit"].lower()]
    if match["word"]:
        return _ORDINAL_WORDS[match["word"].lower()]
    value = int(match["digits"].replace(",", ""))
    suffix = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10)
    return value if match["suffix"].lower() == (suffix or "th") else None


def _excluded(text: str, match: re.Match[str], value: int, start: int, end: int) -> bool:
    """Tell whether an ordinal is a day of the month, part of an idiom, or a fraction."""
    if _AFTER.match(text, match.end(), end):
        return True
    before = _BEFORE.search(text, max(start, match.start() - _LOOKBACK), match.start())
    if before is None:
        return False
    if before["at"]:
        return value == 1
    if before["fraction"]:
        return match["digits"] is None and not _NOUN_AFTER.match(text, match.end(), end)
    return True
