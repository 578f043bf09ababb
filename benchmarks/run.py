"""Measure factcheck at newsroom scale and print the table the README's Performance section shows.

    python3 benchmarks/run.py            # N = 1k, 10k, 100k; corpora of 1 MB and 10 MB
    python3 benchmarks/run.py --quick    # N = 1k, 10k; a 1 MB corpus: a smoke run
    python3 benchmarks/run.py --profile  # also cProfile the 10 MB run, top functions

Inputs come from `benchmarks/generate.py` (deterministic) and are written once
under ``--data``. Every figure is measured through the real command line, each
run in its own process: start-up against ``python3 -c pass``; reference loading
cold (YAML, lexicon, index; ``--no-cache``) and from the cache; checking a
corpus end to end (load, check, JSON report) with a warm cache. Corpora are
written about the first 1,000 entities, which every larger set contains, so the
same text is checked against every size. CPU is user and system time of the
process and its workers: on a shared machine it stays honest where wall time
does not (MB per CPU-second is throughput per core). Peak RSS is the process's
own ``ru_maxrss`` (and its workers' with ``--jobs``). factcheck's modules are
byte-compiled first, as an installed package's are, so that a run does not measure
compiling them (``PYTHONDONTWRITEBYTECODE`` would otherwise make every run do it).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import generate  # noqa: E402

MB = 1_000_000
CORPUS_ENTITIES = 1000

# Runs the CLI in this process, then reports its peak RSS and its workers' on stderr.
_MEASURED_CLI = """
import resource, sys
from factcheck.cli import main
code = main(sys.argv[1:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(f"\\nRSS {me.ru_maxrss} {kids.ru_maxrss} {cpu}", file=sys.stderr)
sys.exit(code)
"""
# Loads a reference set in this process (its modules imported first, as start-up is measured
# apart) and reports the time and peak RSS.
_MEASURED_LOAD = """
import resource, sys, time
from factcheck.cache import compile_reference
from factcheck.extract.mentions import Lexicon
start = time.perf_counter()
compiled = compile_reference([sys.argv[1]], cache_dir=sys.argv[2], enabled=sys.argv[3] == "1")
compiled.reference.get("person-0")
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, type(compiled.reference).__name__)
"""


@dataclass
class Run:
    """One measured command-line run."""

    seconds: float
    cpu_seconds: float
    rss_mb: float
    workers_rss_mb: float
    claims: int


def _console_script() -> list[str]:
    """Return the command that starts factcheck itself (the console script beside python)."""
    script = Path(sys.executable).parent / "factcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]


def _median_wall(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup(repeat: int) -> dict[str, float]:
    """Return the median wall time of ``python3 -c pass``, ``--version`` and ``--help``."""
    fc = _console_script()
    return {
        "python -c pass": _median_wall([sys.executable, "-c", "pass"], repeat),
        "factcheck --version": _median_wall([*fc, "--version"], repeat),
        "factcheck --help": _median_wall([*fc, "--help"], repeat),
    }


def load(facts: Path, cache: Path, use_cache: bool) -> tuple[float, float, str]:
    """Return seconds and peak RSS (MB) to compile ``facts``, and the reference set's class."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURED_LOAD, str(facts), str(cache), "1" if use_cache else "0"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, out[2]


def check(facts: Path, corpus: Path, cache: Path, jobs: int = 1) -> Run:
    """Check ``corpus`` through the command line (JSON report to a file) and measure it.

    The cache is warmed just before: its key covers factcheck's own code, so an edit made
    since the last run would otherwise be measured as a cold load.
    """
    load(facts, cache, use_cache=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        args = ["--facts", str(facts), "--format", "json", "--cache-dir", str(cache)]
        args += ["--jobs", str(jobs), "-o", str(report), str(corpus)]
        start = time.perf_counter()
        p = subprocess.run(
            [sys.executable, "-c", _MEASURED_CLI, *args], capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        if p.returncode not in (0, 1):
            raise SystemExit(f"factcheck failed ({p.returncode}):\n{p.stderr}")
        claims = json.loads(report.read_text("utf-8"))["summary"]["claims"]
    own, workers, cpu = p.stderr.rsplit("RSS ", 1)[1].split()
    return Run(seconds, float(cpu), int(own) / 1024, int(workers) / 1024, claims)


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def available_speedup(n: int = 10_000_000) -> float:
    """Return how much faster two processes run two CPU-bound loops than one does.

    On an idle 2-core machine this is about 2; another program busy on a core lowers
    it, and the ``--jobs 2`` figure with it.
    """
    start = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [n, n]))
    return serial / (time.perf_counter() - start)


def _size(corpus: Path) -> int:
    return sum(f.stat().st_size for f in corpus.iterdir())


def prepare(data: Path, sizes: list[int], corpora: list[int]) -> dict[str, Path]:
    """Write (once) the reference sets and corpora the run needs; return their paths."""
    paths: dict[str, Path] = {}
    for n in sizes:
        facts = data / f"facts-{n}"
        if not (facts / "done").exists():
            generate.write_reference(generate.world(n), facts)
            (facts / "done").write_text("")
        paths[f"facts-{n}"] = facts
    small = generate.world(CORPUS_ENTITIES)
    wanted = [("dense", size) for size in corpora] + [("news", corpora[-1])]
    for mix, size in wanted:
        name = f"corpus-{size // MB}mb" if mix == "dense" else f"corpus-{mix}-{size // MB}mb"
        corpus = data / name
        if not (corpus.parent / f"{corpus.name}.done").exists():
            generate.write_corpus(small, corpus, size, mix=mix)
            (corpus.parent / f"{corpus.name}.done").write_text("")
        paths[name.removesuffix(f"-{size // MB}mb") + f"-{size}"] = corpus  # corpus[-news]-N
    one = data / "article-1000-words" / "a.txt"
    five = data / "article-5000-words" / "a.txt"
    for path, words in ((one, 1000), (five, 5000)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate.article(small, 7, words=words).text, "utf-8")
    paths["article-1000"], paths["article-5000"] = one, five
    return paths


def extraction_time(facts: Path, article: Path, cache: Path, repeat: int = 5) -> float:
    """Return the median seconds to check one article in a warm process (no start-up, no load)."""
    code = f"""
import statistics, sys, time
from factcheck.document import load_document
from factcheck.parallel import setup_checker
from factcheck.rules.loader import shipped_rule_files
checker = setup_checker([{str(facts)!r}], shipped_rule_files(), None, {str(cache)!r})
doc = load_document({str(article)!r})
checker.check(doc)
times = []
for _ in range({repeat}):
    start = time.perf_counter()
    checker.check(doc)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def profile(facts: Path, corpus: Path, cache: Path, top: int = 15) -> str:
    """Return cProfile's top functions (by own time) for checking ``corpus``."""
    code = f"""
import cProfile, io, pstats
from factcheck.cli import main
profiler = cProfile.Profile()
profiler.enable()
main(["--facts", {str(facts)!r}, "--cache-dir", {str(cache)!r}, "--format", "json",
      "-o", "/tmp/factcheck-profile.json", {str(corpus)!r}])
profiler.disable()
out = io.StringIO()
stats = pstats.Stats(profiler, stream=out)
stats.sort_stats("tottime").print_stats({top})
print(out.getvalue())
"""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def main() -> None:
    """Generate the inputs, measure, and print the table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="N = 1k and 10k, a 1 MB corpus")
    p.add_argument("--profile", action="store_true", help="cProfile the largest run")
    p.add_argument("--repeat", type=int, default=15, help="runs per start-up figure")
    default = Path(tempfile.gettempdir()) / "factcheck-bench"
    p.add_argument("--data", type=Path, default=default, help=f"inputs (default: {default})")
    args = p.parse_args()
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    corpora = [MB] if args.quick else [MB, 10 * MB]
    data: Path = args.data
    compileall.compile_dir(HERE.parent / "factcheck", quiet=1)
    cache = data / "cache"
    paths = prepare(data, sizes, corpora)
    label = {n: f"{n // 1000}k" for n in sizes}
    kind = "quick" if args.quick else "full"
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"factcheck benchmark ({kind}), {os.cpu_count()} cores, load {load_average}", ""]

    times = startup(args.repeat if not args.quick else 5)
    base = times["python -c pass"]
    lines += ["| start-up (median) | ms | vs python -c pass |", "|---|---:|---:|"]
    for name, seconds in times.items():
        lines.append(f"| `{name}` | {seconds * 1000:.0f} | {seconds / base:.1f}x |")

    lines += ["", "| reference set | cold load | cached load | RSS cold | RSS cached |"]
    lines += ["|---|---:|---:|---:|---:|"]
    for n in sizes:
        facts = paths[f"facts-{n}"]
        cold, cold_rss, _ = load(facts, cache, use_cache=False)
        load(facts, cache, use_cache=True)  # writes the cache
        warm, warm_rss, kind = load(facts, cache, use_cache=True)
        assert kind == "CachedReferenceSet" or n < 1000, kind
        lines.append(
            f"| {label[n]} entities | {cold:.2f} s | {warm:.2f} s | "
            f"{cold_rss:.0f} MB | {warm_rss:.0f} MB |"
        )

    header = "| corpus | entities | jobs | wall | CPU | MB/s | MB/CPU-s | checks/s | peak RSS |"
    lines += ["", header]
    lines += ["|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    walls: dict[tuple[int, int, int], float] = {}
    cpus: dict[tuple[int, int, int], float] = {}
    # The dense corpora against every set (and the largest on two jobs), then a corpus of
    # real copy's density ("news") against the largest set.
    table = [("corpus", size, n, 1) for size in corpora for n in sizes]
    table += [("corpus", size, sizes[-1], 2) for size in corpora]
    table.sort(key=lambda row: row[1])
    table += [("corpus-news", corpora[-1], sizes[-1], jobs) for jobs in (1, 2)]
    for name, size, n, jobs in table:
        corpus = paths[f"{name}-{size}"]
        megabytes = _size(corpus) / MB
        r = check(paths[f"facts-{n}"], corpus, cache, jobs)
        if name == "corpus":
            walls[size, n, jobs] = r.seconds
            cpus[size, n, jobs] = r.cpu_seconds
        rss = f"{r.rss_mb:.0f} MB"
        if jobs > 1:
            rss += f" (+{r.workers_rss_mb:.0f} MB/worker)"
        mix = "news " if name == "corpus-news" else ""
        lines.append(
            f"| {mix}{megabytes:.1f} MB | {label[n]} | {jobs} | {r.seconds:.1f} s | "
            f"{r.cpu_seconds:.1f} s | {megabytes / r.seconds:.2f} | "
            f"{megabytes / r.cpu_seconds:.2f} | {r.claims / r.seconds:,.0f} | {rss} |"
        )

    big, top, mid = corpora[-1], sizes[-1], sizes[-2]
    ones = [check(paths[f"facts-{top}"], paths["article-1000"].parent, cache) for _ in range(5)]
    one = sorted(ones, key=lambda r: r.seconds)[len(ones) // 2]
    extract = extraction_time(paths["facts-1000"], paths["article-5000"], cache)
    lines += ["", "| ratio or single figure | wall | CPU |", "|---|---:|---:|"]
    lines.append(
        f"| one 1,000-word article vs {label[top]} entities, warm cache (median of 5) | "
        f"{one.seconds:.2f} s | {one.cpu_seconds:.2f} s |"
    )
    lines.append(
        f"| 5,000-word article vs 1k entities, check only (warm process) | "
        f"{extract * 1000:.0f} ms | |"
    )
    free = available_speedup()
    lines.append(f"| two busy loops on 2 processes vs 1 (how free the cores are) | {free:.2f}x | |")
    speedup = walls[big, top, 1] / walls[big, top, 2]
    work = cpus[big, top, 2] / cpus[big, top, 1]
    lines.append(
        f"| --jobs 2 speed-up, {big // MB} MB, {label[top]} (CPU: work of 2 jobs / 1) | "
        f"{speedup:.2f}x | {work:.2f}x |"
    )
    lines.append(
        f"| {label[top]} / {label[mid]} entities, {big // MB} MB corpus | "
        f"{walls[big, top, 1] / walls[big, mid, 1]:.2f}x | "
        f"{cpus[big, top, 1] / cpus[big, mid, 1]:.2f}x |"
    )
    if len(corpora) > 1:
        small = corpora[0]
        lines.append(
            f"| 10 MB / 1 MB corpus, {label[top]} entities | "
            f"{walls[big, top, 1] / walls[small, top, 1]:.2f}x | "
            f"{cpus[big, top, 1] / cpus[small, top, 1]:.2f}x |"
        )
    lines.append(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("\n".join(lines))
    if args.profile:
        print("\ncProfile, checking the largest corpus against the largest set:\n")
        print(profile(paths[f"facts-{top}"], paths[f"corpus-{big}"], cache))


if __name__ == "__main__":
    main()
