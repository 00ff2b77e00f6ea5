"""Small pieces several styles share: names, name lists, dates and end punctuation."""

from __future__ import annotations

from transcite.cite.casing import looks_title_cased
from transcite.cite.work import PartialDate, Work
from transcite.core.model import Person
from transcite.render.richtext import Node, Span, plain_text, span

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
TERMINAL = (".", "?", "!")


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


def series(names: list[str], conjunction: str = "and", serial_comma: bool = True) -> str:
    """``A``; ``A and B``; ``A, B, and C`` (``serial_comma=False``: ``A, B and C``)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    comma = "," if serial_comma else ""
    return f"{', '.join(names[:-1])}{comma} {conjunction} {names[-1]}"


def ends_terminal(node: Node) -> bool:
    """True when the rendered text already ends with ``.``, ``?`` or ``!`` (quotes ignored)."""
    return plain_text(node).rstrip("”’\"'").endswith(TERMINAL)


def period(node: Node) -> Span:
    """The node followed by a period unless it already ends a sentence."""
    return span(node) if ends_terminal(node) else span(node, ".")


def month_day_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """``February 12, 2019``, ``February 2019`` or ``2019`` (US order)."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{months[date.month - 1]} {date.year}"
    return f"{months[date.month - 1]} {date.day}, {date.year}"


def day_month_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """``12 February 2019``, ``February 2019`` or ``2019`` (UK order, MLA)."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{months[date.month - 1]} {date.year}"
    return f"{date.day} {months[date.month - 1]} {date.year}"


def locator_range(first: int, last: int) -> str:
    """``5`` or ``5–7`` (en dash)."""
    return str(first) if first == last else f"{first}–{last}"


def sentence_case_notice(work: Work, style: str, notices: list[str]) -> None:
    """Styles that print the title as published want it in sentence case: warn if it is not."""
    if work.title_is_english and looks_title_cased(work.title):
        notices.append(
            f"{style} wants the title in sentence case but the record's title looks "
            "title-cased; transcite cannot tell proper nouns apart, so check it by hand"
        )
