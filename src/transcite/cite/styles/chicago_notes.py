"""Chicago 17 notes and bibliography (The Chicago Manual of Style, 17th ed., chapter 14).

Full note: Dmitry Kartsev, “Headline-Style Title,” trans. Hilah Kohen, *Meduza*, February 12,
2019, URL. Short note: Kartsev, “Short Title.” Bibliography: Kartsev, Dmitry. “Title.”
Translated by Hilah Kohen. *Meduza*, February 12, 2019. URL. A news site is cited like a
newspaper (name in italics); an unsigned article is listed under the site's name in the
bibliography ("*Meduza*. “Title.” …"). An undated page gets its access date instead of a date
(14.207) or, with no access date either, "n.d." (14.145). Paragraph and photo pinpoints are not
shown: Chicago uses paragraph numbers only where the source numbers them (14.160). Deviations
from the official CSL file: docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.form import Form
from transcite.cite.quote_rules import SPACED_NBSP, QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles import _chicago as chicago
from transcite.cite.styles._common import capitalise_first, month_day_year, period
from transcite.cite.work import Work
from transcite.core.refs import Pinpoint
from transcite.render.richtext import Emph, Link, Node, Quoted, join, plain_text, span


def _note_date(work: Work) -> str | None:
    if work.published is not None:
        return month_day_year(work.published)
    if work.accessed is not None:
        return f"accessed {month_day_year(work.accessed)}"
    return "n.d."


@register_style
class ChicagoNotes(Style):
    name = "chicago-notes"
    label = "Chicago 17 notes"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "note", "short-note")
    quote_rules = QuoteRules(
        "Chicago 17 (13.10): block from 100 words or for more than one paragraph",
        "words", 100, SPACED_NBSP, form="note", latex_cite=r"\footcite",
    )
    csl = ("chicago-notes-bibliography", "en-US")

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        chicago.access_notice(work, notices)
        chicago.script_notice(work, notices)
        parts: list[Node] = []
        head = chicago.bibliography_head(work)
        if head is not None:
            parts.append(head)
        parts.append(chicago.quoted_title(work, ".", notices))
        if work.translators:
            parts.append(period(f"Translated by {chicago.translators(work)}"))
        container = self._container(work, site_first=bool(work.authors))
        if plain_text(container):
            parts.append(period(container))
        return join([*parts, *chicago.reference_tail(work)], " ")

    def _container(self, work: Work, site_first: bool) -> Node:
        """The site and date; the site is left out when it already stands for the author."""
        site: Node | None = Emph(work.publisher) if work.publisher and site_first else None
        if work.published is not None:
            return join([p for p in (site, month_day_year(work.published)) if p], ", ")
        if work.accessed is not None:
            return site or ""
        return join([p for p in (site, "n.d.") if p], ", ")

    def note(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        chicago.access_notice(work, notices)
        chicago.script_notice(work, notices)
        if pinpoint is not None:
            chicago.refuse_pinpoint(pinpoint, notices)
        title = chicago.quoted_title(work, ",", notices)
        parts: list[Node] = []
        if work.authors:
            parts.append(chicago.note_authors(work.authors))
        elements: list[Node | None] = [
            f"trans. {chicago.translators(work)}" if work.translators else None,
            Emph(work.publisher) if work.publisher else None,
            _note_date(work),
            chicago.original_phrase(work, capital=False),
            Link(work.url) if work.url else None,
        ]
        tail = join([e for e in elements if e is not None], ", ")
        head = join(parts, ", ")
        return period(span(head, ", " if parts else None, title, " ", tail))

    def short_note(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        chicago.script_notice(work, notices, original=False)
        if pinpoint is not None:
            chicago.refuse_pinpoint(pinpoint, notices)
        short = chicago.short_title(work)
        if work.authors:
            # a note is a sentence: a lowercase particle that opens it is capitalised (CMOS 17
            # 8.5 and the CMOS Q&A on "du Maurier": "Du Maurier, Scapegoat")
            who = capitalise_first(chicago.short_authors(work.authors))
            return span(who, ", ", Quoted(period(short)))
        return Quoted(period(short))

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        chicago.refuse_pinpoint(pinpoint, notices)
        return None
