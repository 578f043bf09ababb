"""``factcheck explain RULE-ID``: what a rule checks, its examples, and its kind's documentation."""

from __future__ import annotations

import argparse
import inspect
import textwrap
from typing import TYPE_CHECKING

from factcheck.commands import add_config_option, add_rules_option, configured, configured_rules

if TYPE_CHECKING:
    from factcheck.commands import Subparsers
    from factcheck.rules.base import Kind, Rule


def add_parser(sub: Subparsers) -> None:
    """Register ``explain``."""
    parser = sub.add_parser(
        "explain",
        help="document a rule (or a rule kind) with its examples",
        description="Show what a rule checks, its message and examples, and its kind's docs.",
    )
    parser.add_argument("rule", metavar="RULE-ID", help="a rule id, or the name of a rule kind")
    add_rules_option(parser)
    add_config_option(parser)
    parser.set_defaults(handler=explain)


def explain(args: argparse.Namespace) -> int:
    """Print the documentation of one rule, or of one kind; an unknown name is an error."""
    from factcheck.errors import FactcheckError, did_you_mean
    from factcheck.rules.loader import kinds

    rules = configured_rules(configured(args))
    by_id = {r.id: r for r in rules}
    available = kinds()
    if args.rule in by_id:
        print(describe_rule(by_id[args.rule]), end="")
    elif args.rule in available:
        users = [r.id for r in rules if r.kind is available[args.rule]]
        print(describe_kind(args.rule, available[args.rule]), end="")
        print(f"\nrules of this kind: {', '.join(users) or 'none loaded'}")
    else:
        hint = did_you_mean(args.rule, [*by_id, *available])
        raise FactcheckError(f'unknown rule "{args.rule}"{hint}; "factcheck rules list" shows all')
    return 0


def describe_rule(rule: Rule) -> str:
    """Return a rule's documentation: its fields, examples, then its kind's docstring."""
    from factcheck.config import shown

    spec = rule.spec
    state = spec.severity if spec.enabled else f"{spec.severity}, disabled"
    lines = [
        f"{rule.id} ({rule.kind.name} rule, {state}) defined at {shown(rule.path)}:{rule.line}"
    ]
    if spec.description:
        lines += ["", *textwrap.wrap(spec.description, 88)]
    lines.append("")
    fields = {
        "attribute": spec.attribute,
        "select": ", ".join(
            [*(f"type {t}" for t in spec.select.type), *(f"id {i}" for i in spec.select.id)]
        )
        or None,
        "cues": ", ".join(spec.cues) if spec.cues else None,
        "value": spec.value,
        "message": spec.message,
        "link": spec.link,
    }
    lines += [f"{name}: {value}" for name, value in fields.items() if value]
    if spec.examples:
        lines += ["", "examples:"]
        for ex in spec.examples:
            context = [f"date {ex.date.isoformat()}"] if ex.date else []
            if ex.found is not None:
                context.append(f'about "{ex.found}"')
            if ex.facts_file:
                context.append(f"facts from {ex.facts_file}")
            lines.append(f"  {ex.expect}: {ex.text}")
            if context:
                lines.append(f"    ({'; '.join(context)})")
    lines += ["", describe_kind(rule.kind.name, rule.kind)]
    return "\n".join(lines)


def describe_kind(name: str, kind: Kind) -> str:
    """Return a kind's documentation: the docstring of the module (or object) that is the kind."""
    doc = inspect.getdoc(kind) or "(this kind has no documentation)"
    return f'kind "{name}":\n\n{textwrap.indent(doc, "    ")}\n'
