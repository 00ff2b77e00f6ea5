"""The ``recognised`` lines of an ingest report, shared by every reader."""

from __future__ import annotations

from transcite.core.model import Record, plural
from transcite.ingest.readers import IngestReport


def summarise(record: Record, report: IngestReport) -> None:
    """Headline, credits and counts; with ``(from ORIGIN)`` where the reader kept origins."""

    def origin(name: str) -> str:
        found = record.origin(name)
        return f" (from {found})" if found else ""

    rep = report.recognised
    rep.append(f"headline: {record.title}{origin('title')}")
    rep.append(f"publisher: {record.publisher or 'unknown'}{origin('publisher')}")
    names = ", ".join(p.full_name for p in record.authors) or "none found"
    rep.append(f"authors: {names}{origin('authors')}")
    names = ", ".join(p.full_name for p in record.translators) or "none found"
    rep.append(f"translators: {names}{origin('translators')}")
    if record.provenance:
        for name, value in (("url", record.url), ("published", record.published),
                            ("modified", record.modified), ("accessed", record.accessed)):
            if value:
                rep.append(f"{name}: {value}{origin(name)}")
    sections = max((b.section for b in record.blocks), default=1)
    rep.append(
        f"{plural(len(record.paragraphs), 'paragraph')}, "
        f"{plural(len(record.figures), 'figure')}, {plural(len(record.labels), 'label')}, "
        f"{plural(sections, 'section')}"
    )
    for fig in record.figures:
        if fig.credit:
            parts = "; ".join(f"{p.role} {p.name}" for p in fig.credit.parts)
            rep.append(f"{fig.id} credit: {fig.credit.text} ({parts}){origin(fig.id + '.credit')}")
