"""Token-trie phrase matching: finds known names in text, case-insensitively, on word boundaries.

A reference set can hold 100k names; a regex alternation of that size is
unusable, so names are split into word tokens and stored in a trie keyed by
case-folded tokens. Matching walks the text's tokens once (leftmost-longest),
then checks that the characters between matched tokens agree with the name's
own separators (``Kim Jong-un`` does not match ``Kim Jong un``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

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


class _Node(Generic[T]):
    __slots__ = ("children", "entries")

    def __init__(self) -> None:
        self.children: dict[str, _Node[T]] = {}
        self.entries: list[tuple[tuple[str, ...], str, T]] = []


class PhraseMatcher(Generic[T]):
    """Finds registered phrases in text; each phrase carries one or more payloads."""

    def __init__(self, phrases: Iterable[tuple[str, T]] = ()) -> None:
        self._root: _Node[T] = _Node()
        for phrase, payload in phrases:
            self.add(phrase, payload)

    def add(self, phrase: str, payload: T) -> None:
        """Register ``phrase`` (ignored if it has no word characters) for ``payload``."""
        tokens = [m for m in TOKEN.finditer(phrase)]
        if not tokens:
            return
        seps = tuple(_separator(phrase[a.end() : b.start()]) for a, b in itertools.pairwise(tokens))
        node = self._root
        for tok in tokens:
            node = node.children.setdefault(fold(tok.group()), _Node())
        node.entries.append((seps, phrase, payload))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        """Yield leftmost-longest, non-overlapping matches within ``text[start:end]``."""
        stop = len(text) if end is None else end
        tokens = list(TOKEN.finditer(text, start, stop))
        i = 0
        while i < len(tokens):
            best: tuple[int, list[tuple[tuple[str, ...], str, T]]] | None = None
            node = self._root
            j = i
            while j < len(tokens):
                child = node.children.get(fold(tokens[j].group()))
                if child is None:
                    break
                node = child
                if node.entries:
                    ok = [
                        e for e in node.entries if self._separators_agree(text, tokens, i, j, e[0])
                    ]
                    if ok:
                        best = (j, ok)
                j += 1
            if best is None:
                i += 1
                continue
            j, entries = best
            span = Span(tokens[i].start(), tokens[j].end())
            yield Match(span, entries[0][1], tuple(e[2] for e in entries))
            i = j + 1

    @staticmethod
    def _separators_agree(
        text: str, tokens: list[re.Match[str]], i: int, j: int, seps: tuple[str, ...]
    ) -> bool:
        for k, sep in enumerate(seps):
            a, b = tokens[i + k], tokens[i + k + 1]
            if _separator(text[a.end() : b.start()]) != sep:
                return False
        return True
