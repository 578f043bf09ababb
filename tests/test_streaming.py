"""Streaming reports: pieces that join to the whole report, one file held at a time, atomic ends.

The command line hands each file's report to the gate and to every reporter as soon as it is
checked, then drops it. These tests pin that down without timing anything:

- the pieces of the streaming formats (json, rich, github) join to the golden files, and each
  piece is its own file's; the whole-run formats are written once, at the end;
- the command line writes every format exactly as the committed sample reports;
- the gate judges each report on its own with the same baseline counts as a whole run had;
- memory: how many checked documents are alive while the next file is checked (weak
  references), and how much traced memory is retained between files, 20 files against 80;
- an error, an interrupt or a signal in the middle leaves no report file and no temporary one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import gc
import json
import os
import signal
import tracemalloc
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import factcheck
from benchmarks.generate import article, reference_yaml, world
from factcheck import cli, parallel
from factcheck.atomic import AtomicWriter
from factcheck.check import Checker, FileReport
from factcheck.document import load_document
from factcheck.gate import Gate, Gating
from factcheck.reporters import github
from factcheck.reporters.base import (
    Run,
    StreamingReporter,
    Summary,
    WholeRun,
    streaming,
    summary,
)
from factcheck.reporters.json import JsonReporter, as_dict, file_data
from factcheck.rules.loader import shipped_rule_files
from tests.conftest import ROOT
from tests.test_reporters import (
    FORMATS,
    GOLDEN,
    REPORTS,
    SAMPLE,
    SUFFIXES,
    golden_run,
    reporter,
)

STREAMING = ("json", "rich", "github")
WHOLE_RUN = tuple(f for f in FORMATS if f not in STREAMING)


def _pieces(stream: StreamingReporter, run: Run) -> list[str]:
    """Return the pieces the command line would write: start, one per file, finish."""
    pieces = [stream.start(run.header)]
    totals = Summary()
    for report in run.files:
        totals = totals.add(report)
        pieces.append(stream.file(report))
    pieces.append(stream.finish(totals))
    return pieces


# --- reporters ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", STREAMING)
def test_streamed_pieces_join_to_the_golden_file(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factcheck, "__version__", "[VERSION]")
    stream = reporter(fmt)
    assert isinstance(stream, StreamingReporter)
    golden = (GOLDEN / f"run.{SUFFIXES[fmt]}").read_text(encoding="utf-8")
    assert "".join(_pieces(stream, golden_run())) == golden
    assert "".join(_pieces(stream, golden_run())) == golden  # a reporter can stream again


@pytest.mark.parametrize("fmt", STREAMING)
def test_each_piece_is_its_own_files(fmt: str) -> None:
    run = golden_run()
    _, *files, _ = _pieces(reporter(fmt), run)
    for report, piece in zip(run.files, files, strict=True):
        others = {r.document.path for r in run.files} - {report.document.path}
        if fmt == "json":
            assert json.loads(piece.removeprefix(",")) == file_data(report)
        elif fmt == "github":
            where = f"file={github.escape_property(report.document.path)},"
            assert piece.count("\n") == len(report.findings)
            assert all(where in line for line in piece.splitlines())
        else:
            assert not any(other in piece for other in others)


def test_json_is_the_plain_data_in_the_same_key_order() -> None:
    for run in (golden_run(), Run((), ())):
        text = reporter("json").render(run)
        assert json.loads(text, object_pairs_hook=list) == json.loads(
            json.dumps(as_dict(run)), object_pairs_hook=list
        )


@pytest.mark.parametrize(
    ("options", "start_empty", "finish_empty"),
    [({}, False, False), ({"quiet": True}, True, True), ({"verbose": True}, False, False)],
)
def test_rich_pieces(options: dict[str, bool], start_empty: bool, finish_empty: bool) -> None:
    from factcheck.reporters.terminal import RichReporter

    run = golden_run()
    start, *files, finish = _pieces(RichReporter(**options), run)
    assert (start == "", finish == "") == (start_empty, finish_empty)
    assert "".join([start, *files, finish]) == RichReporter(**options).render(run)
    if not finish_empty:
        assert finish.startswith(f"{len(run.files)} files, ")


@pytest.mark.parametrize("fmt", WHOLE_RUN)
def test_whole_run_formats_are_written_at_the_end(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factcheck, "__version__", "[VERSION]")
    stream = streaming(reporter(fmt))
    assert isinstance(stream, WholeRun)
    *nothing, whole = _pieces(stream, golden_run())
    assert nothing == ["", "", "", ""]
    assert whole == (GOLDEN / f"run.{SUFFIXES[fmt]}").read_text(encoding="utf-8")


def test_a_plugin_that_only_renders_is_kept_whole() -> None:
    class Plugin:
        def render(self, run: Run) -> str:
            return f"{len(run.files)} files, facts {run.facts}\n"

    run = golden_run()
    stream = streaming(Plugin())
    assert isinstance(stream, WholeRun)
    assert "".join(_pieces(stream, run)) == "3 files, facts ('rules/sample-facts',)\n"
    json_reporter = JsonReporter()
    assert streaming(json_reporter) is json_reporter


def test_summary_adds_up_file_by_file() -> None:
    run = golden_run()
    totals = Summary()
    for n, report in enumerate(run.files, 1):
        totals = totals.add(report)
        assert totals == Summary.of(run.files[:n])
    counts = totals.as_dict()
    assert counts == summary(run) == json.loads(reporter("json").render(run))["summary"]
    assert counts["claims"] == sum(counts[v] for v in ("supported", "contradicted", "unverifiable"))
    assert Summary().as_dict() == dict.fromkeys(counts, 0)


# --- the command line ---------------------------------------------------------------------


def test_the_command_line_writes_every_format_as_the_sample_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    reports = [f"--report={fmt}={tmp_path / fmt}" for fmt in FORMATS]
    out = tmp_path / "main.json"
    assert cli.main(["--no-cache", "--format", "json", "-o", str(out), *reports, SAMPLE]) == 1
    assert capsys.readouterr() == ("", "")
    for fmt in FORMATS:
        sample = (REPORTS / f"envoy-returns.{SUFFIXES[fmt]}").read_text(encoding="utf-8")
        assert (tmp_path / fmt).read_text(encoding="utf-8") == sample, fmt
    assert out.read_text(encoding="utf-8") == (REPORTS / "envoy-returns.json").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FORMATS, "main.json"])

    for fmt in STREAMING:  # and to standard output
        assert cli.main(["--no-cache", "--format", fmt, "--color", "never", SAMPLE]) == 1
        sample = (REPORTS / f"envoy-returns.{SUFFIXES[fmt]}").read_text(encoding="utf-8")
        assert capsys.readouterr().out == sample


# --- the gate, a report at a time ---------------------------------------------------------

WRONG = "Their first historic summit in Singapore in July set the tone."
FIXED = "Their first historic summit in Singapore in June set the tone."
OTHER = "The Hanoi summit was their second."


@pytest.fixture(scope="module")
def korea_checker() -> Checker:
    from tests.test_reporters import _checker

    return _checker()[0]


def _reports(checker: Checker, files: dict[str, str]) -> list[FileReport]:
    date = dt.date(2019, 2, 9)
    return [
        checker.check(load_document(path, text.encode("utf-8"), date))
        for path, text in files.items()
    ]


def _gate_run(
    checker: Checker, gate: Gate, files: dict[str, str], complete: bool = True
) -> tuple[dict[str, int], tuple[str, ...], Gating]:
    gating = gate.start({r.id for r in checker.rules})
    shown = {}
    for report in _reports(checker, files):
        shown[report.document.path] = len(gating.file(report).shown.findings)
    outcome = gating.finish(complete)
    return shown, outcome.notes, gating


# Each row: the files a baseline is written from, the files then checked against it, how
# many findings each shows, and the notes. A baseline names a file by its path.
BASELINE_ROWS = [
    pytest.param(
        {"a.txt": WRONG}, {"a.txt": f"{WRONG}\n\n{WRONG}\n"}, {"a.txt": 1},
        ["factcheck: 1 finding in base.json hidden"], id="the-same-finding-twice-needs-two-entries",
    ),
    pytest.param(
        {"a.txt": WRONG, "b.txt": WRONG}, {"a.txt": FIXED}, {"a.txt": 0},
        ["factcheck: 1 entry in base.json matched nothing (fixed or reworded); "
         "refresh it with --write-baseline"],
        id="stale-counts-only-the-files-checked",
    ),
    pytest.param(
        {"a.txt": WRONG}, {"a.txt": WRONG, "b.txt": WRONG}, {"a.txt": 0, "b.txt": 1},
        ["factcheck: 1 finding in base.json hidden"], id="an-entry-hides-in-its-own-file-only",
    ),
    pytest.param(
        {"a.txt": WRONG, "b.txt": f"{WRONG} {OTHER}"}, {"b.txt": WRONG, "a.txt": OTHER},
        {"b.txt": 0, "a.txt": 0},
        ["factcheck: 1 finding in base.json hidden",
         "factcheck: 1 entry in base.json matched nothing (fixed or reworded); "
         "refresh it with --write-baseline"],
        id="files-in-another-order",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("recorded", "checked", "shown", "notes"), BASELINE_ROWS)
def test_a_baseline_gates_each_report_on_its_own(
    korea_checker: Checker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    recorded: dict[str, str],
    checked: dict[str, str],
    shown: dict[str, int],
    notes: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    written, wrote, _ = _gate_run(korea_checker, Gate(write_baseline="base.json"), recorded)
    assert set(written.values()) == {0}  # what --write-baseline records, it hides
    count = len(json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"])
    assert wrote == (f"factcheck: wrote {count} finding{'s' * (count != 1)} to base.json",)
    assert _gate_run(korea_checker, Gate(baseline="base.json"), checked)[:2] == (
        shown,
        tuple(notes),
    )


def test_a_baseline_that_cannot_be_written_still_counts_what_the_old_one_hides(
    korea_checker: Checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _gate_run(korea_checker, Gate(write_baseline="old.json"), {"a.txt": WRONG, "b.txt": WRONG})
    gate = Gate(baseline="old.json", write_baseline="new.json")
    shown, notes, _ = _gate_run(korea_checker, gate, {"a.txt": WRONG}, complete=False)
    assert shown == {"a.txt": 0}
    assert notes == (
        "factcheck: new.json not written: some inputs could not be read",
        "factcheck: 1 finding in old.json hidden",
    )
    assert not Path("new.json").exists()


def test_min_level_narrows_what_is_shown_not_what_counts(korea_checker: Checker) -> None:
    gating = Gate(min_level="error").start({r.id for r in korea_checker.rules})
    for report in _reports(korea_checker, {"a.txt": WRONG, "b.txt": OTHER}):
        gated = gating.file(report)
        assert all(f.severity == "error" for f in gated.shown.findings)
        assert len(gated.counted.findings) >= len(gated.shown.findings)
    outcome = gating.finish()
    assert outcome.failing(3) == outcome.failing_shown(3) == 1
    assert outcome.failing(99) == 0


# --- memory -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory with facts.yaml and 80 generated 300-word articles under articles/."""
    root = tmp_path_factory.mktemp("corpus")
    small = world(200)
    (root / "facts.yaml").write_text(reference_yaml(small.order), "utf-8")
    (root / "articles").mkdir()
    for n in range(80):
        text = article(small, n, words=300).text
        (root / "articles" / f"{n:02d}.txt").write_text(text, "utf-8")
    return root


def _cli(corpus: Path, files: list[Path], out: Path, *extra: str) -> int:
    args = ["--facts", str(corpus / "facts.yaml"), "--no-cache", "--date", "2019-02-09"]
    return cli.main([*args, "--format", "json", "-o", str(out), *extra, *map(str, files)])


@contextlib.contextmanager
def _between_files(
    monkeypatch: pytest.MonkeyPatch, sample: Callable[[], int]
) -> Iterator[list[int]]:
    """Call ``sample`` before each file is checked (after a collection); yield the values."""
    samples: list[int] = []
    check_one = parallel.check_one

    def sampled(*args: Any) -> Any:
        gc.collect()
        samples.append(sample())
        return check_one(*args)

    with monkeypatch.context() as m:
        m.setattr(parallel, "check_one", sampled)
        yield samples


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_checked_documents_do_not_stay_alive(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    alive: set[int] = set()
    counts: list[int] = []
    gate_file = Gating.file

    def watched(self: Gating, report: FileReport) -> Any:
        gc.collect()
        counts.append(len(alive))  # documents of earlier files still alive
        alive.add(id(report.document))
        weakref.finalize(report.document, alive.discard, id(report.document))
        return gate_file(self, report)

    monkeypatch.setattr(Gating, "file", watched)
    files = sorted((corpus / "articles").iterdir())[:40]
    assert _cli(corpus, files, tmp_path / "out.json", "--jobs", jobs) == 1
    assert len(counts) == 40
    assert max(counts) <= 1  # the last file's report, until the loop moves on


def test_memory_retained_between_files_does_not_grow_with_their_number(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted((corpus / "articles").iterdir())
    assert _cli(corpus, files[:3], tmp_path / "warm.json") == 1  # imports, compiled patterns

    def retained(count: int) -> int:
        gc.collect()
        tracemalloc.start()
        try:
            with _between_files(monkeypatch, lambda: tracemalloc.get_traced_memory()[0]) as seen:
                _cli(corpus, files[:count], tmp_path / "out.json")
            return max(seen) - seen[0]
        finally:
            tracemalloc.stop()

    grown = retained(80) - retained(20)
    # What keeping the 60 more reports would have cost, measured the same way.
    rules = shipped_rule_files()
    checker = parallel.setup_checker([str(corpus / "facts.yaml")], rules, use_cache=False)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [
            parallel.check_one(checker, (str(path), None), dt.date(2019, 2, 9))
            for path in files[20:80]
        ]
        cost = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(held) == 60 and cost > 500_000
    assert grown < cost / 10, (grown, cost)


# --- atomic ends --------------------------------------------------------------------------


def _terminate() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


INTERRUPTIONS = [
    pytest.param(KeyboardInterrupt, 130, "factcheck: interrupted; no report was written",
                 id="ctrl-c"),
    pytest.param(_terminate, 143, "factcheck: terminated; no report was written", id="sigterm"),
    pytest.param(MemoryError, 2, "factcheck: out of memory: the inputs are too large; "
                 "no report was written", id="memory"),
    pytest.param(RuntimeError("boom"), None, None, id="a-bug"),
]  # fmt: skip


@pytest.mark.parametrize("where", ["checking", "reporting"])
@pytest.mark.parametrize(("raised", "code", "message"), INTERRUPTIONS)
def test_an_interrupted_run_leaves_no_report(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
    raised: Any,
    code: int | None,
    message: str | None,
) -> None:
    out, sarif, rich = tmp_path / "report.json", tmp_path / "report.sarif", tmp_path / "rich.txt"
    out.write_text("the previous report", encoding="utf-8")
    calls = []

    def fail_third(original: Callable[..., Any]) -> Callable[..., Any]:
        def third(*args: Any) -> Any:
            calls.append(1)
            if len(calls) == 3:
                if callable(raised) and not isinstance(raised, type):
                    raised()
                raise raised
            return original(*args)

        return third

    if where == "checking":
        monkeypatch.setattr(parallel, "check_one", fail_third(parallel.check_one))
    else:
        monkeypatch.setattr(JsonReporter, "file", fail_third(JsonReporter.file))
    files = sorted((corpus / "articles").iterdir())[:6]
    extra = (f"--report=sarif={sarif}", f"--report=rich={rich}")
    previous = signal.getsignal(signal.SIGTERM)
    try:
        if code is None:
            with pytest.raises(RuntimeError, match="boom"):
                _cli(corpus, files, out, *extra)
        else:
            assert _cli(corpus, files, out, *extra) == code
            assert capsys.readouterr().err == message + "\n"
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert len(calls) == 3
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_report_that_fails_midway_is_dropped_and_the_others_written(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, sarif, full = tmp_path / "report.json", tmp_path / "report.sarif", tmp_path / "full"
    write = AtomicWriter.write

    def disk_full(self: AtomicWriter, text: str) -> None:
        if self.path == full and "summary" in text:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(self, text)

    monkeypatch.setattr(AtomicWriter, "write", disk_full)
    files = sorted((corpus / "articles").iterdir())[:4]
    assert _cli(corpus, files, out, f"--report=sarif={sarif}", f"--report=json={full}") == 2
    assert capsys.readouterr().err == f"{full}:1:1: cannot write report: No space left on device\n"
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 4
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.sarif"]

    def main_full(self: AtomicWriter, text: str) -> None:
        if self.path == out:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(self, text)

    monkeypatch.setattr(AtomicWriter, "write", main_full)
    for p in tmp_path.iterdir():
        p.unlink()
    assert _cli(corpus, files, out, f"--report=sarif={sarif}") == 2
    assert capsys.readouterr().err == f"{out}:1:1: cannot write report: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


@dataclasses.dataclass(frozen=True)
class _Step:
    commit: bool
    raised: type[BaseException] | None


@pytest.mark.parametrize(
    ("step", "left"),
    [
        (_Step(commit=True, raised=None), "new"),
        (_Step(commit=False, raised=None), "old"),
        (_Step(commit=False, raised=KeyboardInterrupt), "old"),
        (_Step(commit=False, raised=OSError), "old"),
    ],
)
def test_atomic_writer(tmp_path: Path, step: _Step, left: str) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    with contextlib.suppress(BaseException), AtomicWriter(target) as out:
        out.write("n")
        out.write("ew")
        if step.raised is not None:
            raise step.raised
        if step.commit:
            out.commit()
    assert target.read_text(encoding="utf-8") == left
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_atomic_writer_needs_a_directory(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("a file", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        AtomicWriter(tmp_path / "report.txt" / "x")
    with pytest.raises(FileNotFoundError):
        AtomicWriter(tmp_path / "missing" / "x")
