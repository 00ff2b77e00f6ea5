"""BibLaTeX: ``@article`` with ``entrysubtype = {newspaper}``, ``translator`` and ``origlanguage``.

The biblatex manual (§2.1.2, ``article``) asks for ``entrysubtype = {newspaper}`` on newspaper
and magazine articles; ``journaltitle`` names the publication. The translator goes in
``translator`` and the original's language in ``origlanguage`` as a babel-style name
(``russian``), which the standard styles print as "Trans. from the Russian by Hilah Kohen";
``origtitle`` and ``origdate`` carry what is known of the original; ``langid`` the language of
the translation (for hyphenation and casing). Dates are ISO 8601 (``date``, ``urldate``).
"""

from __future__ import annotations

from collections.abc import Sequence

from transcite.cite.work import Work
from transcite.core.languages import english_name
from transcite.core.model import Record
from transcite.exports import register_exporter
from transcite.exports._tex import entry, escape, escape_url, names, title_field
from transcite.exports.bibtex import iso


def babel_name(code: str | None) -> str | None:
    name = english_name(code)
    return escape(name.lower()) if name else None


class BiblatexExporter:
    name = "biblatex"
    media_type = "application/x-biblatex"
    description = "BibLaTeX @article entries (translator, origlanguage, origtitle, origdate)"

    def export(self, records: Sequence[Record]) -> str:
        return "\n\n".join(self.entry(Work.from_record(r)) for r in records) + "\n"

    def entry(self, work: Work) -> str:
        return entry("article", work.id, [
            ("entrysubtype", "newspaper"),
            ("author", names(work.authors)),
            ("title", title_field(work.title, biblatex=True)),
            ("translator", names(work.translators)),
            ("journaltitle", escape(work.publisher) if work.publisher else None),
            ("date", iso(work.published)),
            ("url", escape_url(work.url) if work.url else None),
            ("urldate", iso(work.accessed)),
            ("langid", babel_name(work.language)),
            ("origlanguage", babel_name(work.original_language)),
            ("origtitle", title_field(work.original_title, biblatex=True)
             if work.original_title else None),
            ("origdate", iso(work.original_published)),
            # a particle stays before the surname ("van der Berg, Jan", CMOS 14.21, APA):
            # biblatex's default (useprefix=false) would print "Berg, Jan van der"
            ("options", "useprefix=true" if any(
                p.particle for p in (*work.authors, *work.translators)
            ) else None),
        ])


register_exporter(BiblatexExporter())
