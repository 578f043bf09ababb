"""Fuzz the extractors, the document loader and the reference loader with atheris.

    python3 -m pip install atheris
    python3 benchmarks/fuzz.py --seconds 60              # every target, one minute in all
    python3 benchmarks/fuzz.py --seconds 600 corpus/     # ten minutes, keeping a corpus

atheris drives libFuzzer over the instrumented ``factcheck`` package: it mutates byte
strings towards inputs that reach new code. The first byte of each input picks a target:

- ``text``: the extractors (dates, numbers, ordinals, sentences, clauses, mentions) and the
  whole checker on the rest as text;
- ``document``: the rest as the bytes of a plain-text, Markdown or HTML article;
- ``reference``: the rest as a YAML reference file.

A failure is any exception other than `FactcheckError`, a span outside its text, a result
that differs when computed twice, or one input taking over ``--timeout`` seconds (a
super-linear blow-up). libFuzzer then writes the input to ``crash-*`` or ``timeout-*`` in
the working directory and stops. Seeds are the example article and the sample reference
set, written to a fresh corpus directory unless one is given. Not run in CI: it has no end
of its own, and what it finds becomes a row of ``tests/test_bad_input.py`` or of an
extractor's table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris  # type: ignore[import-untyped]  # no type information

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["factcheck"]):
    from factcheck.check import Checker
    from factcheck.document import load_document
    from factcheck.errors import FactcheckError
    from factcheck.extract.dates import find_dates
    from factcheck.extract.mentions import Lexicon
    from factcheck.extract.numbers import find_numbers
    from factcheck.extract.ordinals import find_ordinals
    from factcheck.extract.sentences import split_clauses, split_sentences
    from factcheck.reference.loader import load_reference
    from factcheck.rules.loader import load_rules, shipped_rule_files
    from factcheck.values import Span

SAMPLE_FACTS = ROOT / "rules" / "sample-facts"
PUBLISHED = dt.date(2019, 2, 9)
SUFFIXES = (".txt", ".md", ".html")


class Targets:
    """The functions an input is fed to, with what they need built once."""

    def __init__(self, scratch: Path) -> None:
        reference = load_reference([SAMPLE_FACTS])
        self.lexicon = Lexicon(reference)
        self.checker = Checker(reference, load_rules(shipped_rule_files()), self.lexicon)
        self.reference_file = scratch / "reference.yaml"

    def run(self, data: bytes) -> None:
        """Feed one input to the target its first byte picks."""
        if not data:
            return
        target: list[Callable[[bytes], None]] = [self.text, self.document, self.reference]
        target[data[0] % len(target)](data[1:])

    def text(self, data: bytes) -> None:
        """Run every extractor, then the checker, on ``data`` read as text."""
        text = data.decode("utf-8", "replace").replace("\x00", " ")
        values = [d.span for d in find_dates(text, PUBLISHED)]
        values += [n.span for n in find_numbers(text)] + [o.span for o in find_ordinals(text)]
        _inside(values, Span(0, len(text)))
        sentences = split_sentences(text)
        _inside(sentences, Span(0, len(text)))
        recent: dict[str, str] = {}
        for sentence in sentences:
            _inside(split_clauses(text, sentence), sentence)
            mentions = self.lexicon.find(text, sentence, recent)
            named = [e.span for e in mentions.entities] + [t.span for t in mentions.titles]
            _inside(named, sentence)
        doc = load_document("fuzz.txt", text.encode("utf-8"), PUBLISHED)
        report = self.checker.check(doc)
        _inside([f.span for f in report.findings], Span(0, len(doc.text)))
        _same(report.findings, self.checker.check(doc).findings)

    def document(self, data: bytes) -> None:
        """Load ``data`` as an article, its kind picked by its length."""
        path = "fuzz" + SUFFIXES[len(data) % len(SUFFIXES)]
        try:
            doc = load_document(path, data)
        except FactcheckError:
            return
        _inside(list(doc.regions), Span(0, len(doc.text)))
        _same(doc, load_document(path, data))

    def reference(self, data: bytes) -> None:
        """Load ``data`` as a YAML reference file."""
        self.reference_file.write_bytes(data)
        try:
            first = load_reference([self.reference_file])
        except FactcheckError as exc:
            if not exc.problems:
                raise AssertionError("a reference-set error with no problem in it") from None
            return
        _same(first.entities, load_reference([self.reference_file]).entities)


def _inside(spans: list[Span], outer: Span) -> None:
    """Fail unless every span lies inside ``outer``."""
    for span in spans:
        if not outer.contains(span):
            raise AssertionError(f"span {span} outside {outer}")


def _same(first: object, second: object) -> None:
    """Fail unless two computations of one result agree."""
    if first != second:
        raise AssertionError(f"not deterministic: {first!r} != {second!r}")


def _seed(corpus: Path) -> None:
    """Write the example article and the sample reference set into ``corpus``, per target."""
    article = (ROOT / "examples" / "envoy-returns.txt").read_bytes()
    (corpus / "text").write_bytes(b"\x00" + article)
    for n, suffix in enumerate(SUFFIXES):
        (corpus / f"document{suffix}").write_bytes(b"\x01" + article[: len(article) - n])
    for path in sorted(SAMPLE_FACTS.glob("*.yaml")):
        (corpus / f"reference-{path.name}").write_bytes(b"\x02" + path.read_bytes())


def main() -> None:
    """Parse the options and fuzz until the time is up or something fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz in all")
    parser.add_argument("--timeout", type=int, default=10, help="the most one input may take")
    parser.add_argument("corpus", nargs="?", help="corpus directory (default: a fresh one)")
    args, libfuzzer = parser.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-fuzz-") as scratch:
        corpus = Path(args.corpus) if args.corpus else Path(scratch) / "corpus"
        if not corpus.exists():
            corpus.mkdir(parents=True)
            _seed(corpus)
        targets = Targets(Path(scratch))
        flags = [
            f"-max_total_time={args.seconds}",
            f"-timeout={args.timeout}",
            "-rss_limit_mb=2048",
        ]
        atheris.Setup([sys.argv[0], *flags, *libfuzzer, str(corpus)], targets.run)
        atheris.Fuzz()


if __name__ == "__main__":
    main()
