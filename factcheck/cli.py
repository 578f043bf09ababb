"""The ``factcheck`` command line: check articles against a reference set of known facts."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import __version__, commands

if TYPE_CHECKING:
    from factcheck.check import FileReport
    from factcheck.reporters.base import Reporter

FORMATS = ("rich", "json", "sarif", "junit", "github", "markdown", "html")
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SAMPLE_FACTS = "sample-facts"

EPILOG = """\
examples:
  factcheck article.txt                       check against the shipped sample facts
  factcheck --facts facts/ drafts/            every .txt/.md/.html under drafts/
  factcheck --facts facts.yaml --date 2019-02-09 --format json article.txt
  cat article.txt | factcheck --facts facts.yaml -

subcommands (factcheck COMMAND --help for each; check a file named like one as ./rules):
  factcheck rules list                        every loaded rule: id, kind, severity, source
  factcheck rules test [PATH...]              run the rules' examples and annotated fixtures
  factcheck explain RULE-ID                   what a rule checks, its examples, its kind's docs
  factcheck schema [reference|rules]          JSON Schema for reference and rule files
  factcheck facts validate PATH...            check reference files, report every problem
  factcheck config                            the effective configuration and its origins

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
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in rich output (auto respects NO_COLOR and the terminal)",
    )
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    return p


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
    except BrokenPipeError:  # the reader (| head) has gone: stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


class _Terminated(Exception):
    """Raised by the SIGTERM handler so the run unwinds like an interrupt (exit 143)."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _check(args: argparse.Namespace) -> int:
    from factcheck.check import Checker
    from factcheck.config import load_config
    from factcheck.document import load_document
    from factcheck.errors import FactcheckError
    from factcheck.reference.loader import load_reference
    from factcheck.reporters.base import Run
    from factcheck.rules.loader import load_rules, shipped_rule_files, shipped_rules_dir

    if not args.paths:
        raise FactcheckError("no input: give one or more files or directories (or - for stdin)")
    published = _parse_date(args.date)
    config = load_config(args.config).with_options(args.facts, args.rules, args.fail_on)
    facts = list(config.facts) or [_shown(shipped_rules_dir() / SAMPLE_FACTS)]
    reference = load_reference(facts)
    rules = load_rules([*shipped_rule_files(), *config.rules], config.overrides)
    checker = Checker(reference, rules)

    reports: list[FileReport] = []
    input_errors: list[str] = []
    for path in _inputs(args.paths, input_errors):
        try:
            if path == "-":
                doc = load_document(args.stdin_filename, sys.stdin.buffer.read(), published)
            else:
                doc = load_document(path, None, published)
        except FactcheckError as exc:
            input_errors.extend(exc.lines())
            continue
        try:
            reports.append(checker.check(doc))
        except Exception as exc:  # one file's crash must not lose the others' results
            input_errors.append(
                f"{doc.path}:1:1: internal error while checking: {exc!r} (please report this)"
            )

    run = Run(
        tuple(reports),
        tuple(_shown(f) for f in facts),
        tuple(rules),
        facts_are_sample=not config.facts,
    )
    text = _reporter(args).render(run)
    if args.output:
        from factcheck.atomic import write_atomic

        try:
            write_atomic(args.output, text)
        except OSError as exc:
            raise FactcheckError(
                f"{args.output}:1:1: cannot write report: {exc.strerror}"
            ) from None
    else:
        sys.stdout.write(text)
    for line in input_errors:
        print(line, file=sys.stderr)
    if input_errors:
        return 2
    threshold = FAIL_LEVELS[config.fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings)
    return 1 if failing else 0


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


def _inputs(paths: Sequence[str], errors: list[str]) -> list[str]:
    """Expand directories into the articles under them; missing paths become errors."""
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(q) for q in p.rglob("*") if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not found:
                errors.append(f"{raw}:1:1: no .txt, .md or .html files in this directory")
            out.extend(found)
        else:
            out.append(raw)
    return out


def _reporter(args: argparse.Namespace) -> Reporter:
    """Build the reporter registered for --format in the ``factcheck.reporters`` group.

    Built-in reporters register there exactly as plugins do; a reporter whose constructor
    takes ``color`` is told whether to use it.
    """
    import importlib.metadata
    import inspect

    from factcheck.errors import FactcheckError

    fmt = args.format or "rich"
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
    if "color" in inspect.signature(factory).parameters:
        reporter: Reporter = factory(color=_use_color(args.color, to_file=bool(args.output)))
    else:
        reporter = factory()
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
