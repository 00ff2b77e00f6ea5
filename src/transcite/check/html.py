"""The HTML report of ``transcite check``: one self-contained page (no script, no remote
resource) showing the manuscript, each quotation highlighted by its verdict, and beside it
the record's passage, the REF, the changes and the suggested citation."""

from __future__ import annotations

from html import escape

from transcite.check.run import Report

_CSS = """
body{font:16px/1.5 Georgia,serif;margin:0;color:#1a1a1a;background:#fff}
header{padding:1rem 2rem;border-bottom:1px solid #ccc}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2rem;padding:1rem 2rem}
.block{margin:0 0 1rem}.blockquote{margin-left:2rem;padding-left:1rem;border-left:3px solid #999}
.heading{font-weight:bold;font-size:1.2rem}
mark{padding:0 .1em;border-radius:2px}
mark.exact{background:#cdeccd}mark.marked{background:#d6e6fb}
mark.altered{background:#ffd2c2}mark.not-found{background:#ffe9a8}
mark.wrong-source{background:#f3c9ef}
aside section{border:1px solid #ccc;border-radius:4px;padding:.5rem .75rem;margin:0 0 1rem}
aside h2{font-size:1rem;margin:0}
.verdict{font-variant:small-caps;font-weight:bold}
del{background:#ffd2c2}ins{background:#cdeccd;text-decoration:none}
.finding.error{color:#8a1f00}.finding.warning{color:#6b5300}
@media (max-width:50rem){main{grid-template-columns:1fr}}
"""


def render_html(report: Report) -> str:
    """The report as one self-contained page (``transcite check --format html``)."""
    summary, article, aside = report_parts(report)
    title = escape(f"transcite check: {report.manuscript.name}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{title}</h1><p id=\"summary\">{summary}</p></header>"
        f"<main><article>{article}</article><aside>{aside}</aside></main></body></html>\n"
    )


def report_parts(report: Report) -> tuple[str, str, str]:
    """The report's three parts, as HTML with every value escaped: the summary line, the
    manuscript with its quotations highlighted, and the findings beside it (the page of
    :func:`render_html`; ``transcite serve`` shows them inside its own page)."""
    counts = report.counts()
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "no quotations"
    by_block: dict[int, list[tuple[int, int, int]]] = {}
    for number, checked in enumerate(report.quotations):
        q = checked.quotation
        by_block.setdefault(q.block, []).append((q.start, q.end, number))
    body: list[str] = []
    for index, block in enumerate(report.manuscript.blocks):
        text = block.text
        pieces: list[str] = []
        pos = 0
        for start, end, number in sorted(by_block.get(index, [])):
            if start < pos:
                continue
            verdict = report.quotations[number].verdict.verdict
            pieces.append(escape(text[pos:start]))
            pieces.append(f'<mark class="{verdict}" id="q{number}" title="{verdict}">'
                          f'{escape(text[start:end])}</mark>'
                          f'<sup><a href="#s{number}">{number + 1}</a></sup>')
            pos = end
        pieces.append(escape(text[pos:]))
        if block.label is not None:
            pieces.insert(0, f"<sup>{escape(block.label)}</sup> ")
        body.append(f'<p class="block {block.kind}">{"".join(pieces)}</p>')
    side: list[str] = []
    for number, checked in enumerate(report.quotations):
        v = checked.verdict
        rows = [f'<h2><a href="#q{number}">{number + 1}</a> · line {checked.line} · '
                f'<span class="verdict">{escape(v.verdict)}</span></h2>']
        if checked.ref:
            rows.append(f"<p>REF <code>{escape(checked.ref)}</code></p>")
        if v.diff:
            diff = "".join(
                escape(p.text) if p.op == "equal" else f"<del>{escape(p.text)}</del>"
                if p.op == "delete" else f"<ins>{escape(p.text)}</ins>" for p in v.diff)
            rows.append(f'<blockquote class="source">{diff}</blockquote>')
        elif v.source:
            rows.append(f'<blockquote class="source">{escape(v.source)}</blockquote>')
        if v.changes:
            rows.append("<p>Marked: " + escape("; ".join(v.changes)) + "</p>")
        for f in report.findings:
            if f.quotation == number and f.code != v.verdict:
                rows.append(f'<p class="finding {f.severity}">{escape(f.code)}: '
                            f"{escape(f.message)}</p>")
        if checked.suggested:
            rows.append(f"<p>Cite as: {escape(checked.suggested)}</p>")
        side.append(f'<section id="s{number}" class="{escape(v.verdict)}">{"".join(rows)}'
                    "</section>")
    others = [f for f in report.findings if f.quotation is None]
    if others:
        side.append('<section id="other"><h2>Other findings</h2>' + "".join(
            f'<p class="finding {f.severity}">line {f.line}: {escape(f.code)}: '
            f"{escape(f.message)}</p>" for f in others) + "</section>")
    summary_line = f"{len(report.quotations)} quotations: {escape(summary)}"
    return summary_line, "".join(body), "".join(side)
