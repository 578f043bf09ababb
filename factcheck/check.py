"""Runs the pipeline on documents: claims are judged by rules, contradictions become findings."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.candidates import CandidateIndex
from factcheck.claims import Claim, ClaimBuilder, CueSpec, NameValue, Stated
from factcheck.compare import Verdict
from factcheck.document import Document
from factcheck.extract.mentions import Lexicon
from factcheck.reference.model import Entity, Fact, ReferenceSet
from factcheck.rules.attribute import judge_value
from factcheck.rules.base import Judgement, Rule
from factcheck.values import Span


class RuleError(Exception):
    """A rule's code raised on a document: the file's internal error names the rule."""

    def __init__(self, rule: str, cause: Exception) -> None:
        super().__init__(f'rule "{rule}" failed: {cause!r}')
        self.rule = rule


# A quotation within one paragraph: straight or curly double quotes.
_QUOTATION = re.compile(r'"[^"\n]*"|“[^”\n]*”')


@dataclass(frozen=True, slots=True)
class Result:
    """A claim with its verdict and the rule that gave it (None when no rule applies)."""

    claim: Claim
    verdict: Verdict
    rule: Rule | None
    judgement: Judgement


@dataclass(frozen=True, slots=True)
class Finding:
    """A contradicted claim reported at a severity, with the message an editor reads."""

    rule: str
    severity: str
    span: Span
    found: str
    entity: str | None
    attribute: str
    expected: str | None
    message: str
    fact: Fact | None
    sources: tuple[str, ...]
    sentence: Span
    related: tuple[Span, ...] = ()  # other places the finding points at (an earlier claim)


@dataclass(frozen=True, slots=True)
class Tally:
    """What reports need of a file's results when the results stayed where it was checked.

    A ``--jobs`` worker sends this instead of the results when no output reads them one by one
    (`factcheck.parallel`): the claims counted by verdict, and the JSON report's list of them
    when a JSON report is written. Claims do not change after checking, so either can be made
    before the report goes through the gate.
    """

    verdicts: tuple[tuple[str, int], ...]  # (verdict value, claims), in `Verdict` order
    json_claims: str | None = None  # the ``claims`` list as `factcheck.reporters.json` writes it


@dataclass(frozen=True)
class FileReport:
    """Everything one document produced, with every span in the file's offsets.

    For HTML the checker reads the prose taken out of the markup; the report holds the document
    as the file (`Document.in_file`) and spans that point into it. A report whose results were
    left behind (``results`` empty) has their `Tally` instead.
    """

    document: Document
    results: tuple[Result, ...]
    findings: tuple[Finding, ...]
    tally: Tally | None = None

    def verdicts(self) -> dict[str, int]:
        """Return the number of claims by verdict value (every `Verdict` present)."""
        if self.tally is not None:
            return dict(self.tally.verdicts)
        counts = dict.fromkeys((v.value for v in Verdict), 0)
        for r in self.results:
            counts[r.verdict.value] += 1
        return counts

    def left_behind(self, json_claims: str | None = None) -> FileReport:
        """Return this report with its results replaced by their `Tally` (and ``json_claims``)."""
        tally = Tally(tuple(self.verdicts().items()), json_claims)
        return FileReport(self.document, (), self.findings, tally)


class Checker:
    """Checks documents against one reference set with one set of rules."""

    def __init__(
        self,
        reference: ReferenceSet,
        rules: Sequence[Rule],
        lexicon: Lexicon | None = None,
        candidates: CandidateIndex | None = None,
        skip_scopes: Sequence[str] = (),
    ) -> None:
        """Prepare to check documents against ``reference`` with ``rules``.

        ``lexicon`` and ``candidates`` are built from the reference set unless given (the
        reference cache keeps them built, see `factcheck.cache`). ``skip_scopes`` names parts
        of the text whose claims are not judged: ``quotations`` (a quote can't be corrected).
        """
        self.reference = reference
        self.skip_quotations = "quotations" in skip_scopes
        self.rules = [r for r in rules if r.spec.enabled]
        cue_specs = [
            CueSpec(
                r.spec.attribute,
                tuple(r.spec.cues),
                r.spec.value or "number",
                tuple(r.spec.select.type),
                tuple(r.spec.select.id),
            )
            for r in self.rules
            if r.spec.cues and r.spec.attribute
        ]
        self.builder = ClaimBuilder(
            lexicon if lexicon is not None else Lexicon(reference),
            _agrees,
            cue_specs,
            candidates if candidates is not None else CandidateIndex(reference.entities),
        )

    def check(self, doc: Document) -> FileReport:
        """Return the claims, verdicts and findings of one document.

        An exception raised inside a rule is raised again as a `RuleError` naming the rule.
        """
        claims = self.builder.claims(doc)
        if self.skip_quotations:
            quotes = [Span(m.start(), m.end()) for m in _QUOTATION.finditer(doc.text)]
            claims = [c for c in claims if not any(q.contains(c.span) for q in quotes)]
        results = [self._judge(c) for c in claims]
        findings = [self._finding(doc, r) for r in results if r.verdict is Verdict.CONTRADICTED]
        findings += self._reviews(doc, results)
        unique = {(f.rule, f.span, f.entity or ""): f for f in findings}
        ordered = sorted(unique.values(), key=lambda f: (f.span, f.rule, f.entity or ""))
        return _in_file(FileReport(doc, tuple(results), tuple(ordered)))

    def _reviews(self, doc: Document, results: list[Result]) -> list[Finding]:
        """Run the article-wide rules: kinds that ``scan`` the text or ``review`` all claims."""
        pairs = [(r.claim, r.verdict) for r in results]
        out: list[Finding] = []
        for rule in self.rules:
            try:
                out += self._review(doc, rule, pairs)
            except Exception as exc:
                raise RuleError(rule.id, exc) from exc
        return out

    def _review(
        self, doc: Document, rule: Rule, pairs: list[tuple[Claim, Verdict]]
    ) -> list[Finding]:
        """Return the findings of one article-wide rule (none for a kind that judges claims)."""
        out: list[Finding] = []
        scan = getattr(rule.kind, "scan", None)
        if scan is not None:
            hits = scan(rule, doc.text, doc.regions)
            out += [self._text_finding(doc, rule, *hit) for hit in hits]
        review = getattr(rule.kind, "review", None)
        if review is None:
            return out
        for later, earlier in review(rule, pairs):
            line, _ = doc.position(earlier.span.start)
            other = earlier.span.text(doc.text)
            judgement = Judgement(Verdict.CONTRADICTED, f"{other} (line {line})")
            result = Result(later, Verdict.CONTRADICTED, rule, judgement)
            finding = self._finding(doc, result)
            out.append(dataclasses.replace(finding, related=(earlier.span,)))
        return out

    def _text_finding(self, doc: Document, rule: Rule, span: Span, wanted: str) -> Finding:
        """Return the finding for words a text rule flags (no entity, no fact)."""
        line_start = max(doc.text.rfind("\n", 0, span.start) + 1, 0)
        line_end = doc.text.find("\n", span.end)
        line = Span(line_start, len(doc.text) if line_end < 0 else line_end)
        value = NameValue(span.text(doc.text), wanted)
        claim = Claim(None, rule.spec.attribute or "spelling", span, value, line, doc.published)
        result = Result(claim, Verdict.CONTRADICTED, rule, Judgement(Verdict.CONTRADICTED, wanted))
        return self._finding(doc, result)

    def _judge(self, claim: Claim) -> Result:
        entity = self.reference.get(claim.entity) if claim.entity else None
        if entity is None and (claim.entity is not None or claim.candidates):
            return Result(claim, Verdict.UNVERIFIABLE, None, Judgement(Verdict.UNVERIFIABLE))
        for rule in self.rules:
            try:
                if rule.applies(claim, entity):
                    judgement = rule.kind.judge(rule, claim, entity)
                    return Result(claim, judgement.verdict, rule, judgement)
            except Exception as exc:
                raise RuleError(rule.id, exc) from exc
        return Result(claim, Verdict.UNVERIFIABLE, None, Judgement(Verdict.UNVERIFIABLE))

    def _finding(self, doc: Document, result: Result) -> Finding:
        claim, rule, judgement = result.claim, result.rule, result.judgement
        assert rule is not None
        entity = self.reference.get(claim.entity) if claim.entity else None
        found = claim.span.text(doc.text)
        message = judgement.message or _message(rule, entity, claim, found, judgement)
        return Finding(
            rule=rule.id,
            severity=rule.spec.severity,
            span=claim.span,
            found=found,
            entity=entity.id if entity else None,
            attribute=claim.attribute,
            expected=judgement.expected,
            message=message,
            fact=judgement.fact,
            sources=entity.sources if entity else (),
            sentence=claim.sentence,
        )


def _agrees(entity: Entity, attribute: str, value: Stated) -> bool:
    """Tell whether a cue agrees with an entity's fact, compared as the attribute rules do."""
    return judge_value(entity, attribute, value, None).verdict is Verdict.SUPPORTED


def _in_file(report: FileReport) -> FileReport:
    """Return the report with every span in the file's offsets (they differ only for HTML)."""
    view = report.document.view
    if view is None:
        return report
    results = tuple(
        dataclasses.replace(
            r,
            claim=dataclasses.replace(
                r.claim, span=view.span(r.claim.span), sentence=view.span(r.claim.sentence)
            ),
        )
        for r in report.results
    )
    findings = tuple(
        dataclasses.replace(
            f,
            span=view.span(f.span),
            sentence=view.span(f.sentence),
            related=tuple(view.span(s) for s in f.related),
        )
        for f in report.findings
    )
    return FileReport(report.document.in_file(), results, findings)


def _message(
    rule: Rule, entity: Entity | None, claim: Claim, found: str, judgement: Judgement
) -> str:
    template = (
        rule.spec.message
        or getattr(rule.kind, "message", None)  # a kind's own default wording
        or "{entity}: {attribute} is {expected}, not {found}"
    )
    return template.format(
        entity=entity.names[0] if entity else "the text",
        found=found,
        expected=judgement.expected or "something else",
        source=", ".join(entity.sources) if entity else "",
        attribute=claim.attribute,
    )
