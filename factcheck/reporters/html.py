"""The ``html`` reporter: one self-contained page showing each article with its claims marked.

Every claim is highlighted by verdict (contradicted, supported, unverifiable) with a CSS-only
tooltip saying what the reference holds and where from; contradicted claims are numbered and
listed above the article. The page has inline CSS only, no script and no external resource, and
a Content-Security-Policy that forbids them. All article text goes through ``html.escape``.
Overlapping claims are merged into one mark whose inner segments do not overlap, so the markup
stays well nested whatever spans the extractor produced.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import factcheck
from factcheck.check import FileReport, Finding, Result
from factcheck.compare import Verdict
from factcheck.reporters.base import (
    Run,
    location,
    plural,
    reference_of,
    source_link,
    summary,
)
from factcheck.values import Span

CSP = "default-src 'none'; style-src 'unsafe-inline'"
# Which verdict colours a stretch of text that several claims cover.
_PRECEDENCE = {Verdict.CONTRADICTED: 3, Verdict.UNVERIFIABLE: 2, Verdict.SUPPORTED: 1}
_PUBLISHED_FROM = {"option": "from --date", "front matter": "from the front matter"}

STYLE = """
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --canvas: #f6f8fa;
  --red: #cf222e; --red-bg: #ffebe9; --green: #1a7f37; --green-bg: #dafbe1;
  --grey: #6e7781; --amber: #9a6700; --blue: #0969da;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--canvas); color: var(--ink);
  font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial,
    sans-serif;
}
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.page { max-width: 960px; margin: 0 auto; padding: 32px 24px 48px; }
.top { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-end;
  justify-content: space-between; margin-bottom: 20px; }
.top h1 { margin: 0; font-size: 24px; font-weight: 600; letter-spacing: -0.01em; }
.top p { margin: 4px 0 0; color: var(--muted); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 8px;
  margin: 0 0 12px; }
.stat { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 14px; }
.stat dt { color: var(--muted); font-size: 12px; text-transform: uppercase;
  letter-spacing: 0.04em; }
.stat dd { margin: 2px 0 0; font-size: 24px; font-weight: 600; }
.stat.supported dd { color: var(--green); }
.stat.contradicted dd { color: var(--red); }
.stat.unverifiable dd { color: var(--grey); }
.severities { margin: 0; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 22px;
  margin: 4px 0 28px; padding: 10px 14px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; color: var(--muted); font-size: 13px; }
.legend .claim { color: var(--ink); font-weight: 600; margin-right: 4px; cursor: default; }
.legend .hint { margin-left: auto; font-style: italic; }
.file { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  margin-bottom: 28px; }
.file > header { padding: 14px 20px; border-bottom: 1px solid var(--line); background: #fbfcfd;
  border-radius: 10px 10px 0 0; }
.file h2 { margin: 0; font: 600 15px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas,
  "DejaVu Sans Mono", monospace; word-break: break-all; }
.file > header p { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.warn { color: var(--amber); }
.findings { list-style: none; margin: 0; padding: 8px 20px; border-bottom: 1px solid var(--line); }
.finding { display: grid; grid-template-columns: 28px 1fr; gap: 2px 10px; padding: 10px 0; }
.finding + .finding { border-top: 1px dashed var(--line); }
.finding .num { grid-row: span 2; align-self: start; display: inline-flex;
  justify-content: center; align-items: center; width: 24px; height: 24px; border-radius: 50%;
  background: var(--red); color: #fff; font-size: 12px; font-weight: 600; }
.finding.warning .num { background: var(--amber); }
.finding.info .num { background: var(--blue); }
.finding .msg { font-weight: 600; }
.finding .where { color: var(--muted); font-size: 13px; margin-left: 6px; font-weight: 400; }
.finding .ref { color: var(--muted); font-size: 13px; }
.finding .ref b { color: var(--green); font-weight: 600; }
.none { margin: 0; padding: 12px 20px; color: var(--green);
  border-bottom: 1px solid var(--line); }
.text { position: relative; margin: 0; padding: 22px 28px 28px; white-space: pre-wrap;
  overflow-wrap: anywhere; color: #24292f;
  font: 17px/1.75 Georgia, "Times New Roman", "DejaVu Serif", serif; }
.claim { border-radius: 3px; padding: 1px 2px; cursor: help; }
.claim.contradicted, .seg.contradicted { background: var(--red-bg); color: #82071e;
  box-shadow: inset 0 -2px 0 var(--red); }
.claim.supported, .seg.supported { background: #f0fbf3; box-shadow: inset 0 -2px 0 #4ac26b; }
.claim.unverifiable, .seg.unverifiable { background: transparent; border-radius: 0;
  border-bottom: 2px dotted var(--grey); }
.claim .seg { padding: 1px 0; border-radius: 0; }
.claim:target, .claim:focus { outline: 2px solid var(--blue); outline-offset: 1px; }
.claim sup { font: 700 10px/1 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  margin-left: 1px; user-select: none; }
.claim sup a { color: var(--red); }
.note { margin-left: 5px; padding: 1px 7px; border: 1px solid #aceebb; border-radius: 10px;
  background: #f0fff4; color: var(--green); white-space: nowrap; user-select: none;
  font: 600 12px/1.6 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
/* Below the claim's line, from the article's left edge, so it never leaves the page. */
.tip { display: none; position: absolute; z-index: 10; left: 28px; margin-top: 30px;
  width: max-content; max-width: min(420px, calc(100% - 56px)); padding: 8px 10px;
  border-radius: 6px;
  background: #24292f; color: #f6f8fa; white-space: normal; box-shadow: 0 4px 14px #0003;
  font: 13px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
.tip a { color: #9cd1ff; }
.tip .item + .item { margin-top: 6px; padding-top: 6px; border-top: 1px solid #57606a; }
.tip .item > span { display: block; }
.tip .verdict { font-weight: 600; text-transform: capitalize; }
.tip .verdict.contradicted { color: #ff8182; }
.tip .verdict.supported { color: #6fdd8b; }
.tip .verdict.unverifiable { color: #d0d7de; }
.claim:hover .tip, .claim:focus .tip, .claim:focus-within .tip { display: block; }
footer { color: var(--muted); font-size: 12px; text-align: center; }
"""


@dataclass(frozen=True)
class _Mark:
    """One highlighted stretch: a claim (or a finding no single claim made) as the page shows it.

    ``said`` is the tooltip's line on what the reference says; ``number`` and ``expected`` are
    set when the stretch is a numbered finding.
    """

    span: Span
    verdict: Verdict
    about: str
    attribute: str
    said: str
    rule: str | None
    sources: tuple[str, ...] = ()
    number: int | None = None
    expected: str | None = None


class HtmlReporter:
    """Renders a run as a standalone HTML page."""

    def render(self, run: Run) -> str:
        """Return the HTML document, ending with a newline."""
        s = summary(run)
        title = f"factcheck report — {plural(s['contradicted'], 'contradiction')}"
        facts = ", ".join(f"<code>{_e(f)}</code>" for f in run.facts) or "(none)"
        if run.facts_are_sample:
            facts += " (the shipped sample)"
        out = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="factcheck {_e(factcheck.__version__)}">',
            f"<title>{_e(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            '<div class="page">',
            '<header class="top">',
            f"<div><h1>factcheck report</h1><p>Reference set: {facts}</p></div>",
            f'<p class="severities">{plural(s["errors"], "error")} · '
            f"{plural(s['warnings'], 'warning')} · {plural(s['infos'], 'info')}</p>",
            "</header>",
            '<dl class="stats">',
            *(
                f'<div class="stat {key}"><dt>{key}</dt><dd>{s[key]}</dd></div>'
                for key in ("files", "claims", "supported", "contradicted", "unverifiable")
            ),
            "</dl>",
            '<p class="legend">'
            '<span><span class="claim contradicted">Contradicted</span> differs from the '
            "reference</span>"
            '<span><span class="claim supported">Supported</span> agrees with it</span>'
            '<span><span class="claim unverifiable">Unverifiable</span> cannot be checked</span>'
            '<span class="hint">Hover or tab to a claim for details.</span>'
            "</p>",
            "<main>",
        ]
        for index, report in enumerate(run.files, 1):
            out.extend(_file(report, f"file-{index}"))
        out += [
            "</main>",
            f"<footer>Generated by factcheck {_e(factcheck.__version__)}</footer>",
            "</div>",
            "</body>",
            "</html>",
        ]
        return "\n".join(out) + "\n"


def _file(report: FileReport, anchor: str) -> Iterator[str]:
    doc = report.document
    counts = {v: sum(1 for r in report.results if r.verdict is v) for v in Verdict}
    if doc.published is not None:
        how = _PUBLISHED_FROM.get(doc.published_source or "", f"from the {doc.published_source}")
        dated = f"Published {doc.published.isoformat()} ({_e(how)})"
    else:
        dated = (
            '<span class="warn">Publication date unknown: claims that depend on it are '
            "unverifiable (pass --date YYYY-MM-DD)</span>"
        )
    yield f'<section class="file" id="{anchor}">'
    yield (
        f"<header><h2>{_e(doc.path)}</h2><p>{dated} · "
        f"{plural(len(report.results), 'claim')}: {counts[Verdict.SUPPORTED]} supported, "
        f"{counts[Verdict.CONTRADICTED]} contradicted, "
        f"{counts[Verdict.UNVERIFIABLE]} unverifiable</p></header>"
    )
    clusters = _clusters(_marks(report))
    if report.findings:
        yield '<ol class="findings">'
        for number, finding in enumerate(report.findings, 1):
            drawn = (i for i, c in enumerate(clusters) if _covers(c, finding.span))
            yield _finding_item(report, finding, number, next(drawn, None), anchor)
        yield "</ol>"
    else:
        yield '<p class="none">No contradictions found.</p>'
    yield f'<div class="text">{_article(doc.text, clusters, anchor)}</div>'
    yield "</section>"


def _marks(report: FileReport) -> list[_Mark]:
    """Return a mark per claim, in text order (empty spans are not drawn).

    Findings that no claim's own rule made (article-wide rules such as consistency) are drawn
    as marks of their own.
    """
    numbered = {(f.rule, f.span): (i, f) for i, f in enumerate(report.findings, 1)}
    marks = []
    for r in report.results:
        found = numbered.pop((r.rule.id if r.rule else "", r.claim.span), None)
        marks.append(_claim_mark(r, *found) if found else _claim_mark(r))
    marks += [_finding_mark(f, i) for i, f in numbered.values()]
    drawn = [m for m in marks if m.span.start < m.span.end]
    return sorted(drawn, key=lambda m: (m.span, -_PRECEDENCE[m.verdict]))


def _claim_mark(result: Result, number: int | None = None, finding: Finding | None = None) -> _Mark:
    claim = result.claim
    if result.judgement.expected:
        said = f"Reference: {result.judgement.expected}"
    elif claim.entity is None and claim.candidates:
        said = "Ambiguous: the text does not say which one."
    elif result.rule is None:
        said = "No rule checks this claim."
    else:
        said = "The reference cannot settle this claim."
    return _Mark(
        span=claim.span,
        verdict=result.verdict,
        about=claim.entity or " or ".join(claim.candidates) or "unknown",
        attribute=claim.attribute,
        said=said,
        rule=result.rule.id if result.rule else None,
        sources=finding.sources if finding else (),
        number=number,
        expected=finding.expected if finding else None,
    )


def _finding_mark(finding: Finding, number: int) -> _Mark:
    return _Mark(
        span=finding.span,
        verdict=Verdict.CONTRADICTED,
        about=finding.entity or "unknown",
        attribute=finding.attribute,
        said=finding.message,
        rule=finding.rule,
        sources=finding.sources,
        number=number,
        expected=finding.expected,
    )


def _clusters(marks: list[_Mark]) -> list[list[_Mark]]:
    """Group marks whose spans overlap, directly or through others, in text order."""
    clusters: list[list[_Mark]] = []
    end = -1
    for mark in marks:
        span = mark.span
        if clusters and span.start < end:
            clusters[-1].append(mark)
            end = max(end, span.end)
        else:
            clusters.append([mark])
            end = span.end
    return clusters


def _covers(cluster: list[_Mark], span: Span) -> bool:
    return any(m.span.overlaps(span) for m in cluster)


def _article(text: str, clusters: list[list[_Mark]], anchor: str) -> str:
    """Return the escaped article with every cluster of claims wrapped in one mark."""
    parts: list[str] = []
    pos = 0
    for index, cluster in enumerate(clusters):
        start = cluster[0].span.start
        end = max(m.span.end for m in cluster)
        parts.append(_e(text[pos:start]))
        if len(cluster) == 1:
            kind, inner = cluster[0].verdict.value, _e(text[start:end])
        else:  # the segments carry the colours
            kind, inner = "mixed", "".join(_segments(text, cluster))
        tip = "".join(_tip_item(m, text) for m in cluster)
        refs = "".join(
            f'<sup><a href="#{anchor}-finding-{m.number}">{m.number}</a></sup>'
            for m in cluster
            if m.number is not None
        )
        notes = "".join(
            f'<span class="note">reference: {_e(m.expected)}</span>'
            for m in cluster
            if m.number is not None and m.expected
        )
        parts.append(
            f'<span class="claim {kind}" id="{anchor}-claim-{index}" tabindex="0">'
            f'{inner}{refs}<span class="tip" role="tooltip">{tip}</span></span>{notes}'
        )
        pos = end
    parts.append(_e(text[pos:]))
    return "".join(parts)


def _segments(text: str, cluster: list[_Mark]) -> Iterator[str]:
    """Yield non-overlapping stretches of a cluster, each coloured by the claims covering it.

    Where claims overlap, the stretch takes the most serious verdict (contradicted, then
    unverifiable, then supported); neighbouring stretches of one colour are joined.
    """
    bounds = sorted({b for m in cluster for b in (m.span.start, m.span.end)})
    pieces: list[tuple[Verdict, int, int]] = []
    for left, right in itertools.pairwise(bounds):
        piece = Span(left, right)
        covering = [m.verdict for m in cluster if m.span.contains(piece)]
        verdict = max(covering, key=_PRECEDENCE.__getitem__)
        if pieces and pieces[-1][0] is verdict:
            pieces[-1] = (verdict, pieces[-1][1], right)
        else:
            pieces.append((verdict, left, right))
    for verdict, left, right in pieces:
        yield f'<span class="seg {verdict.value}">{_e(text[left:right])}</span>'


def _tip_item(mark: _Mark, text: str) -> str:
    rows = [
        f'<span class="verdict {mark.verdict.value}">{mark.verdict.value}</span>'
        f" · {_e(mark.about)} · {_e(mark.attribute)}",
        f"Stated: “{_e(mark.span.text(text))}”",
        _e(mark.said),
    ]
    if mark.sources:
        rows.append(f"Source: {', '.join(_source(s) for s in mark.sources)}")
    if mark.rule is not None:
        rows.append(f"Rule: <code>{_e(mark.rule)}</code>")
    return '<span class="item">' + "".join(f"<span>{row}</span>" for row in rows) + "</span>"


def _finding_item(
    report: FileReport, finding: Finding, number: int, cluster: int | None, anchor: str
) -> str:
    where = location(report, finding.span)
    place = f"line {where['line']}, column {where['column']}"
    if cluster is not None:
        place = f'<a href="#{anchor}-claim-{cluster}">{place}</a>'

    ref = reference_of(finding)
    said = []
    if finding.expected:
        said.append(f"Reference: <b>{_e(finding.expected)}</b>")
    if finding.sources:
        said.append(", ".join(_source(s) for s in finding.sources))
    if ref is not None:
        said.append(f"<code>{_e(ref['file'])}:{ref['line']}</code>")
    return (
        f'<li class="finding {_e(finding.severity)}" id="{anchor}-finding-{number}">'
        f'<span class="num">{number}</span>'
        f'<span class="msg">{_e(finding.message)}'
        f'<span class="where">{place} · <code>{_e(finding.rule)}</code></span></span>'
        f'<span class="ref">{" · ".join(said)}</span>'
        "</li>"
    )


def _source(source: str) -> str:
    """Return a source as a link named by its host, or as plain text when it is no web address."""
    label, url = source_link(source)
    if url is None:
        return _e(label)
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)
