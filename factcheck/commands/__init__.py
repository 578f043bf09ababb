"""The subcommands beside ``factcheck PATH...``: tools for rule authors and reference editors.

``factcheck`` runs a subcommand when its first argument is one of the words in
`COMMANDS` (a file with such a name is checked as ``./rules``). Each
subcommand lives in its own module with an ``add_parser`` function that
registers it and a handler that returns the exit code; heavy imports wait
for the handler, so that ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    # What each subcommand module's ``add_parser`` registers with.
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

    from factcheck.config import Config
    from factcheck.rules.base import Rule

COMMANDS = ("rules", "explain", "schema", "facts", "config", "init")


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` (starting with the subcommand's word) and run the subcommand."""
    from factcheck.commands import configuration, explain, facts, init, rules, schema

    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Tools for rule authors and reference-set editors.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (rules, explain, schema, facts, configuration, init):
        module.add_parser(sub)
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--config FILE``, as the main command has it."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: factcheck.yaml or [tool.factcheck] found from here up)",
    )


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--rules PATH``, as the main command has it."""
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="extra YAML rules file or directory (repeatable)",
    )


def configured(args: argparse.Namespace) -> Config:
    """Return the configuration ``--config`` names or that is found, with ``--rules`` added."""
    from factcheck.config import load_config

    return load_config(args.config).with_options(rules=getattr(args, "rules", ()))


def configured_rules(config: Config) -> list[Rule]:
    """Load the built-in rules and the configured ones, with the configured overrides."""
    from factcheck.rules.loader import load_rules, shipped_rule_files

    return load_rules([*shipped_rule_files(), *config.rules], config.overrides)
