"""``factcheck rules list`` and ``rules test``: show the loaded rules, run their examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.commands import add_config_option, add_rules_option, configured, configured_rules

if TYPE_CHECKING:
    from factcheck.commands import Subparsers

HEADERS = ("ID", "KIND", "SEVERITY", "SOURCE")


def add_parser(sub: Subparsers) -> None:
    """Register ``rules list`` and ``rules test``."""
    parser = sub.add_parser("rules", help="list the loaded rules, or run their examples")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="id, kind, severity and source of every rule")
    add_rules_option(listing)
    add_config_option(listing)
    listing.set_defaults(handler=run_list)

    test = actions.add_parser(
        "test",
        help="run the rules' examples and annotated fixture articles",
        description=(
            "Run the examples of the rules in PATH (rule files, fixture .md articles, or "
            "directories of both) and check the fixtures. Default: the built-in rules and "
            "those the configuration names. Exit 1 if any example or fixture fails."
        ),
    )
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files, fixtures, directories")
    test.add_argument("-v", "--verbose", action="store_true", help="name every passing example")
    add_config_option(test)
    test.set_defaults(handler=run_tests)


def run_list(args: argparse.Namespace) -> int:
    """Print every loaded rule: a table on a terminal, plain columns otherwise."""
    from factcheck.config import shown

    rules = configured_rules(configured(args))
    rows: list[tuple[str, ...]] = [
        (
            r.id,
            r.kind.name,
            r.spec.severity if r.spec.enabled else "off",
            f"{shown(r.path)}:{r.line}",
        )
        for r in rules
    ]
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*HEADERS, box=None, header_style="bold")
        for row in rows:
            table.add_row(*row)
        Console().print(table)
    else:
        widths = [max(len(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS) - 1)]
        for row in [HEADERS, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            print("  ".join([*cells, row[-1]]))
    return 0


def run_tests(args: argparse.Namespace) -> int:
    """Run examples and fixtures; print a diff for each failure; 1 if any failed, 2 if broken."""
    from factcheck.config import shown
    from factcheck.rules.examples import run_all, split_paths
    from factcheck.rules.loader import load_rules, rule_files, shipped_rule_files

    config = configured(args)
    given_rules, fixtures = split_paths(args.paths or [*shipped_rule_files(), *config.rules])
    given = {p.resolve() for p in rule_files(given_rules)}
    shipped = [p for p in shipped_rule_files() if p.resolve() not in given]
    rules = load_rules([*shipped, *given_rules])
    tested = [r for r in rules if Path(r.path).resolve() in given]
    failed = broken = passed = 0
    for outcome in run_all(rules, tested, fixtures):
        if outcome.errors:
            broken += 1
            print(f"ERROR {outcome.name} ({shown(outcome.where)})")
            print("\n".join(f"  {line}" for line in outcome.errors))
        elif outcome.diff:
            failed += 1
            print(f"FAIL {outcome.name} ({shown(outcome.where)})")
            print("\n".join(f"  {line}" for line in outcome.diff))
        else:
            passed += 1
            if args.verbose:
                print(f"ok   {outcome.name} ({shown(outcome.where)})")
    examples = sum(len(r.spec.examples) for r in tested)
    bare = [r.id for r in tested if not r.spec.examples]
    if bare:
        print(f"note: no examples for {', '.join(bare)}")
    print(
        f"{_count(examples, 'example')} of {_count(len(tested), 'rule')} and "
        f"{_count(len(fixtures), 'fixture')}: {passed} passed, {failed} failed"
        + (f", {broken} could not run" if broken else "")
    )
    return 2 if broken else 1 if failed else 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
