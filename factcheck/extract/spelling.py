"""Finds capitalised names one small typo away from a known person's name ("Stephen Beigun").

A candidate is two or three capitalised words that are not a known name. It
is reported only when exactly one known name of the same length in words
differs from it in a single word, by at most one edit (two for words of
eight letters or more), and the other words match exactly. Names in the
reference set themselves never get here: the name matcher claims them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from factcheck.extract.phrases import fold
from factcheck.values import Span

_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*\.?)+")
_WORD = re.compile(r"[A-Z][\w'’-]*\.?")


@dataclass(frozen=True, slots=True)
class NearMiss:
    """Words that look like a misspelling of one known name."""

    span: Span
    entity: str
    name: str


class NameSpeller:
    """Indexes person names by their words so near misses are found without a full scan."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._known: set[tuple[str, ...]] = set()
        self._by_word: dict[tuple[int, int, str], list[tuple[tuple[str, ...], str, str]]] = {}
        for name, entity in names:
            words = tuple(_norm(w) for w in name.split())
            if len(words) < 2:
                continue
            self._known.add(words)
            # a near miss shares all words but one, so it shares at least one indexed word
            for j, w in enumerate(words):
                self._by_word.setdefault((len(words), j, w), []).append((words, name, entity))

    def find(self, text: str, start: int, end: int, taken: list[Span]) -> Iterator[NearMiss]:
        """Yield near misses in ``text[start:end]`` that overlap none of ``taken``."""
        for run in _RUN.finditer(text, start, end):
            words = list(_WORD.finditer(text, run.start(), run.end()))
            i = 0
            while i < len(words):
                hit = self._window(text, words, i, taken)
                if hit is None:
                    i += 1
                    continue
                yield hit[0]
                i += hit[1]

    def _window(
        self, text: str, words: list[re.Match[str]], i: int, taken: list[Span]
    ) -> tuple[NearMiss, int] | None:
        """Return the near miss starting at word ``i`` (longest first) and its length in words."""
        for n in (3, 2):
            if i + n > len(words):
                continue
            last = words[i + n - 1]
            stop = last.end() - (len(last.group()) > 2 and last.group().endswith("."))
            span = Span(words[i].start(), stop)
            if any(span.overlaps(t) for t in taken):
                continue
            key = tuple(_norm(w.group()) for w in words[i : i + n])
            if key in self._known:
                return None
            hits = set(self._candidates(key))
            if len(hits) == 1:
                name, entity = hits.pop()
                return NearMiss(span, entity, name), n
        return None

    def _candidates(self, words: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        for j, w in enumerate(words):
            for known, name, entity in self._by_word.get((len(words), j, w), ()):
                diff = [k for k in range(len(words)) if known[k] != words[k]]
                if len(diff) != 1:
                    continue
                a, b = words[diff[0]], known[diff[0]]
                if min(len(a), len(b)) < 4:
                    continue
                if edit_distance(a, b) <= (2 if len(b) >= 8 else 1):
                    yield name, entity


def _norm(word: str) -> str:
    """Return a word's comparison form; a full stop is kept only on an initial ("E.")."""
    w = fold(word)
    return w if len(w) <= 2 else w.rstrip(".")


def edit_distance(a: str, b: str) -> int:
    """Return the optimal-string-alignment distance (adjacent swaps count as one edit)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
