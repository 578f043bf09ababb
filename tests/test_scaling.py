"""Every extractor, and the whole checker, does linear work: ten times the text, ten times the time.

Each row repeats an adversarial piece of text (the shapes a regular expression or a scan
might backtrack on, or a loop might compare pairwise) to a length where one run takes a
few milliseconds, then to ten times that length, and compares the processor time of the
two, the least of three runs each. Linear work gives a ratio near 10, quadratic near 100;
the bound, 25, leaves room for noise without letting a quadratic through.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable

import pytest

from factcheck.document import load_document
from factcheck.extract.dates import find_dates
from factcheck.extract.mentions import Lexicon
from factcheck.extract.numbers import find_numbers
from factcheck.extract.ordinals import find_ordinals
from factcheck.extract.sentences import split_clauses, split_sentences
from factcheck.reference.loader import load_reference
from factcheck.values import Span
from tests.conftest import SAMPLE_FACTS, make_runner

FEB_9 = dt.date(2019, 2, 9)
BOUND = 25  # the most the time may grow when the text grows tenfold
BASE_SECONDS = 0.003  # the shorter text is made long enough to take at least this long
MAX_BASE_CHARS = 100_000

LEXICON = Lexicon(load_reference([SAMPLE_FACTS]))
CHECK = make_runner(SAMPLE_FACTS, FEB_9)


def _mentions(text: str) -> object:
    """Find the mentions of every sentence, as the claim builder does."""
    recent: dict[str, str] = {}
    return [LEXICON.find(text, s, recent) for s in split_sentences(text)]


def _document(suffix: str) -> Callable[[str], object]:
    """Return a function loading a text as an article with this suffix (markup read)."""
    return lambda text: load_document("story" + suffix, text.encode("utf-8"), FEB_9)


EXTRACTORS: dict[str, Callable[[str], object]] = {
    "dates": lambda text: find_dates(text, FEB_9),
    "numbers": find_numbers,
    "ordinals": find_ordinals,
    "sentences": split_sentences,
    "clauses": lambda text: split_clauses(text, Span(0, len(text))),
    "mentions": _mentions,
    "checker": CHECK,
    "markdown": _document(".md"),
    "html": _document(".html"),
}

CAPITALS = "Kim Jong Un Moon Jae In Park Geun Hye Singapore Hanoi "
# fmt: off
ROWS = [
    ("dates", "Feb. 27-28 "), ("dates", "June "), ("dates", "Feb. 27-"), ("dates", "1 1 1 "),
    ("dates", "late this month, "), ("dates", "the 1950s and "),
    ("numbers", "1 1 1 "), ("numbers", "1,000,"), ("numbers", "about 5 per cent "),
    ("numbers", "$1.5 billion "), ("numbers", "12:30 "),
    ("ordinals", "21st "), ("ordinals", "the second "), ("ordinals", "Feb. 27-28 "),
    ("sentences", "a. "), ("sentences", "U.S. "), ("sentences", "Dr. Kim "),
    ("sentences", "... "), ("sentences", "x"),
    ("clauses", "; "), ("clauses", ", but "), ("clauses", "a b c "),
    ("mentions", CAPITALS), ("mentions", "Singapore summit "), ("mentions", "U.S. "),
    ("mentions", "President "),
    ("checker", "Feb. 27-28 "), ("checker", "1 1 1 "), ("checker", "June "),
    ("checker", CAPITALS), ("checker", "Singapore summit "), ("checker", "President Kim "),
    ("checker", "the second summit in Hanoi on Feb. 27, "), ("checker", "a. "),
    ("markdown", "<!--"), ("markdown", "<!-- note -->\n"), ("markdown", "[a]("),
    ("markdown", "*a "), ("markdown", "`` "),
    ("html", "<!--"), ("html", "<a b='"), ("html", "<!--x>"), ("html", "<p>a</p><!--x-->"),
    ("html", "&amp;"), ("html", "<div>"),
]
# fmt: on


def _seconds(run: Callable[[str], object], text: str, runs: int = 3) -> float:
    """Return the least processor time of ``runs`` runs of ``run`` on ``text``."""
    best = float("inf")
    for _ in range(runs):
        gc.disable()  # a collection would be charged to whichever run it fell in
        try:
            start = time.process_time()
            run(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize(("extractor", "piece"), ROWS, ids=[f"{e}-{p!r}" for e, p in ROWS])
def test_ten_times_the_text_takes_about_ten_times_as_long(extractor: str, piece: str) -> None:
    run = EXTRACTORS[extractor]
    chars = 500
    while chars < MAX_BASE_CHARS and _seconds(run, piece * (chars // len(piece)), 1) < BASE_SECONDS:
        chars *= 2
    base = _seconds(run, piece * (chars // len(piece)))
    tenfold = _seconds(run, piece * (10 * chars // len(piece)))
    assert tenfold < BOUND * max(base, BASE_SECONDS / 4), (
        f"{chars} characters took {base * 1000:.1f} ms, ten times as many {tenfold * 1000:.1f} ms"
    )
