"""IEEE (IEEE Reference Guide, 2023 edition).

Reference for an online news article: [1] D. Kartsev, “Title as published,” H. Kohen, Trans.,
*Meduza*, Feb. 12, 2019. Accessed: Mar. 5, 2024. [Online]. Available: URL. Initials before
surnames, the guide's month abbreviations (Jan., …, May, June, July, Aug., Sept., …), days
without a leading zero, up to six authors named and *et al.* after the first for seven or
more. The translator is credited after the title as for translated books (the
official ieee.csl drops the translator when the item has an author). In text: [1], [1, Para. 5],
[1, Fig. 1]. The number is 1 because transcite cites one work at a time; renumber in your list.
Deviations from the official CSL file: docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.casing import capitalise_subtitles
from transcite.cite.form import Form
from transcite.cite.quote_rules import SPACED_NBSP, QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles._common import (
    ABBREVIATED_MONTHS,
    initials_family,
    locator_range,
    period,
    sentence_case_notice,
    series,
)
from transcite.cite.work import PartialDate, Work
from transcite.core.refs import Pinpoint
from transcite.render.richtext import Emph, Link, Node, Quoted, join, span


def ieee_date(date: PartialDate) -> str:
    if date.month is None:
        return str(date.year)
    month = ABBREVIATED_MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{month} {date.day}, {date.year}"  # "Jan. 2, 2019": the guide's examples, no zero


def _authors(work: Work) -> Node:
    names = [initials_family(p) for p in work.authors]
    if len(names) >= 7:
        return span(names[0], " ", Emph("et al."))
    return series(names)


@register_style
class Ieee(Style):
    name = "ieee"
    label = "IEEE"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "in-text")
    quote_rules = QuoteRules(
        "IEEE: block for three lines or more (over 160 characters)",
        "characters", 160, SPACED_NBSP, latex_cite=r"\cite", block_cite_inside=True,
    )
    csl = ("ieee", "en-US")

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        sentence_case_notice(work, "IEEE", notices)
        rest: list[Node] = []
        if work.translators:
            rest.append(series([initials_family(p) for p in work.translators]) + ", Trans.")
        if work.publisher:
            rest.append(Emph(work.publisher))
        if work.published is not None:
            rest.append(ieee_date(work.published))
        first: list[Node] = [_authors(work)] if work.authors else []
        title = capitalise_subtitles(work.title) if work.title_is_english else work.title
        first.append(Quoted(span(title, "," if rest else ".")))
        head = join(first, ", ")
        body = span(head, " ", period(join(rest, ", "))) if rest else head
        parts: list[Node] = ["[1]", body]
        if work.accessed is not None:
            parts.append(f"Accessed: {ieee_date(work.accessed)}.")
        if work.url:
            if work.accessed is None:
                notices.append(
                    "IEEE gives an access date for online sources; the record has none "
                    "(give one with --accessed YYYY-MM-DD)"
                )
            parts.append(span("[Online]. Available: ", Link(work.url)))
        return join(parts, " ")

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        if pinpoint is None:
            return "[1]"
        return f"[1, {self.locator(work, pinpoint, notices)}]"

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str:
        if pinpoint.kind == "figure":
            notices.append(
                "IEEE: the article does not number its photos; "
                f"Fig. {pinpoint.first} counts them in reading order"
            )
            return f"Fig.\u00a0{pinpoint.first}"
        label = "Paras." if pinpoint.is_range else "Para."
        return f"{label}\u00a0{locator_range(pinpoint.first, pinpoint.last)}"
