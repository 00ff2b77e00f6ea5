"""Chicago 17 author-date (The Chicago Manual of Style, 17th ed., chapter 15).

Reference: Kartsev, Dmitry. 2019. “Headline-Style Title.” Translated by Hilah Kohen. *Meduza*,
February 12, 2019. URL. Undated: "n.d." in the date position and, when known, "Accessed March
5, 2024." before the URL (15.50). In text: (Kartsev 2019), with a comma before n.d.: (Kartsev,
n.d.); one to three authors named, four or more as "et al." (15.29). An unsigned article is
listed and cited under the site's name: *Meduza*. 2019. “Title.” …; (*Meduza* 2019). A known
original date of a different year gives "(2019) 2020" in the reference and "[2019] 2020" in the
text (15.38). Paragraph and photo pinpoints are not shown (14.160, as in notes). Deviations
from the official CSL file: docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.form import Form
from transcite.cite.quote_rules import SPACED_NBSP, QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles import _chicago as chicago
from transcite.cite.styles._common import month_day_year, period
from transcite.cite.work import Work
from transcite.core.refs import Pinpoint
from transcite.render.richtext import Emph, Node, Quoted, join, span


def _original_year(work: Work) -> int | None:
    """The original's year when it differs from the translation's (same year: shown once)."""
    if work.original_published is None:
        return None
    if work.published is not None and work.published.year == work.original_published.year:
        return None
    return work.original_published.year


#: CMOS 15.38 gives a reprint's original year in brackets before its own ("[1928] 2020"), and
#: 15.44 "n.d." for no date; it has no example of both: transcite combines them and says so
_UNDATED_REPRINT = (
    "Chicago 17 gives the original's year in brackets before the translation's (15.38) and "
    "n.d. for an undated work (15.44) but no example of both; transcite writes both: check "
    "whether the page gives a date (--published)"
)


def _year(work: Work) -> str:
    return str(work.published.year) if work.published else "n.d."


@register_style
class ChicagoAuthorDate(Style):
    name = "chicago-author-date"
    label = "Chicago 17 author-date"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "in-text")
    quote_rules = QuoteRules(
        "Chicago 17 (13.10): block from 100 words or for more than one paragraph",
        "words", 100, SPACED_NBSP,
    )
    csl = ("chicago-author-date", "en-US")

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        chicago.access_notice(work, notices)
        chicago.script_notice(work, notices)
        original = _original_year(work)
        date = f"({original}) {_year(work)}" if original else _year(work)
        if original and work.published is None:
            notices.append(_UNDATED_REPRINT)
        title = chicago.quoted_title(work, ".", notices)
        head = chicago.bibliography_head(work)
        # no author: the site stands in its place; with no site either, the title (15.32)
        parts: list[Node] = [head, period(date), title] if head else [title, period(date)]
        if work.translators:
            parts.append(period(f"Translated by {chicago.translators(work)}"))
        site: list[Node] = [Emph(work.publisher)] if work.publisher and work.authors else []
        if work.published is not None:
            site.append(month_day_year(work.published))
        if site:
            parts.append(period(join(site, ", ")))
        return join([*parts, *chicago.reference_tail(work)], " ")

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        if pinpoint is not None:
            chicago.refuse_pinpoint(pinpoint, notices)
        who: Node
        if work.authors:
            who = chicago.short_authors(work.authors)
        elif work.publisher:
            who = Emph(work.publisher)
        else:
            chicago.script_notice(work, notices, original=False)
            who = Quoted(chicago.short_title(work))
        original = _original_year(work)
        if work.published is None:
            when = f"[{original}] n.d." if original else "n.d."
            if original:
                notices.append(_UNDATED_REPRINT)
            if isinstance(who, Quoted):  # the comma goes inside the quotation marks (CMOS 6.9)
                return span("(", Quoted(span(chicago.short_title(work), ",")), " ", when, ")")
            return span("(", who, ", ", when, ")")
        when = f"[{original}] {work.published.year}" if original else str(work.published.year)
        return span("(", who, " ", when, ")")

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        chicago.refuse_pinpoint(pinpoint, notices)
        return None
