"""Small pieces several styles share: names, name lists, dates and end punctuation."""

from __future__ import annotations

from transcite.cite.casing import is_latin, looks_title_cased, title_case_doubts
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


def initials(given: str, joiner: str = " ") -> str:
    """``Hilah`` -> ``H.``; ``Jean-Paul`` -> ``J.-P.``; ``Mary Ann`` -> ``M. A.`` (APA 7 §9.8,
    IEEE), or ``M.A.`` with ``joiner=""`` (Cite Them Right: "Shields, G.J.")."""
    words = []
    for word in given.split():
        parts = [p for p in word.split("-") if p]
        words.append("-".join(p if p.endswith(".") and len(p) <= 3 else p[0] + "." for p in parts))
    return joiner.join(words)


def family_initials(person: Person, joiner: str = " ") -> str:
    """``Kartsev, D.``; ``van der Berg, J.``; ``King, M. L., Jr.`` (APA, Harvard reference
    lists: a particle stays before the surname as the person writes it, APA 7 §9.8; a suffix
    follows the initials after a comma). An organisation is never inverted: ``Meduza``."""
    if not person.given:
        return _with_suffix(person.family, person.suffix, ", ")
    return _with_suffix(
        f"{person.family}, {initials(person.given, joiner)}", person.suffix, ", "
    )


def initials_family(person: Person, joiner: str = " ") -> str:
    """``D. Kartsev``, ``J. van der Berg``, ``M. L. King Jr.`` (APA translators, IEEE)."""
    if not person.given:
        return _with_suffix(person.family, person.suffix, " ")
    return _with_suffix(f"{initials(person.given, joiner)} {person.family}", person.suffix, " ")


def family_given(person: Person) -> str:
    """``Kartsev, Dmitry``; ``King, Martin Luther, Jr.`` (first name in MLA and Chicago
    bibliographies: the suffix after the given name, set off by a comma, CMOS 17 6.43 and MLA
    9 §2.76). An organisation is never inverted."""
    if not person.given:
        return _with_suffix(person.family, person.suffix, ", ")
    return _with_suffix(f"{person.family}, {person.given}", person.suffix, ", ")


def _with_suffix(name: str, suffix: str, sep: str) -> str:
    return f"{name}{sep}{suffix}" if suffix else name


def capitalise_first(text: str) -> str:
    """``van der Berg`` -> ``Van der Berg``: a lowercase particle that opens a note (CMOS 17
    8.5: "always capitalized when beginning a sentence or a note")."""
    return text[:1].upper() + text[1:]


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
        return f"{figure}\u00a0{pinpoint.first}"
    # a no-break space keeps label and number together (LaTeX ~, as quote's postnotes)
    label = paras if pinpoint.is_range else para
    return f"{label}\u00a0{locator_range(pinpoint.first, pinpoint.last)}"


def sentence_case_notice(work: Work, style: str, notices: list[str]) -> None:
    """Styles that print the title as published want it in sentence case: warn if it is not."""
    if work.title_is_english and looks_title_cased(work.title):
        notices.append(
            f"{style} wants the title in sentence case but the record's title looks "
            "title-cased; transcite cannot tell proper nouns apart, so check it by hand"
        )


def case_doubt_notice(
    style: str,
    title: str,
    minor: frozenset[str],
    subordinators: frozenset[str],
    notices: list[str],
) -> None:
    """Title case: name each word whose capital depends on a use the rules cannot tell."""
    for doubt in title_case_doubts(title, minor, subordinators):
        notices.append(
            f"{style} title case: left lowercase {doubt}; check the title and capitalise it "
            "if the word is used so"
        )


def romanised(title: str, transliteration: str | None) -> str:
    """A title as a style in Latin letters prints it: its transliteration when it is written
    in another script and the record has one, else the title as published."""
    return transliteration if transliteration and not is_latin(title) else title


def foreign_title_notice(work: Work, style: str, rule: str, notices: list[str]) -> None:
    """A title not in English: say what the style expects that the record does not hold."""
    if work.title_is_english:
        return
    wants: list[str] = []
    if not is_latin(work.title) and not work.title_transliteration:
        wants.append("transliterated into Latin letters")
    if not work.title_translation:
        wants.append("followed by its English translation in square brackets")
    if wants:
        notices.append(
            f"{style} ({rule}) gives a title not in English {' and '.join(wants)}; the record "
            "has no such title, so it is printed as published (add title type=\"transliteration\" "
            "or type=\"translation\" to the record's titleStmt: docs/record-format.md)"
        )
