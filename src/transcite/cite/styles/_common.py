"""Small pieces several styles share: names, name lists, dates and end punctuation."""

from __future__ import annotations

from transcite.cite.casing import looks_title_cased
from transcite.cite.work import PartialDate, Work
from transcite.core.model import Person
from transcite.core.refs import Pinpoint
from transcite.core.text import series
from transcite.render.richtext import Node, Span, plain_text, span

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
#: MLA 9 and the IEEE Reference Guide abbreviate months alike: May, June and July in full,
#: "Sept." (not the three-letter forms of ieee.csl's locale)
ABBREVIATED_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
)
TERMINAL = (".", "?", "!")

__all__ = [
    "ABBREVIATED_MONTHS", "MONTHS", "TERMINAL", "counted_locator", "day_month_year",
    "ends_terminal", "family_given", "family_initials", "initials", "initials_family",
    "locator_range", "month_day_year", "period", "sentence_case_notice", "series",
]


def initials(given: str) -> str:
    """``Hilah`` -> ``H.``; ``Jean-Paul`` -> ``J.-P.``; ``Mary Ann`` -> ``M. A.``."""
    words = []
    for word in given.split():
        parts = [p for p in word.split("-") if p]
        words.append("-".join(p if p.endswith(".") and len(p) <= 3 else p[0] + "." for p in parts))
    return " ".join(words)


def family_initials(person: Person) -> str:
    """``Kartsev, D.`` (APA, Harvard reference lists)."""
    if not person.given:
        return person.family
    return f"{person.family}, {initials(person.given)}"


def initials_family(person: Person) -> str:
    """``D. Kartsev`` (APA translators, IEEE)."""
    if not person.given:
        return person.family
    return f"{initials(person.given)} {person.family}"


def family_given(person: Person) -> str:
    """``Kartsev, Dmitry`` (first name in MLA and Chicago bibliographies)."""
    if not person.given:
        return person.family
    return f"{person.family}, {person.given}"


def ends_terminal(node: Node) -> bool:
    """True when the rendered text already ends with ``.``, ``?`` or ``!`` (quotes ignored)."""
    return plain_text(node).rstrip("”’\"'").endswith(TERMINAL)


def period(node: Node) -> Span:
    """The node followed by a period unless it already ends a sentence."""
    return span(node) if ends_terminal(node) else span(node, ".")


def month_day_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """``February 12, 2019``, ``February 2019`` or ``2019`` (US order)."""
    return _write_date(date, months, "{month} {day}, {year}")


def day_month_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """``12 February 2019``, ``February 2019`` or ``2019`` (UK order, MLA)."""
    return _write_date(date, months, "{day} {month} {year}")


def _write_date(date: PartialDate, months: tuple[str, ...], full: str) -> str:
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{months[date.month - 1]} {date.year}"
    return full.format(day=date.day, month=months[date.month - 1], year=date.year)


def locator_range(first: int, last: int) -> str:
    """``5`` or ``5–7`` (en dash)."""
    return str(first) if first == last else f"{first}–{last}"


def counted_locator(
    pinpoint: Pinpoint, notices: list[str], style: str, figure: str, para: str, paras: str
) -> str:
    """``para. 5``, ``paras. 5–7`` or ``Figure 1`` (the words are the style's); a figure
    number comes with a notice that the article does not number its photos."""
    if pinpoint.kind == "figure":
        notices.append(
            f"{style}: the article does not number its photos; "
            f"{figure} {pinpoint.first} counts them in reading order"
        )
        return f"{figure} {pinpoint.first}"
    label = paras if pinpoint.is_range else para
    return f"{label} {locator_range(pinpoint.first, pinpoint.last)}"


def sentence_case_notice(work: Work, style: str, notices: list[str]) -> None:
    """Styles that print the title as published want it in sentence case: warn if it is not."""
    if work.title_is_english and looks_title_cased(work.title):
        notices.append(
            f"{style} wants the title in sentence case but the record's title looks "
            "title-cased; transcite cannot tell proper nouns apart, so check it by hand"
        )
