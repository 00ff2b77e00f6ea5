"""The outputs of ``transcite check``: text (one finding a line), JSON (the contract in
docs/check.md) and a self-contained HTML page."""

from __future__ import annotations

from typing import Any

from transcite.check.run import Report
from transcite.core.model import plural

#: the version of the JSON contract (docs/check.md)
JSON_VERSION = 1


def render_text(report: Report) -> str:
    """``NAME:LINE:COLUMN: CODE REF: message``, one finding a line, in manuscript order,
    then a summary line."""
    name = report.manuscript.name
    lines = []
    for f in report.findings:
        ref = f" {f.ref}" if f.ref else ""
        lines.append(f"{f.file or name}:{f.line}:{f.column}: {f.code}{ref}: {f.message}")
    counts = report.counts()
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "no quotations"
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = sum(1 for f in report.findings if f.severity == "warning")
    lines.append(f"{plural(len(report.quotations), 'quotation')} checked ({summary}); "
                 f"{plural(errors, 'error')}, {plural(warnings, 'warning')}")
    return "\n".join(lines)


def to_json(report: Report) -> dict[str, Any]:
    quotations = []
    for number, checked in enumerate(report.quotations):
        v = checked.verdict
        c = checked.quotation.citation
        quotations.append({
            "id": number,
            "file": report.manuscript.blocks[checked.quotation.block].file,
            "line": checked.line,
            "column": checked.column,
            "kind": checked.quotation.kind,
            "text": checked.quotation.text,
            "verdict": v.verdict,
            "ref": checked.ref,
            "record": v.hit.record_id if v.hit else None,
            "score": round(v.hit.score, 1) if v.hit else None,
            "source": v.source or None,
            "changes": v.changes,
            "diff": [p.to_json() for p in v.diff],
            "citation": None if c is None else {
                "text": c.raw, "key": c.key, "names": list(c.names), "year": c.year,
                "pinpoint": c.pinpoint, "numbers": list(c.numbers),
            },
            "cited_records": checked.cited,
            "suggested_citation": checked.suggested,
        })
    return {
        "version": JSON_VERSION,
        "manuscript": report.manuscript.name,
        "format": report.manuscript.format,
        "style": report.style,
        "quotations": quotations,
        "findings": [f.to_json() for f in report.findings],
        "summary": {
            "verdicts": report.counts(),
            "errors": sum(1 for f in report.findings if f.severity == "error"),
            "warnings": sum(1 for f in report.findings if f.severity == "warning"),
        },
    }
