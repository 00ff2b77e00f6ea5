"""Harvard as in Cite Them Right (Pears and Shields, 12th ed., 2022), UK conventions.

Reference for an online news article: Kartsev, D. (2019) ‘Title as published’, *Meduza*, 12
February. Translated by H. Kohen. Available at: URL (Accessed: 5 March 2024). Single quotation
marks (double inside), day–month–year dates, "no date" for an undated page. In text:
(Kartsev, 2019, para. 5), (Kartsev, 2019, paras 5–7): paragraph numbers are given for web
pages without page numbers; photos are counted in reading order (fig. 1) with a notice. Up to
three authors are named, four or more as "et al.". Deviations from the official CSL file:
docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.form import Form
from transcite.cite.quote_rules import QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles._common import (
    MONTHS,
    counted_locator,
    day_month_year,
    family_initials,
    initials_family,
    period,
    sentence_case_notice,
)
from transcite.cite.work import PartialDate, Work
from transcite.core.refs import Pinpoint
from transcite.core.text import series
from transcite.render.richtext import Emph, Link, Node, Quoted, join, span


def _series(items: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (no serial comma)."""
    return series(items, serial_comma=False)


#: initials are closed up, "Pears, R. and Shields, G.J." (Cite Them Right's own examples and
#: the harvard-cite-them-right CSL file: "King, M.L., Jr.")
_CLOSED = ""


def _authors(work: Work) -> str:
    if len(work.authors) >= 4:
        return f"{family_initials(work.authors[0], _CLOSED)} et al."
    return _series([family_initials(p, _CLOSED) for p in work.authors])


def _day_month(date: PartialDate) -> str | None:
    if date.month is None:
        return None
    return f"{date.day} {MONTHS[date.month - 1]}" if date.day else MONTHS[date.month - 1]


@register_style
class Harvard(Style):
    name = "harvard"
    label = "Harvard (Cite Them Right)"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "in-text")
    quote_rules = QuoteRules(
        "Cite Them Right (Harvard): block for more than two lines (over 160 characters)",
        "characters", 160, "...", british=True,
    )
    csl = ("harvard-cite-them-right", "en-GB")
    us_punctuation = False

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        sentence_case_notice(work, "Cite Them Right", notices)
        year = str(work.published.year) if work.published else "no date"
        title = Quoted(work.title, british=True)
        source: list[Node] = []
        if work.publisher:
            source.append(Emph(work.publisher))
        day_month = _day_month(work.published) if work.published else None
        if day_month:
            source.append(day_month)
        if work.authors:
            head: list[Node] = [f"{_authors(work)} ({year})", join([title, *source], ", ")]
        else:  # the title takes the author's place: ‘Title’ (2019) *Meduza*, 12 February.
            head = [title, f"({year})", *([join(source, ", ")] if source else [])]
        parts: list[Node] = [period(join(head, " "))]
        if work.translators:
            names = _series([initials_family(p, _CLOSED) for p in work.translators])
            parts.append(period(f"Translated by {names}"))
        if work.url:
            parts.append(self._available(work, notices))
        return join(parts, " ")

    def _available(self, work: Work, notices: list[str]) -> Node:
        assert work.url is not None
        if work.accessed is None:
            notices.append(
                "Cite Them Right gives an access date for online sources; the record has none "
                "(give one with --accessed YYYY-MM-DD)"
            )
            return span("Available at: ", Link(work.url), ".")
        accessed = day_month_year(work.accessed)
        return span("Available at: ", Link(work.url), f" (Accessed: {accessed}).")

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        families = [p.family for p in work.authors]
        who: Node
        if not families:
            who = Quoted(work.title, british=True)
        elif len(families) >= 4:
            who = f"{families[0]} et al."
        else:
            who = _series(families)
        year = str(work.published.year) if work.published else "no date"
        locator = self._locator(pinpoint, notices) if pinpoint else None
        return span("(", who, f", {year}", f", {locator}" if locator else None, ")")

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        return self._locator(pinpoint, notices)

    def _locator(self, pinpoint: Pinpoint, notices: list[str]) -> str:
        # UK practice: a contraction that ends with the word's last letter takes no full stop
        # ("paras" for paragraphs), an abbreviation does ("para."); as in the en-GB CSL locale
        return counted_locator(pinpoint, notices, "Harvard", "fig.", "para.", "paras")
