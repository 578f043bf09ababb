"""``factcheck config``: the effective configuration, and where each value came from."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from factcheck.commands import add_config_option, add_rules_option

if TYPE_CHECKING:
    from factcheck.commands import Subparsers

FAIL_LEVELS = ("error", "warning", "info", "never")


def add_parser(sub: Subparsers) -> None:
    """Register ``config``; it takes the main command's options to show how they override."""
    parser = sub.add_parser(
        "config",
        help="print the effective configuration and where each value came from",
        description=(
            "Print the configuration a check would use, as YAML with the origin of each value. "
            "Give the options a check would get to see how they override the file."
        ),
    )
    add_config_option(parser)
    parser.add_argument("--facts", action="append", default=[], metavar="PATH")
    add_rules_option(parser)
    parser.add_argument("--fail-on", choices=FAIL_LEVELS)
    parser.set_defaults(handler=show_config)


def show_config(args: argparse.Namespace) -> int:
    """Print the configuration with the given options applied."""
    from factcheck.config import describe, load_config

    config = load_config(args.config).with_options(args.facts, args.rules, args.fail_on)
    print(describe(config), end="")
    return 0
