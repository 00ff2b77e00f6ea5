"""MLA 9 (MLA Handbook, 9th ed., 2021).

Works-cited entry from the core elements: Author. “Title of Source.” Translated by X. *Title of
Container*, Publication date, Location. The location is the URL without its protocol (§5.95:
"you can usually omit http:// or https://"; the handbook's examples do). The translator
translated the article, not the site, so the contributor follows the title of the source and
ends with a period (MLA Style Center, "label before a contributor name"; the official
modern-language-association.csl puts it after the container instead). Title case for English
titles only. No date: left out, and the access date is given at the end when known ("Accessed
5 Mar. 2024."). A known original date is an optional element after the title.

In-text: the author's surname alone. MLA does not count unnumbered paragraphs and uses "par."
only when the source numbers them (§6.20); otherwise the work is cited as a whole and a notice
says so. Details and deviations from the CSL file: docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.casing import MLA_MINOR, MLA_SUBORDINATORS, title_case
from transcite.cite.form import Form
from transcite.cite.quote_rules import SPACED, QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles._common import (
    ABBREVIATED_MONTHS,
    case_doubt_notice,
    day_month_year,
    family_given,
    period,
    series,
)
from transcite.cite.work import PartialDate, Work
from transcite.core.model import Person
from transcite.core.refs import Pinpoint
from transcite.render.richtext import Emph, Link, Node, Quoted, join, span


def mla_url_text(url: str) -> str:
    """The URL as MLA prints it: without ``http://`` or ``https://`` (MLA 9 §5.95; the link
    itself, in HTML, Markdown and LaTeX, keeps the full address)."""
    for protocol in ("https://", "http://"):
        if url.startswith(protocol):
            return url[len(protocol):]
    return url


def mla_date(date: PartialDate) -> str:
    return day_month_year(date, ABBREVIATED_MONTHS)  # May, June, July in full


def _people(work: Work) -> tuple[Person, ...]:
    """The authors, or none when the only author is an organisation that is also the site: the
    entry then begins with the title and the organisation is named as publisher only (MLA 9,
    corporate authors)."""
    people = work.authors
    if len(people) == 1 and not people[0].given and people[0].family == work.publisher:
        return ()
    return people


def _authors(work: Work) -> str | None:
    people = _people(work)
    if not people:
        return None
    if len(people) == 1:
        return family_given(people[0])
    if len(people) == 2:
        return f"{family_given(people[0])}, and {people[1].full_name}"
    return f"{family_given(people[0])}, et al"


def _title(work: Work, notices: list[str] | None = None) -> str:
    """Title case for English titles (MLA 9 §2.90: subordinating conjunctions, "As" included,
    are capitalised); other languages as published."""
    if not work.title_is_english:
        return work.title
    if notices is not None:
        case_doubt_notice("MLA", work.title, MLA_MINOR, MLA_SUBORDINATORS, notices)
    return title_case(work.title, MLA_MINOR, MLA_SUBORDINATORS)


def _translators(work: Work) -> Node | None:
    names = [p.full_name for p in work.translators]
    if not names:
        return None
    if len(names) > 2:
        return f"Translated by {names[0]} et al."
    return period(f"Translated by {series(names)}")


@register_style
class Mla(Style):
    name = "mla"
    label = "MLA 9"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "in-text")
    quote_rules = QuoteRules(
        "MLA 9: block for prose of more than four lines (over 320 characters)",
        "characters", 320, SPACED, bracket_own_ellipsis=True,
    )
    csl = ("modern-language-association", "en-US")

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        parts: list[Node] = []
        authors = _authors(work)
        if authors:
            parts.append(period(authors))
        parts.append(Quoted(period(_title(work, notices))))
        if work.original_published is not None:
            parts.append(period(mla_date(work.original_published)))
        translators = _translators(work)
        if translators:
            parts.append(translators)
        container: list[Node] = []
        if work.publisher:
            container.append(Emph(work.publisher))
        if work.published is not None:
            container.append(mla_date(work.published))
        if work.url:
            container.append(Link(work.url, mla_url_text(work.url)))
        if container:
            parts.append(period(join(container, ", ")))
        if work.published is None and work.accessed is not None:
            parts.append(f"Accessed {mla_date(work.accessed)}.")
        return join(parts, " ")

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        families = [p.family for p in _people(work)]
        who: Node
        if not families:
            who = Quoted(_title(work))
            if len(work.title.split()) > 4:
                notices.append(
                    "MLA shortens a long title in the in-text citation, usually to its first "
                    "noun phrase; shorten it by hand"
                )
        elif len(families) == 1:
            who = families[0]
        elif len(families) == 2:
            who = f"{families[0]} and {families[1]}"
        else:
            who = f"{families[0]} et al."
        if pinpoint is None:
            return span("(", who, ")")
        locator = self._locator(work, pinpoint, notices)
        return span("(", who, ", " if locator else None, locator, ")")

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        return self._locator(work, pinpoint, notices)

    def _locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        what = "paragraphs" if pinpoint.kind == "paragraph" else "photos"
        notices.append(
            f"MLA does not count unnumbered {what}; citing the work as a whole "
            f"(say in your sentence where {pinpoint.label} is)"
        )
        return None

