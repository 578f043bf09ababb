"""The ``factcheck`` command line: check articles against a reference set of known facts."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import __version__, commands

if TYPE_CHECKING:
    from factcheck.check import FileReport
    from factcheck.reporters.base import Header, Reporter, StreamingReporter, Summary

FORMATS = ("rich", "json", "sarif", "junit", "github", "markdown", "html")
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}
SAMPLE_FACTS = "sample-facts"

EPILOG = """\
examples:
  factcheck article.txt                       check against the shipped sample facts
  factcheck --facts facts/ drafts/            every .txt/.md/.html under drafts/
  factcheck --facts facts.yaml --date 2019-02-09 --format json article.txt
  cat article.txt | factcheck --facts facts.yaml -
  factcheck --facts facts/ -j auto --format json -o audit.json archive/

subcommands (factcheck COMMAND --help for each; check a file named like one as ./rules):
  factcheck rules list                        every loaded rule: id, kind, severity, source
  factcheck rules test [PATH...]              run the rules' examples and annotated fixtures
  factcheck explain RULE-ID                   what a rule checks, its examples, its kind's docs
  factcheck schema [reference|rules]          JSON Schema for reference and rule files
  factcheck facts validate PATH...            check reference files, report every problem
  factcheck config                            the effective configuration and its origins
  factcheck init [DIR]                        factcheck.yaml, example facts and rule, CI workflow

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration, reference-set or input error.
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (kept import-light so --help stays fast)."""
    p = argparse.ArgumentParser(
        prog="factcheck",
        description="Flag statements in news copy that contradict a reference set of known facts.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="PATH",
        help="reference set file or directory (repeatable; default: from the config, else "
        "the shipped sample)",
    )
    p.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="extra YAML rules file or directory (repeatable; added to the config's)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: factcheck.yaml, or [tool.factcheck] in "
        "pyproject.toml, in this directory or a parent)",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="publication date, overrides detection")
    p.add_argument(
        "--format",
        metavar="FMT",
        help=f"report format: {', '.join(FORMATS)}, or a plugin's (default: rich)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report there, atomically")
    p.add_argument(
        "--fail-on",
        choices=tuple(FAIL_LEVELS),
        help="lowest severity that makes the exit code 1 (default: from the config, else error)",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        default="-",
        help="path to report for text read from stdin",
    )
    p.add_argument(
        "--encoding",
        type=_encoding_option,
        metavar="NAME",
        help="decode articles as NAME, e.g. cp1252 or latin-1 for an old archive (default: "
        "from the config, else utf-8); a byte order mark always wins",
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in rich output (auto respects NO_COLOR and the terminal)",
    )
    p.add_argument(
        "--no-color", dest="color", action="store_const", const="never", help="same as NO_COLOR=1"
    )
    _add_gating_options(p)
    _add_performance_options(p)
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    return p


def _add_gating_options(p: argparse.ArgumentParser) -> None:
    """Add the options for many inputs, reports, baselines, suppressions and levels."""
    g = p.add_argument_group("inputs, reports and gating (see README: Gating in CI)")
    g.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="articles a directory stands for (repeatable, .gitignore syntax; default: *.txt "
        "*.md *.markdown *.html *.htm)",
    )
    g.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave matching files and directories out of directories (repeatable); "
        ".gitignore files are honoured too",
    )
    g.add_argument(
        "--report",
        action="append",
        default=[],
        type=_report_option,
        metavar="FORMAT=PATH",
        help="also write a report in FORMAT to PATH, atomically (repeatable)",
    )
    g.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    g.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record this run's findings in FILE (they are then hidden, as with --baseline)",
    )
    g.add_argument(
        "--report-unused-ignores",
        action="store_true",
        help="report factcheck-ignore directives that silence nothing (rule unused-ignore)",
    )
    g.add_argument(
        "--min-level",
        choices=("info", "warning", "error"),
        default="info",
        help="lowest severity the reports show (default: info); --fail-on still counts all",
    )
    g.add_argument(
        "-q", "--quiet", action="store_true", help="rich output: only the findings, no summary"
    )
    g.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="rich output: also list the supported and unverifiable claims",
    )


def _add_performance_options(p: argparse.ArgumentParser) -> None:
    """Add the options for parallel checking and the reference cache (README: Performance)."""
    g = p.add_argument_group("performance")
    g.add_argument(
        "-j",
        "--jobs",
        type=_jobs_option,
        default=1,
        metavar="N",
        help="check files on N processes, or 'auto': one per available core (default: 1); "
        "reports keep the input order",
    )
    g.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where compiled reference sets are cached (default: $XDG_CACHE_HOME/factcheck)",
    )
    g.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the reference cache"
    )


def _jobs_option(value: str) -> int:
    if value == "auto":
        return (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f'"{value}" is not a number of processes (1 or more) or "auto"'
        )
    return int(value)


def _encoding_option(value: str) -> str:
    from factcheck.document import text_encoding

    try:
        return text_encoding(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _report_option(value: str) -> tuple[str, str]:
    fmt, sep, path = value.partition("=")
    if not (sep and fmt and path):
        raise argparse.ArgumentTypeError(f'"{value}" is not FORMAT=PATH (e.g. sarif=out.sarif)')
    return fmt, path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in commands.COMMANDS:
        run = functools.partial(commands.run, argv)
    else:
        run = functools.partial(_check, build_parser().parse_args(argv))
    from factcheck.errors import FactcheckError

    signal.signal(signal.SIGTERM, _terminated)
    try:
        return run()
    except _Terminated:
        print("factcheck: terminated; no report was written", file=sys.stderr)
        return 143
    except FactcheckError as exc:
        for line in exc.lines():
            print(
                f"factcheck: {line}" if ":" not in line.split(" ", 1)[0] else line, file=sys.stderr
            )
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted; no report was written", file=sys.stderr)
        return 130
    except MemoryError:
        print(
            "factcheck: out of memory: the inputs are too large; no report was written",
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:  # the reader (| head) has gone: stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


class _Terminated(BaseException):
    """Raised by the SIGTERM handler so the run unwinds like an interrupt (exit 143)."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _check(args: argparse.Namespace) -> int:
    """Check the inputs, streaming each file's report to every output as it is checked.

    A file's report goes through the gate and to each reporter, then is dropped: what stays
    for the run is counts and stderr lines (and the reports of whole-run formats asked for).
    """
    from factcheck.cache import compile_reference
    from factcheck.config import load_config
    from factcheck.errors import FactcheckError
    from factcheck.gate import Gate
    from factcheck.parallel import check_all, setup_checker
    from factcheck.progress import FileProgress
    from factcheck.reporters.base import Header, Summary
    from factcheck.rules.loader import load_rules, shipped_rule_files, shipped_rules_dir

    if not args.paths:
        raise FactcheckError("no input: give one or more files or directories (or - for stdin)")
    published = _parse_date(args.date)
    config = load_config(args.config).with_options(
        args.facts, args.rules, args.fail_on, args.encoding
    )
    facts = list(config.facts) or [_shown(shipped_rules_dir() / SAMPLE_FACTS)]
    rule_files: list[str | Path] = [*shipped_rule_files(), *config.rules]
    use_cache = not args.no_cache
    rules = load_rules(rule_files, config.overrides, cache_dir=args.cache_dir, use_cache=use_cache)
    compiled = compile_reference(facts, cache_dir=args.cache_dir, enabled=use_cache)
    if len(compiled.reference) == 0:  # a gate that cannot fail must not pass in silence
        named = ", ".join(_shown(f) for f in facts)
        raise FactcheckError(
            f"{_shown(facts[0])}:1:1: no entities in the reference set ({named}): nothing "
            "could be checked against it; add entities, or point --facts at the right files"
        )
    checker = compiled.checker(rules, config.skip_scopes)
    setup = functools.partial(
        setup_checker,
        facts,
        rule_files,
        config.overrides,
        args.cache_dir,
        use_cache,
        config.skip_scopes,
    )
    main_reporter = _reporter(args)
    extra = [(path, _reporter(args, fmt, to_file=True)) for fmt, path in args.report]

    input_errors: list[str] = []
    paths = _inputs(args.paths, input_errors, args.include, args.exclude)
    compiled.prepare_for(_size(path) for path in paths if path != "-")
    tasks = (
        (args.stdin_filename, sys.stdin.buffer.read()) if path == "-" else (path, None)
        for path in paths
    )
    gate = Gate(args.baseline, args.write_baseline, args.report_unused_ignores, args.min_level)
    gating = gate.start({r.id for r in rules}, complete=not input_errors)
    shown_facts = tuple(_shown(f) for f in facts)
    header = Header(shown_facts, tuple(rules), facts_are_sample=not config.facts)
    bar = FileProgress.wanted(args.quiet, report_to_stdout=args.output is None)
    with _Outputs() as outputs, FileProgress(len(paths), bar) as progress:
        outputs.open(main_reporter, args.output, main=True)
        for path, reporter in extra:
            outputs.open(reporter, path)
        outputs.start(header)
        totals = Summary()
        jobs = min(args.jobs, len(paths))  # a process per file at most: none idle
        sent = _sent(outputs, jobs)
        outcomes = check_all(
            tasks, published, rules, checker, setup, jobs, sent, encoding=config.encoding
        )
        for result in outcomes:
            progress.advance()
            if isinstance(result, list):
                input_errors.extend(result)
                continue
            shown = gating.file(result).shown
            totals = totals.add(shown)
            outputs.file(shown)
        outcome = gating.finish(complete=not input_errors)
        outputs.finish(totals)
    input_errors += outputs.problems
    for line in [*outcome.warnings, *([] if args.quiet else outcome.notes), *input_errors]:
        print(line, file=sys.stderr)
    if input_errors:
        return 2
    threshold = FAIL_LEVELS[config.fail_on]
    failed, shown_failing = outcome.failing(threshold), outcome.failing_shown(threshold)
    if failed > shown_failing:
        print(
            f"factcheck: {failed - shown_failing} failing finding(s) below --min-level "
            f"{args.min_level}",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _sent(outputs: _Outputs, jobs: int) -> Callable[[FileReport], FileReport] | None:
    """Return what workers do to a report before sending it: leave its results when unread."""
    from factcheck.parallel import leave_results
    from factcheck.reporters.base import reads_results
    from factcheck.reporters.json import JsonReporter

    reporters = [output.reporter for output in outputs.outputs]
    if jobs <= 1 or any(reads_results(r) for r in reporters):
        return None
    json_claims = any(isinstance(r, JsonReporter) for r in reporters)
    return functools.partial(leave_results, json_claims=json_claims)


class _Output:
    """One report being written: its reporter, and its file (None for standard output)."""

    def __init__(self, reporter: StreamingReporter, path: str | None, main: bool) -> None:
        from factcheck.atomic import AtomicWriter

        self.reporter = reporter
        self.path = path
        self.main = main
        self.file = None if path is None else AtomicWriter(path)

    def write(self, text: str) -> None:
        if not text:
            return
        if self.file is None:
            sys.stdout.write(text)
        else:
            self.file.write(text)


class _Outputs:
    """Every report of a run, written at once a piece at a time: ``-o`` (or stdout) and --report.

    Files are written atomically (`factcheck.atomic.AtomicWriter`): leaving the ``with`` block
    before `finish`, by an error or a signal, removes every temporary file and leaves what was
    there. A ``--report`` file that cannot be written is dropped with a line in `problems`; the
    main output failing stops the run (`FactcheckError`).
    """

    def __init__(self) -> None:
        self.outputs: list[_Output] = []
        self.problems: list[str] = []

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for output in self.outputs:
            if output.file is not None:
                output.file.discard()

    def open(self, reporter: Reporter, path: str | None, main: bool = False) -> None:
        """Add a report in ``reporter``'s format, to ``path`` or (None) standard output."""
        from factcheck.reporters.base import streaming

        try:
            self.outputs.append(_Output(streaming(reporter), path, main))
        except OSError as exc:
            self._failed(path or "-", main, exc)

    def start(self, header: Header) -> None:
        """Write every report's beginning."""
        for output in list(self.outputs):
            self._write(output, output.reporter.start(header))

    def file(self, report: FileReport) -> None:
        """Write one file's report to every output."""
        for output in list(self.outputs):
            self._write(output, output.reporter.file(report))

    def finish(self, summary: Summary) -> None:
        """Write every report's end, then put the files in place: all on disk before any rename."""
        for output in list(self.outputs):
            self._write(output, output.reporter.finish(summary))
        for commit in (False, True):
            for output in list(self.outputs):
                if output.file is None:
                    continue
                try:
                    if commit:
                        output.file.commit()
                    else:
                        output.file.sync()
                except OSError as exc:
                    self._drop(output, exc)

    def _write(self, output: _Output, text: str) -> None:
        try:
            output.write(text)
        except OSError as exc:
            if output.file is None:
                raise  # standard output: a closed pipe ends the run quietly (see main)
            self._drop(output, exc)

    def _drop(self, output: _Output, exc: OSError) -> None:
        if output.file is not None:
            output.file.discard()
        self.outputs.remove(output)
        self._failed(output.path or "-", output.main, exc)

    def _failed(self, path: str, main: bool, exc: OSError) -> None:
        from factcheck.errors import FactcheckError

        message = f"{path}:1:1: cannot write report: {exc.strerror}"
        if main:
            raise FactcheckError(message) from None
        self.problems.append(message)


def _size(path: str) -> int:
    """Return the size of an input file (what can be known before reading it)."""
    try:
        return os.path.getsize(path)
    except OSError:  # reported when the file is read
        return 0


def _shown(path: str | Path) -> str:
    """Return a path relative to the working directory when it lies under it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse_date(value: str | None) -> dt.date | None:
    from factcheck.errors import FactcheckError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FactcheckError(f'--date: "{value}" is not a date (use YYYY-MM-DD)') from None


def _inputs(
    paths: Sequence[str], errors: list[str], include: Sequence[str], exclude: Sequence[str]
) -> list[str]:
    """Expand directories into the articles under them (see `factcheck.inputs`)."""
    from factcheck.inputs import expand

    return expand(paths, errors, include, exclude)


def _reporter(
    args: argparse.Namespace, fmt: str | None = None, to_file: bool | None = None
) -> Reporter:
    """Build the reporter registered for ``fmt`` (else --format) in ``factcheck.reporters``.

    Built-in reporters register there exactly as plugins do; a reporter whose constructor
    takes ``color``, ``verbose`` or ``quiet`` is told the command line's choice.
    """
    import importlib.metadata
    import inspect

    from factcheck.errors import FactcheckError

    fmt = fmt or args.format or "rich"
    to_file = bool(args.output) if to_file is None else to_file
    found = importlib.metadata.entry_points(group="factcheck.reporters").select(name=fmt)
    if not found:
        raise FactcheckError(
            f"--format {fmt}: no reporter is registered under that name (reinstall factcheck)"
        )
    ep = next(iter(found))
    try:
        factory = ep.load()
    except Exception as exc:  # a broken plugin must not crash the run with a traceback
        dist = ep.dist.name if ep.dist is not None else "?"
        raise FactcheckError(f'failed to load plugin "{dist}[{ep.name}]": {exc}') from None
    options = {
        "color": _use_color(args.color, to_file=to_file),
        "verbose": args.verbose,
        "quiet": args.quiet,
    }
    accepted = inspect.signature(factory).parameters
    reporter: Reporter = factory(**{k: v for k, v in options.items() if k in accepted})
    return reporter


def _use_color(choice: str, to_file: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or to_file:
        return False
    return sys.stdout.isatty()


def console() -> None:
    """Console-script entry point: exit with :func:`main`'s code."""
    sys.exit(main())


if __name__ == "__main__":
    console()
