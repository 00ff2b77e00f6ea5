"""APA 7 (Publication Manual of the American Psychological Association, 7th ed., 2020).

A news-website article is a webpage on a news website (§10.16): the title in italics and in
sentence case, the site name in roman. The translator follows the title, "(H. Kohen, Trans.)"
(§9.39); a known original date ends the entry, "(Original work published 2019)", and makes the
in-text date "2019/2020" (§9.40, §8.19). No date: "n.d." (§9.17); with no date, a retrieval date
is given when the record has an access date, "Retrieved March 5, 2024, from URL" (§9.16).
Pinpoints (§8.28): paragraphs are counted when the source does not number them, "para. 5",
"paras. 5–7"; figures are counted in reading order, "Figure 1". With no author the title takes
the author's place (§9.12), in the in-text citation in title case and shortened (§8.14).
Details and deviations from the official apa.csl: docs/styles.md.
"""

from __future__ import annotations

from typing import ClassVar

from transcite.cite.casing import APA_MINOR, capitalise_subtitles, title_case
from transcite.cite.form import Form
from transcite.cite.quote_rules import SPACED, QuoteRules
from transcite.cite.styles import Style, register_style
from transcite.cite.styles._common import (
    MONTHS,
    counted_locator,
    family_initials,
    foreign_title_notice,
    initials_family,
    month_day_year,
    period,
    romanised,
    sentence_case_notice,
)
from transcite.cite.work import PartialDate, Work
from transcite.core.refs import Pinpoint
from transcite.core.text import is_abbreviation
from transcite.render.richtext import Emph, Link, Node, join, span


def _author_list(work: Work) -> str:
    names = [family_initials(p) for p in work.authors]
    if len(names) > 20:
        names = [*names[:19], ". . .", names[-1]]
        return ", ".join(names[:-1]) + " " + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _date(date: PartialDate | None) -> str:
    if date is None:
        return "n.d."
    if date.month is None:
        return str(date.year)
    month = MONTHS[date.month - 1]
    return f"{date.year}, {month}" + (f" {date.day}" if date.day else "")


def _year(work: Work) -> str:
    """"2020", "n.d.", or "2019/2020" for a translation of an original from another year.

    §8.19 gives no rule for an original from the same year; "2019/2019" tells the reader
    nothing, so the year is given once (the reference still ends "(Original work published
    2019)").
    """
    year = str(work.published.year) if work.published else "n.d."
    original = work.original_published
    if original is not None and (work.published is None or original.year != work.published.year):
        return f"{original.year}/{year}"
    return year


def _undated_translation_notice(work: Work, notices: list[str]) -> None:
    """§8.19 gives both years, "1966/2000"; the manual has no example for a translation whose
    own date is unknown. transcite writes "2018/n.d.", which matches the reference's "(n.d.)"
    and "(Original work published 2018)", and says so."""
    if work.original_published is not None and work.published is None:
        notices.append(
            f"APA 7 §8.19 gives the original's year and the translation's ({_year(work)}); the "
            "manual has no example for an undated translation, so n.d. stands for its year; "
            "give the publication date with --published if the page shows one"
        )


def _translators(work: Work) -> str | None:
    if not work.translators:
        return None
    names = [initials_family(p) for p in work.translators]
    if len(names) == 1:
        joined = names[0]
    elif len(names) == 2:
        joined = f"{names[0]} & {names[1]}"
    else:  # a series takes a comma before the ampersand (§9.8, as in editors' names)
        joined = ", ".join(names[:-1]) + ", & " + names[-1]
    return f" ({joined}, Trans.)"


def _title(work: Work) -> str:
    """Sentence case as published, a subtitle's first word raised (§6.17); a title not in
    English transliterated when in another script (§9.38)."""
    if work.title_is_english:
        return capitalise_subtitles(work.title)
    return romanised(work.title, work.title_transliteration)


def _translated(work: Work) -> str | None:
    """" [English translation]" after a title not in English (§9.38), roman type."""
    if work.title_is_english or not work.title_translation:
        return None
    return f" [{work.title_translation}]"


def _in_text_title(work: Work) -> str:
    """The title in an author's place (§8.14): title case (§6.17), shortened to its main
    clause (up to the first colon or full stop; a question or exclamation mark is kept)."""
    words: list[str] = []
    for word in work.title.split():
        if word.endswith((":", ".")) and not is_abbreviation(word):
            words.append(word[:-1])
            break
        words.append(word)
        if word.endswith(("?", "!")):
            break
    short = " ".join(words)
    if work.title_is_english:
        return title_case(short, APA_MINOR)
    return romanised(short, work.title_transliteration and _in_text_of(work.title_transliteration))


def _in_text_of(title: str) -> str:
    """The main clause of a (transliterated) title, as for English titles."""
    words: list[str] = []
    for word in title.split():
        if word.endswith((":", ".")) and not is_abbreviation(word):
            words.append(word[:-1])
            break
        words.append(word)
    return " ".join(words)


def _short_author(work: Work) -> str | None:
    families = [p.family for p in work.authors]
    if not families:
        return None
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


@register_style
class Apa(Style):
    name = "apa"
    label = "APA 7"
    forms: ClassVar[tuple[Form, ...]] = ("reference", "in-text")
    quote_rules = QuoteRules("APA 7 (8.27): block from 40 words", "words", 40, SPACED)
    csl = ("apa", "en-US")

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        sentence_case_notice(work, "APA", notices)
        foreign_title_notice(work, "APA 7", "§9.38", notices)
        title = period(span(Emph(_title(work)), _translated(work), _translators(work)))
        date = f"({_date(work.published)})."
        if work.authors:
            head = span(period(_author_list(work)), " ", date, " ", title)
        else:
            head = span(title, " ", date)
        parts: list[Node] = [head]
        if work.publisher and [work.publisher] != [p.full_name for p in work.authors]:
            parts.append(period(work.publisher))
        if work.url:
            if work.published is None and work.accessed is not None:
                when = month_day_year(work.accessed)
                parts.append(span(f"Retrieved {when}, from ", Link(work.url)))
            else:
                parts.append(Link(work.url))
        if work.original_published is not None:
            parts.append(f"(Original work published {work.original_published.year})")
        return join(parts, " ")

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        _undated_translation_notice(work, notices)
        who: Node = _short_author(work) or Emph(_in_text_title(work))
        parts: list[Node] = [who, ", ", _year(work)]
        if pinpoint is not None:
            parts += [", ", self._locator(pinpoint, notices)]
        return span("(", *parts, ")")

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        return self._locator(pinpoint, notices)

    def _locator(self, pinpoint: Pinpoint, notices: list[str]) -> str:
        return counted_locator(pinpoint, notices, "APA", "Figure", "para.", "paras.")

