"""BibTeX (classic ``.bst`` styles): ``@misc`` with the translator in ``note``.

BibTeX has no translator field and no type for web news, so the entry is a ``@misc``:
``howpublished`` names the publication, ``url``/``urldate`` (read by natbib-era styles such as
``plainnat`` and ``apalike`` variants), ``year``/``month`` only when the date is known, and a
``note`` that credits the translator ("Translated from the Russian by Hilah Kohen"), which every
style prints. Titles are braced whole so styles keep the capitals as published.
"""

from __future__ import annotations

from collections.abc import Sequence

from transcite.cite.styles._common import series
from transcite.cite.work import PartialDate, Work
from transcite.core.languages import english_name
from transcite.core.model import Record
from transcite.exports import register_exporter
from transcite.exports._tex import entry, escape, escape_url, names, protect, title_field

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def translation_note(work: Work) -> str | None:
    """"Translated from the Russian by Hilah Kohen. Original title: …" (escaped), or ``None``."""
    parts: list[str] = []
    if work.translators:
        source = english_name(work.original_language)
        origin = f" from the {escape(source)}" if source else ""
        # prose, not a BibTeX name list: "A, B, and C" (serial comma, CMOS 17 6.19)
        parts.append(
            f"Translated{origin} by " + series([escape(p.full_name) for p in work.translators])
        )
    if work.original_title:
        year = f", {work.original_published.year}" if work.original_published else ""
        parts.append(f"Original title: {protect(work.original_title)}{year}")
    return ". ".join(parts) or None


def iso(date: PartialDate | None) -> str | None:
    """``2019-02-12``, ``2019-02`` or ``2019`` (the EDTF subset BibLaTeX reads)."""
    if date is None:
        return None
    text = f"{date.year:04d}"
    if date.month:
        text += f"-{date.month:02d}"
        if date.day:
            text += f"-{date.day:02d}"
    return text


class BibtexExporter:
    name = "bibtex"
    media_type = "application/x-bibtex"
    description = "BibTeX @misc entries (translator in note)"

    def export(self, records: Sequence[Record]) -> str:
        return "\n\n".join(self.entry(Work.from_record(r)) for r in records) + "\n"

    def entry(self, work: Work) -> str:
        date = work.published
        return entry("misc", work.id, [
            ("author", names(work.authors)),
            ("title", title_field(work.title, biblatex=False)),
            ("howpublished", escape(work.publisher) if work.publisher else None),
            ("year", str(date.year) if date else None),
            ("month", MONTH_MACROS[date.month - 1] if date and date.month else None),
            ("url", escape_url(work.url) if work.url else None),
            ("urldate", iso(work.accessed)),
            ("language", (english_name(work.language) or "").lower() or None),
            ("note", translation_note(work)),
        ])


register_exporter(BibtexExporter())
