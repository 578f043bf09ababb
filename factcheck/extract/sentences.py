"""Splits news text into sentences and sentences into clauses, as spans of the source text.

Sentence splitting is biased against splitting: a missed split only joins two sentences,
while a false one ("Gen. | Vincent Brooks") cuts a title from its name.
"""

from __future__ import annotations

import re

from factcheck.values import Span

# Words ending in "." that do not end a sentence even before a capital or a digit; single
# initials and dotted initialisms ("E.", "U.S.", "a.m.", "e.g.") are recognised by shape.
# "etc." is left out on purpose: it ends a sentence whenever a capital follows.
# fmt: off
_ABBREVIATIONS = frozenset({
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Rev.", "Hon.",
    "Gen.", "Gens.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Brig.",
    "Sgt.", "Cpl.", "Pvt.", "Rep.", "Reps.", "Sen.", "Sens.", "Gov.", "Pres.",
    "Amb.", "Sec.", "Supt.", "Det.", "Insp.", "Atty.",
    "St.", "Mt.", "Ft.", "Ave.", "Blvd.", "Jr.", "Sr.", "No.", "Nos.", "Vol.", "Vols.",
    "pp.", "Fig.", "Dept.", "Univ.", "Ph.D.", "vs.", "Inc.", "Co.", "Corp.", "Ltd.", "Bros.",
    "approx.", "est.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
})
# fmt: on
# A sentence ends after each match, unless a "stop" is not followed by a new sentence: the
# alternatives are sentence-ending punctuation, blank lines, a line break before a bullet,
# list item or heading, and a whole heading line.
_BOUNDARY_FORMS = (
    r"(?P<stop>[.!?…]+[\"'”’»)\]]*)"
    r"|(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+"
    r"|(?:\r\n|\r|\n)(?=[ \t]*(?:[•·▪●◦‣*+\-]|\d{1,2}[.)])[ \t])"
    r"|(?:\r\n|\r|\n)(?=[ \t]{0,3}#{1,6}(?:[ \t\r\n]|\Z))"
    r"|(?<![^\r\n])[ \t]{0,3}#{1,6}(?:[ \t][^\r\n]*)?(?=[\r\n])"
)
# The same forms behind the characters any of them can start with: the heading form's
# lookbehind would otherwise have the regex engine try every form at every character
# (2.4 times as slow); with it, the engine skips to the next such character.
_BOUNDARY = re.compile(rf"(?=[.!?…\r\n \t#])(?:{_BOUNDARY_FORMS})")
_LIST_NUMBER = re.compile(r"\d{1,2}\.")
_INITIALS = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)*")
_QUOTES = "\"'“‘«"
_OPENERS = _QUOTES + "(["
_LONGEST_ABBREVIATION = 12
# No sentence is longer: a run of text with no sentence end (a 20 MB line, a list with no
# full stop) is cut at whitespace into pieces of at most this many characters, so that the
# work done per sentence, quadratic in places, stays bounded and the whole stays linear.
MAX_SENTENCE = 2000
_LAST_SPACE = re.compile(r".*\s", re.S)
_CLAUSE_BREAK = re.compile(
    r";|,(?=\s+(?:but|while|whereas|although|though|because)\b(?!\s+also\b))"
    r"|(?<=\s)(?=but\b(?!\s+also\b))"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the sentences of ``text[start:end]`` as trimmed, non-empty spans in order.

    A blank line, a heading line and a line starting with a bullet or list marker always
    start a new sentence; any other line break (hard-wrapped text) does not. A sentence
    longer than `MAX_SENTENCE` characters is cut into pieces at whitespace.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"bad range {start}..{end} for a text of {len(text)} characters")
    sentences: list[Span] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, stop):
        if match.lastgroup == "stop" and not _ends_sentence(text, match, stop):
            continue
        _append_sentence(sentences, text, sentence_start, match.end())
        sentence_start = match.end()
    _append_sentence(sentences, text, sentence_start, stop)
    return sentences


def _append_sentence(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append the sentence ``[start, end)``, cut at whitespace if it exceeds `MAX_SENTENCE`."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        # The last whitespace in the window's second half, so that each piece is long.
        space = _LAST_SPACE.match(text, start + MAX_SENTENCE // 2, limit)
        cut = space.end() if space is not None else limit
        _append_trimmed(spans, text, start, cut)
        start = cut
    _append_trimmed(spans, text, start, end)


def _ends_sentence(text: str, match: re.Match[str], end: int) -> bool:
    """Tell whether the punctuation ``match`` ends a sentence (the range ends at ``end``)."""
    after = match.end()
    nxt = after
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt in (after, end):
        return False
    following = text[nxt]
    if not (following.isupper() or following.isdigit() or following in _QUOTES):
        return False
    if match.group() != ".":
        return True
    return not _is_abbreviation(text, match.start())


def _is_abbreviation(text: str, period: int) -> bool:
    """Tell whether the period at ``period`` closes an abbreviation or a list number ("2.")."""
    word_start = period
    limit = period - _LONGEST_ABBREVIATION
    while word_start > 0 and not text[word_start - 1].isspace():
        if word_start == limit:
            return False
        word_start -= 1
    word = text[word_start : period + 1].lstrip(_OPENERS)
    if word in _ABBREVIATIONS or _INITIALS.fullmatch(word) is not None:
        return True
    return _LIST_NUMBER.fullmatch(word) is not None and _starts_line(text, word_start)


def _starts_line(text: str, position: int) -> bool:
    """Tell whether only spaces and tabs lie between the start of its line and ``position``."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] in "\r\n"


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append ``[start, end)`` to ``spans`` without its surrounding whitespace, unless blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Return the clauses of ``sentence`` as trimmed spans that cover it in order.

    A clause ends at a semicolon, before "but" (", but", " but ", except "but also"), and at
    a comma before "while", "whereas", "although", "though" or "because". Other commas
    (appositives, dates, lists) do not split.
    """
    if sentence.end > len(text):
        raise ValueError(f"span {sentence.start}..{sentence.end} is outside the text")
    clauses: list[Span] = []
    clause_start = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        _append_trimmed(clauses, text, clause_start, match.end())
        clause_start = match.end()
    _append_trimmed(clauses, text, clause_start, sentence.end)
    return clauses
