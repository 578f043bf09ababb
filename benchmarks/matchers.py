"""Compare factcheck's token-dict phrase matcher with Aho-Corasick (ahocorasick-rs) on names.

    python3 -m pip install ahocorasick-rs   # only for this comparison
    python3 benchmarks/matchers.py

Both find N generated names (case-insensitively, whole words, leftmost-longest)
in about 1 MB of generated news text, for N = 1k, 10k and 100k. The automaton
is asked for all overlapping matches, which are then filtered to word
boundaries and the leftmost-longest choice, as LIBRARIES.md advises; its text
is case-folded first. Printed: build time, matching speed and the number of
matches each finds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import generate
from factcheck.extract import phrases
from factcheck.extract.phrases import PhraseMatcher


def _corpus(size: int) -> str:
    return "\n\n".join(a.text for a in generate.articles(generate.world(1000), size))


def _names(n: int) -> list[str]:
    w = generate.world(n)
    return [e.name for e in w.order]


def ours(names: list[str], text: str) -> tuple[float, float, int]:
    """Return build seconds, matching seconds and matches for the token-dict matcher."""
    start = time.perf_counter()
    matcher: PhraseMatcher[int] = PhraseMatcher((name, i) for i, name in enumerate(names))
    built = time.perf_counter()
    phrases._MEMO.key = None  # tokenizing the text is part of the work measured
    found = sum(1 for _ in matcher.finditer(text))
    return built - start, time.perf_counter() - built, found


def automaton(names: list[str], text: str) -> tuple[float, float, int] | None:
    """Return the same figures for ahocorasick-rs, or None when it is not installed."""
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    start = time.perf_counter()
    ac = ahocorasick_rs.AhoCorasick([n.casefold() for n in names])
    built = time.perf_counter()
    folded = text.casefold()  # generated text is ASCII: offsets do not move
    found = 0
    after = 0
    hits = sorted(ac.find_matches_as_indexes(folded, overlapping=True), key=lambda h: (h[1], -h[2]))
    for _, a, b in hits:
        if a < after:
            continue
        if (a and folded[a - 1].isalnum()) or (b < len(folded) and folded[b].isalnum()):
            continue
        found += 1
        after = b
    return built - start, time.perf_counter() - built, found


def main() -> None:
    """Print one row per matcher and reference size."""
    text = _corpus(1_000_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"text: {megabytes:.2f} MB\n")
    print("| names | matcher | build | match | MB/s | matches |")
    print("|---:|---|---:|---:|---:|---:|")
    for n in (1000, 10_000, 100_000):
        names = _names(n)
        for label, figures in (
            ("token dict", ours(names, text)),
            ("ahocorasick-rs", automaton(names, text)),
        ):
            if figures is None:
                print(f"| {n:,} | {label} | not installed | | | |")
                continue
            build, match, found = figures
            print(
                f"| {n:,} | {label} | {build:.2f} s | {match:.2f} s | "
                f"{megabytes / match:.1f} | {found:,} |"
            )


if __name__ == "__main__":
    main()
