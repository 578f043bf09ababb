"""``factcheck init [DIR]``: start a project with a configuration, examples and a CI workflow."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.commands import Subparsers


def add_parser(sub: Subparsers) -> None:
    """Register ``init``."""
    parser = sub.add_parser(
        "init",
        help="create factcheck.yaml, facts/, rules/ and a GitHub Actions workflow",
        description="Create factcheck.yaml, facts/example.yaml (one commented entity), "
        "rules/example.yaml (one commented rule) and .github/workflows/factcheck.yml. "
        "Existing files are never overwritten.",
    )
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR", help="default: .")
    parser.set_defaults(handler=init)


def init(args: argparse.Namespace) -> int:
    """Write the scaffold and say what to do next."""
    from factcheck.scaffold import create

    for path in create(args.directory):
        print(f"created {path}")
    print(
        "next: put your facts in facts/, then run: factcheck ARTICLE... "
        "(factcheck facts validate facts/ checks the reference files)"
    )
    return 0
