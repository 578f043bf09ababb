"""Applies ``factcheck-ignore`` directives: findings an editor has checked and accepted.

In Markdown and HTML a comment silences the named rules in the paragraph that follows it
(the first block that starts after the comment: a paragraph, heading, list or table)::

    <!-- factcheck-ignore event-date: the ministry's own release gives July -->

In plain text a directive at the end of a line silences the named rules on that line::

    The summit was in July. factcheck-ignore[event-date]: the ministry's release says July

Several rules may be named, separated by commas. The reason is required: a directive
without one is not applied, and a warning names its place. With ``report_unused``, a
directive that silences nothing becomes a finding of the rule ``unused-ignore`` (a warning),
so a stale directive shows up in every report format and can fail the run with
``--fail-on warning``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from factcheck.check import FileReport, Finding
from factcheck.errors import did_you_mean
from factcheck.markup import Directive

UNUSED_RULE = "unused-ignore"


def apply(
    report: FileReport, rule_ids: Collection[str], report_unused: bool = False
) -> tuple[FileReport, list[str]]:
    """Return the report without the findings its directives silence, and warnings.

    Each warning is one ``file:line:col: warning: …`` line about a directive that is not
    applied (no rule, no reason, nothing after it) or names a rule that is not loaded.
    A report is judged on its own: a run applies this to each file as it is checked.
    """
    warnings: list[str] = []
    applied: list[Directive] = []
    for directive in report.document.directives:
        problem = _problem(directive, rule_ids)
        if problem is not None:
            line, column = report.document.position(directive.span.start)
            warnings.append(f"{report.document.path}:{line}:{column}: warning: {problem}")
        if directive.rules and directive.reason and directive.target is not None:
            applied.append(directive)
    if not applied and not report_unused:
        return report, warnings
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in report.findings:
        silenced = [
            (i, finding.rule)
            for i, d in enumerate(applied)
            if finding.rule in d.rules and _covers(d, finding)
        ]
        used.update(silenced)
        if not silenced:
            kept.append(finding)
    if report_unused:
        kept += _unused(report, applied, used)
        kept.sort(key=lambda f: (f.span, f.rule, f.entity or ""))
    return dataclasses.replace(report, findings=tuple(kept)), warnings


def _covers(directive: Directive, finding: Finding) -> bool:
    target = directive.target
    return target is not None and target.start <= finding.span.start < target.end


def _problem(directive: Directive, rule_ids: Collection[str]) -> str | None:
    """Return why ``directive`` is not applied, or what is wrong with it, if anything."""
    if not directive.rules:
        return "factcheck-ignore names no rule; write the rule id, a colon and the reason"
    named = ", ".join(directive.rules)
    if not directive.reason:
        return (
            f"factcheck-ignore {named} has no reason, so it is not applied; "
            f"write why after a colon (factcheck-ignore {named}: why)"
        )
    if directive.target is None:
        return f"factcheck-ignore {named} has no paragraph after it to apply to"
    unknown = [r for r in directive.rules if r not in rule_ids and r != UNUSED_RULE]
    if unknown and rule_ids:
        hint = did_you_mean(unknown[0], rule_ids)
        return f'factcheck-ignore names unknown rule "{unknown[0]}"{hint}'
    return None


def _unused(
    report: FileReport, applied: Sequence[Directive], used: set[tuple[int, str]]
) -> list[Finding]:
    """Return an ``unused-ignore`` finding for each directive naming rules that silenced nothing."""
    out: list[Finding] = []
    for i, directive in enumerate(applied):
        idle = [r for r in directive.rules if (i, r) not in used]
        if not idle:
            continue
        names = ", ".join(f'"{r}"' for r in idle)
        out.append(
            Finding(
                rule=UNUSED_RULE,
                severity="warning",
                span=directive.span,
                found=f"factcheck-ignore {', '.join(idle)}",
                entity=None,
                attribute="",
                expected=None,
                message=f"factcheck-ignore for {names} silences nothing here; remove it",
                fact=None,
                sources=(),
                sentence=directive.span,
            )
        )
    return out
