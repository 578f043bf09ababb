"""Phrase matching: finds known names in text, case-insensitively, on word boundaries.

A reference set can hold 100k names; a regex alternation of that size is
unusable. Names are split into word tokens and stored in one dict keyed by
their case-folded tokens, with a second dict giving, for each first token, the
most tokens a phrase starting with it has. Matching walks the text's tokens
once: a token that starts no phrase costs one dict lookup, so time grows with
the text and not with the number of names (leftmost-longest, non-overlapping).
The characters between matched tokens must agree with the name's own
separators (``Kim Jong-un`` does not match ``Kim Jong un``).

The tables are plain dicts, lists and tuples, so a built matcher pickles and
unpickles quickly (see `factcheck.cache`). The text's tokens are computed once
per span and shared by every matcher asked about the same span.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

from factcheck.values import Span

T = TypeVar("T")

TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Return the comparison form of a word: case-folded, typographic quotes and dashes plain."""
    return text.translate(_QUOTES).casefold()


def _separator(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTES))


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """One occurrence of a known phrase: where it is, and what it was registered for."""

    span: Span
    phrase: str
    payloads: tuple[T, ...]


# The phrases registered under one key that share their separators: the separators, the
# first phrase as written, and the payloads (a list while phrases are added, then a tuple
# shared by every match).
_Group: TypeAlias = tuple[tuple[str, ...], str, "list[T] | tuple[T, ...]"]
# A span's tokens: their starts, their ends and their folded forms.
_Tokens: TypeAlias = tuple[list[int], list[int], list[str]]


class _TokenMemo(threading.local):
    """The tokens of the span tokenized last (in this thread), shared by the matchers.

    The folded words come first; where each token starts and ends is found only when a
    matcher needs it, as most sentences hold no word that starts a phrase.
    """

    def __init__(self) -> None:
        self.key: tuple[str, int, int] | None = None
        self.words: list[str] = []
        self.bounds: tuple[list[int], list[int]] | None = None


_MEMO = _TokenMemo()
_SEPARATORS: dict[tuple[str, ...], tuple[str, ...]] = {}


def words(text: str, start: int, stop: int) -> list[str]:
    """Return the folded word tokens of ``text[start:stop]`` (shared with the matchers)."""
    key = _MEMO.key
    if key is not None and key[0] is text and key[1] == start and key[2] == stop:
        return _MEMO.words
    folded = text[start:stop].translate(_QUOTES).casefold()
    if folded.isascii():
        # No character folded into ASCII changes between word and non-word (tested for
        # every code point), so the folded text's tokens are the folded tokens.
        found = TOKEN.findall(folded)
        bounds = None
    else:
        matches = list(TOKEN.finditer(text, start, stop))
        bounds = [m.start() for m in matches], [m.end() for m in matches]
        if len(folded) == stop - start:
            # Folding kept every character one character, so offsets carry over.
            found = [folded[a - start : b - start] for a, b in zip(*bounds, strict=True)]
        else:  # a character such as "ß" folded into two
            found = [fold(m.group()) for m in matches]
    _MEMO.key = (text, start, stop)
    _MEMO.words = found
    _MEMO.bounds = bounds
    return found


def _tokens(text: str, start: int, stop: int) -> _Tokens:
    """Return the tokens of ``text[start:stop]``, reusing the last result for the same span."""
    found = words(text, start, stop)
    bounds = _MEMO.bounds
    if bounds is None:
        matches = list(TOKEN.finditer(text, start, stop))
        bounds = _MEMO.bounds = [m.start() for m in matches], [m.end() for m in matches]
    return bounds[0], bounds[1], found


class PhraseMatcher(Generic[T]):
    """Finds registered phrases in text; each phrase carries one or more payloads."""

    def __init__(self, phrases: Iterable[tuple[str, T]] = ()) -> None:
        # Folded tokens joined by one space (tokens hold no spaces) -> the group of phrases
        # with those tokens, or a list of groups when they differ in their separators.
        self._phrases: dict[str, _Group[T] | list[_Group[T]]] = {}
        # Folded first token -> the most tokens of a phrase that starts with it.
        self._longest: dict[str, int] = {}
        for phrase, payload in phrases:
            self.add(phrase, payload)

    def add(self, phrase: str, payload: T) -> None:
        """Register ``phrase`` (ignored if it has no word characters) for ``payload``."""
        tokens = list(TOKEN.finditer(phrase))
        if not tokens:
            return
        gaps = (_separator(phrase[a.end() : b.start()]) for a, b in itertools.pairwise(tokens))
        seps = tuple(gaps)
        seps = _SEPARATORS.setdefault(seps, seps)  # one shared tuple: smaller when pickled
        words = [fold(t.group()) for t in tokens]
        if self._longest.get(words[0], 0) < len(words):
            self._longest[words[0]] = len(words)
        key = " ".join(words)
        found = self._phrases.get(key)
        groups = [] if found is None else found if isinstance(found, list) else [found]
        for i, (known, first, payloads) in enumerate(groups):
            if known == seps:
                groups[i] = (known, first, [*payloads, payload])
                break
        else:
            groups.append((seps, phrase, [payload]))
        self._phrases[key] = groups[0] if len(groups) == 1 else groups

    def starts_in(self, words: Iterable[str]) -> bool:
        """Tell whether any of ``words`` (folded, as `words` gives them) starts a phrase."""
        return not self._longest.keys().isdisjoint(words)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        """Yield leftmost-longest, non-overlapping matches within ``text[start:end]``."""
        stop = len(text) if end is None else end
        tokens = words(text, start, stop)
        if not self.starts_in(tokens):
            return  # most sentences name no title, trigger or place: one set test says so
        phrases, longest = self._phrases, self._longest
        n = len(tokens)
        bounds: tuple[list[int], list[int], list[str]] | None = None
        after = 0  # the first token not yet inside a match
        for i in [i for i, w in enumerate(tokens) if w in longest]:
            if i < after:
                continue
            for k in range(min(longest[tokens[i]], n - i), 0, -1):
                key = " ".join(tokens[i : i + k]) if k > 1 else tokens[i]
                groups = phrases.get(key)
                if groups is None:
                    continue  # no phrase has these words: the bounds are not needed yet
                if bounds is None:
                    bounds = _tokens(text, start, stop)
                starts, ends, _ = bounds
                found = self._agreeing(key, groups, text, starts, ends, i)
                if found is not None:
                    yield Match(Span(starts[i], ends[i + k - 1]), found[1], found[2])
                    after = i + k
                    break

    def _agreeing(
        self,
        key: str,
        found: _Group[T] | list[_Group[T]],
        text: str,
        starts: list[int],
        ends: list[int],
        i: int,
    ) -> tuple[tuple[str, ...], str, tuple[T, ...]] | None:
        """Return the group of ``found`` (under ``key``) whose separators follow token ``i``."""
        groups = found if isinstance(found, list) else [found]
        for index, (seps, phrase, payloads) in enumerate(groups):
            for k, sep in enumerate(seps):
                gap = text[ends[i + k] : starts[i + k + 1]]
                if gap != sep and _separator(gap) != sep:
                    break
            else:
                if isinstance(payloads, list):
                    # Frozen once, then every match shares the tuple (a title can have
                    # thousands of holders).
                    payloads = tuple(payloads)
                    groups[index] = (seps, phrase, payloads)
                    self._phrases[key] = groups[0] if len(groups) == 1 else groups
                return seps, phrase, payloads
        return None
