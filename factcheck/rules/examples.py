"""Runs what rules say about themselves: their ``examples:`` and annotated fixture articles.

An example is a text, its publication date, the facts it needs (inline, as in
a reference file, or ``facts_file:``) and the verdict the rule must give. The
rule is run together with every other loaded rule, as in a real check, and
its verdict on the example is: ``contradicted`` if it reports a finding,
``supported`` if it supports a claim, else ``unverifiable``. With ``found:``,
only the claims stated by exactly those words count.

A fixture article is a Markdown file whose HTML comments say which rules
must flag which line::

    ---
    date: 2019-02-09
    facts: ../facts/korea.yaml    # a path or a list, relative to the fixture
    ---
    Their first summit in Singapore in July was historic. <!-- expect: event-date -->
    <!-- ok: event-place -->
    The summit in Singapore ended without a deal.

A comment at the end of a line annotates that line; a line holding only
comments annotates the next line that holds text. ``expect: a, b`` requires a
finding of each rule on that line, ``ok: a`` requires none; any other finding
in a fixture is a failure too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from factcheck.check import Checker, FileReport
from factcheck.document import load_document
from factcheck.errors import FactcheckError, Problem
from factcheck.reference import yamlnodes as nodes
from factcheck.reference.loader import load_entities, load_reference
from factcheck.reference.model import ReferenceSet
from factcheck.rules.base import Example, Rule

_ANNOTATION = re.compile(r"<!--\s*(expect|ok)\s*:\s*([^>]*?)\s*-->")
_COMMENT = re.compile(r"<!--.*?-->")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Case:
    """One example of one rule, located where it is written."""

    rule: Rule
    index: int
    example: Example
    line: int
    column: int

    @property
    def name(self) -> str:
        """Return a short name: the rule id and the example's number, from 1."""
        return f"{self.rule.id} example {self.index + 1}"

    @property
    def where(self) -> str:
        """Return ``file:line:column`` of the example."""
        return f"{self.rule.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Outcome:
    """The result of one example or fixture: passed when nothing differs and nothing failed.

    ``diff`` shows what was expected against what happened; ``errors`` say why it could not
    run, one ``file:line:col: message`` each.
    """

    name: str
    where: str
    diff: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """Tell whether the example or fixture ran and gave what it expects."""
        return not (self.diff or self.errors)


def cases(rules: Sequence[Rule]) -> list[Case]:
    """Return every example of ``rules``, in rule order."""
    out: list[Case] = []
    for rule in rules:
        items = _example_nodes(rule)
        for index, example in enumerate(rule.spec.examples):
            node = items[index] if index < len(items) else None
            line, column = (node.line, node.column) if node else (rule.line, rule.column)
            out.append(Case(rule, index, example, line, column))
    return out


def run_case(case: Case, rules: Sequence[Rule]) -> Outcome:
    """Run one example with ``rules`` (all loaded rules, so that shared cue words behave)."""
    example = case.example
    reference = _example_facts(case)
    report = Checker(reference, rules).check(
        load_document("example.txt", example.text.encode("utf-8"), example.date)
    )
    judged = _judged(report, case.rule.id)
    if example.found is not None:
        judged = [j for j in judged if j[0] == example.found]
    verdicts = {verdict for _, verdict, _ in judged}
    actual = next(
        (v for v in ("contradicted", "supported") if v in verdicts),
        "unverifiable",
    )
    if actual == example.expect:
        return Outcome(case.name, case.where)
    found = f' "{example.found}"' if example.found is not None else ""
    diff = [
        f"text: {example.text}",
        f"- expected: {example.expect}{found}",
        f"+ actual:   {actual}{found}",
    ]
    everything = _judged(report, case.rule.id)
    if everything:
        diff.append(f"{case.rule.id} judged:")
        diff.extend(f'  "{words}" {verdict}{note}' for words, verdict, note in everything)
    else:
        diff.append(f"{case.rule.id} judged no claim in this text")
    return Outcome(case.name, case.where, tuple(diff))


def _judged(report: FileReport, rule_id: str) -> list[tuple[str, str, str]]:
    """Return the words, verdict and expected value of every claim the rule judged."""
    text = report.document.text
    out: list[tuple[str, str, str]] = []
    for r in report.results:
        if r.rule is not None and r.rule.id == rule_id:
            expected = f" (reference: {r.judgement.expected})" if r.judgement.expected else ""
            out.append((r.claim.span.text(text), r.verdict.value, expected))
    for f in report.findings:
        item = (f.found, "contradicted", f" (reference: {f.expected})" if f.expected else "")
        if f.rule == rule_id and item not in out:
            out.append(item)
    return out


def _example_facts(case: Case) -> ReferenceSet:
    """Load the facts an example needs through the reference-set loader."""
    example = case.example
    if example.facts_file is not None:
        return load_reference([Path(case.rule.path).parent / example.facts_file])
    if not example.facts:
        return ReferenceSet((), ())
    items = _example_nodes(case.rule)
    node = _value(items[case.index], "facts") if case.index < len(items) else None
    if node is None:
        composed = _compose(case.rule.path)
        if isinstance(composed, nodes.ComposeError):
            # The reference loader reads facts without YAML aliases or tags, whatever the file.
            message = f"example facts cannot be read here: {composed.message}"
            raise FactcheckError([Problem(case.rule.path, composed.line, composed.column, message)])
        raise FactcheckError([Problem(case.rule.path, case.line, case.column, "facts not found")])
    return load_entities(case.rule.path, node)


def _example_nodes(rule: Rule) -> list[nodes.Node]:
    """Return the nodes of a rule's examples in its file (positions kept)."""
    root = _compose(rule.path)
    rules = _value(root, "rules") if isinstance(root, nodes.Mapping) else None
    if not isinstance(rules, nodes.Sequence):
        return []
    for item in rules.items:
        if (item.line, item.column) == (rule.line, rule.column):
            examples = _value(item, "examples")
            return examples.items if isinstance(examples, nodes.Sequence) else []
    return []


@functools.cache
def _compose(path: str) -> nodes.Node | nodes.ComposeError | None:
    """Return a rule file's nodes as the reference loader reads them, or why it cannot."""
    try:
        return nodes.compose(Path(path).read_text(encoding="utf-8-sig"))
    except nodes.ComposeError as exc:
        return exc
    except (OSError, UnicodeDecodeError):
        return None  # the rules loader has read this file already and reported its problems


def _value(node: nodes.Node, key: str) -> nodes.Node | None:
    if isinstance(node, nodes.Mapping):
        for k, v in node.pairs:
            if isinstance(k, nodes.Scalar) and k.value == key:
                return v
    return None


# --- fixture articles ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    """What a comment in a fixture says about one line: ``rule`` must (or must not) flag it."""

    line: int
    rule: str
    expect: bool


def read_annotations(text: str) -> list[Annotation]:
    """Return the annotations of a fixture, each on the line it refers to."""
    out: list[Annotation] = []
    waiting: list[tuple[str, bool]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = [
            (rule.strip(), what == "expect")
            for what, rules in _ANNOTATION.findall(line)
            for rule in rules.split(",")
            if rule.strip()
        ]
        if not _COMMENT.sub("", line).strip():
            waiting.extend(found)
            continue
        out.extend(Annotation(number, rule, expect) for rule, expect in (*waiting, *found))
        waiting = []
    return out


def run_fixture(path: Path, rules: Sequence[Rule]) -> Outcome:
    """Check one annotated fixture article with ``rules`` against the facts it names."""
    text = path.read_text(encoding="utf-8-sig")
    report = Checker(_fixture_facts(path, text), rules).check(load_document(str(path)))
    expected: dict[int, set[str]] = {}
    allowed: dict[int, set[str]] = {}
    for a in read_annotations(text):
        (expected if a.expect else allowed).setdefault(a.line, set()).add(a.rule)
    actual: dict[int, dict[str, str]] = {}
    for f in report.findings:
        line, _ = report.document.position(f.span.start)
        actual.setdefault(line, {}).setdefault(f.rule, f.message)
    known = {r.id for r in rules}
    diff: list[str] = []
    for line in sorted(expected.keys() | allowed.keys() | actual.keys()):
        want, got = expected.get(line, set()), actual.get(line, {})
        unknown = sorted((want | allowed.get(line, set())) - known)
        missing = sorted(want - got.keys())
        extra = sorted(got.keys() - want)
        if not (missing or extra or unknown):
            continue
        diff.append(f"line {line}: {text.splitlines()[line - 1].strip()}")
        diff.extend(f"  unknown rule id {rule!r} in an annotation" for rule in unknown)
        diff.extend(f"  - {rule} (expected, not reported)" for rule in missing if rule in known)
        diff.extend(f"  + {rule}: {got[rule]}" for rule in extra)
    return Outcome(path.name, str(path), tuple(diff))


def _fixture_facts(path: Path, text: str) -> ReferenceSet:
    """Load the reference files a fixture's front matter names in ``facts:``."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return ReferenceSet((), ())
    try:
        front = yaml.safe_load(match[1])
    except yaml.YAMLError:
        front = None  # load_document reports malformed front matter where it is
    facts = front.get("facts") if isinstance(front, dict) else None
    if facts is None:
        return ReferenceSet((), ())
    names = [facts] if isinstance(facts, str) else facts
    if not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
        message = 'front matter "facts" must be a path or a list of paths'
        raise FactcheckError([Problem(str(path), 2, 1, message)])
    return load_reference([path.parent / name for name in names])


def split_paths(paths: Sequence[str | Path]) -> tuple[list[Path], list[Path]]:
    """Split ``paths`` into rule files and fixture articles; directories are searched.

    Inside a directory, YAML files that are reference sets (no top-level ``rules:``) are left
    out, so that a fixture's facts can sit beside it.
    """
    rule_files: list[Path] = []
    fixtures: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.suffix in (".md", ".markdown"):
                    fixtures.append(q)
                elif q.suffix in (".yaml", ".yml") and _is_rules_file(q):
                    rule_files.append(q)
        elif p.suffix in (".md", ".markdown"):
            fixtures.append(p)
        else:
            rule_files.append(p)
    return rule_files, fixtures


def _is_rules_file(path: Path) -> bool:
    root = _compose(str(path))
    return not isinstance(root, nodes.Mapping) or _value(root, "rules") is not None


def run_all(
    rules: Sequence[Rule], tested: Sequence[Rule], fixtures: Sequence[Path]
) -> Iterator[Outcome]:
    """Run the examples of ``tested`` and every fixture, each with all of ``rules``."""
    for case in cases(tested):
        try:
            yield run_case(case, rules)
        except FactcheckError as exc:
            yield Outcome(case.name, case.where, errors=tuple(exc.lines()))
    for fixture in fixtures:
        try:
            yield run_fixture(fixture, rules)
        except FactcheckError as exc:
            yield Outcome(fixture.name, str(fixture), errors=tuple(exc.lines()))
