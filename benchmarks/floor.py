"""Time the least a one-pass extractor must do per document, in CPython: a floor for throughput.

    python3 benchmarks/floor.py          # the dense and the news corpora, 1 MB each

Each row adds a stage to the one before and prints the MB/s of article text: reading and
decoding with the prose regions found; splitting sentences; tokenizing and folding each
sentence and looking its words up among the first words of every name, title, trigger and
place; scanning for the anchors the date grammar starts at and for ordinals, in the
sentences where a word starts a name or a trigger noun or a weekday is written (checking
runs the date grammar and ordinals only in sentences that name an entity or a weekday).
Nothing is extracted or judged, so checking can only be slower than the last row. It reads
factcheck's internal tables and patterns (`PhraseMatcher._longest`, `dates._ANCHORS`,
`ordinals._ORDINAL`): a measurement, not an interface.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import MB, prepare  # noqa: E402
from factcheck.document import load_document  # noqa: E402
from factcheck.extract import dates, ordinals  # noqa: E402
from factcheck.extract.phrases import words  # noqa: E402
from factcheck.extract.sentences import split_sentences  # noqa: E402
from factcheck.parallel import setup_checker  # noqa: E402
from factcheck.rules.loader import shipped_rule_files  # noqa: E402

STAGES = (
    "read, decode, prose regions",
    "+ split sentences",
    "+ tokenize, fold, look up first words",
    "+ scan for date anchors and ordinals where a word starts a name or trigger, or a weekday",
)


def work(
    path: Path, stages: int, first_words: frozenset[str], entity_words: frozenset[str]
) -> None:
    """Do the first ``stages`` of `STAGES` on one file."""
    doc = load_document(str(path))
    text = doc.text
    if stages < 2:
        return
    sentences = [s for r in doc.regions for s in split_sentences(text, r.start, r.end)]
    if stages < 3:
        return
    starts = [(s, set(words(text, s.start, s.end)) & first_words) for s in sentences]
    if stages < 4:
        return
    for s, started in starts:
        if not started.isdisjoint(entity_words) or dates.may_carry_weekday(text, s.start, s.end):
            [m.start() for a in dates._ANCHORS.values() for m in a.finditer(text, s.start, s.end)]
            [m.start() for m in ordinals._ORDINAL.finditer(text, s.start, s.end)]


def main() -> None:
    """Print the floor's rows for the dense and the news corpora."""
    data = Path(tempfile.gettempdir()) / "factcheck-bench"
    paths = prepare(data, [1000], [MB])
    cache = str(data / "cache")
    checker = setup_checker([str(paths["facts-1000"])], shipped_rule_files(), None, cache)
    lexicon = checker.builder.lexicon
    matchers = (lexicon.names, lexicon.titles, lexicon.triggers, lexicon.gazetteer.matcher._phrases)
    first_words = frozenset(w for m in matchers for w in m._longest)
    # Names and trigger nouns are what make an entity mention; titles and places alone do not.
    entity_words = frozenset(w for m in (lexicon.names, lexicon.triggers) for w in m._longest)
    gc.freeze()
    print("| stage (cumulative) | dense MB/s | news MB/s |\n|---|---:|---:|")
    corpora = [paths[f"corpus-{MB}"], paths[f"corpus-news-{MB}"]]
    for stages, name in enumerate(STAGES, 1):
        rates = []
        for corpus in corpora:
            files = sorted(corpus.iterdir())
            size = sum(f.stat().st_size for f in files)
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                for path in files:
                    work(path, stages, first_words, entity_words)
                best = min(best, time.perf_counter() - start)
            rates.append(f"{size / MB / best:.2f}")
        print(f"| {name} | {' | '.join(rates)} |")


if __name__ == "__main__":
    main()
