"""``factcheck schema``: JSON Schema for reference and rule files, generated from their models.

Editors that speak the YAML language server validate and complete a file
that starts with ``# yaml-language-server: $schema=PATH``. The copies in the
repository's ``schemas/`` are this command's output; a test fails when they
drift from the models.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.commands import Subparsers

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = ("reference", "rules")


def add_parser(sub: Subparsers) -> None:
    """Register ``schema``."""
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of reference-set or rule files",
        description="Print the JSON Schema of reference-set files or of rule files (default).",
    )
    parser.add_argument("which", nargs="?", choices=SCHEMAS, default="rules")
    parser.set_defaults(handler=print_schema)


def print_schema(args: argparse.Namespace) -> int:
    """Print the chosen schema as JSON."""
    print(render(args.which), end="")
    return 0


def render(which: str) -> str:
    """Return the schema ``which`` names as the JSON text the committed copies hold."""
    schema = reference_schema() if which == "reference" else rules_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def reference_schema() -> dict[str, Any]:
    """Return the JSON Schema of a reference file (SPEC section 3)."""
    from factcheck.reference.model import ReferenceFile

    schema = ReferenceFile.model_json_schema()
    schema["title"] = "factcheck reference set file"
    return {"$schema": DIALECT, **schema}


def rules_schema() -> dict[str, Any]:
    """Return the JSON Schema of a rules file.

    Examples' inline ``facts`` are validated by the reference-set loader when they run, so
    their model takes any mapping; the schema gives editors the entity schema for them.
    """
    from factcheck.rules.base import RulesFile

    schema = RulesFile.model_json_schema()
    schema["$defs"].update(reference_schema()["$defs"])
    facts = schema["$defs"]["Example"]["properties"]["facts"]
    facts["items"] = {"$ref": "#/$defs/EntityModel"}
    return {"$schema": DIALECT, **schema}
