"""``factcheck facts validate``: load reference files; report every problem, or that none is."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from factcheck.commands import add_config_option, configured

if TYPE_CHECKING:
    from factcheck.commands import Subparsers


def add_parser(sub: Subparsers) -> None:
    """Register ``facts validate``."""
    parser = sub.add_parser("facts", help="work with reference-set files")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    validate = actions.add_parser(
        "validate",
        help="check reference files; print every problem as file:line:col",
        description=(
            "Load reference files and directories (default: those the configuration names) "
            "and report every problem. Exit 2 if there is any."
        ),
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    add_config_option(validate)
    validate.set_defaults(handler=validate_facts)


def validate_facts(args: argparse.Namespace) -> int:
    """Load the reference set; print ``ok: N entities in M files`` (problems raise)."""
    from factcheck.errors import FactcheckError
    from factcheck.reference.loader import load_reference

    paths = args.paths or list(configured(args).facts)
    if not paths:
        raise FactcheckError(
            "facts validate: give reference files or directories (or set facts in the config)"
        )
    reference = load_reference(paths)
    entities, files = len(reference.entities), len(reference.files)
    print(
        f"ok: {entities} {'entity' if entities == 1 else 'entities'} "
        f"in {files} {'file' if files == 1 else 'files'}"
    )
    return 0
