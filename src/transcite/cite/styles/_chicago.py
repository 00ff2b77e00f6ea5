"""What Chicago 17 notes-bibliography and author-date share (The Chicago Manual of Style, 17th
ed., 2017): names, headline-style titles, translator phrases, the original and pinpoints."""

from __future__ import annotations

from transcite.cite.casing import CHICAGO_MINOR, title_case
from transcite.cite.styles._common import family_given, month_day_year, period, series
from transcite.cite.work import Work
from transcite.core.model import Person
from transcite.core.refs import Pinpoint
from transcite.core.text import is_abbreviation
from transcite.render.richtext import Emph, Link, Node, Quoted, span

_LEADING_ARTICLES = ("a", "an", "the")


def title(work: Work) -> str:
    """Headline style for English titles (CMOS 8.159); other languages as published (11.6)."""
    return title_case(work.title, CHICAGO_MINOR) if work.title_is_english else work.title


def short_title(work: Work) -> str:
    """A short title (CMOS 14.32): the main clause, leading article dropped, at most four words,
    never ending on a minor word or inside a quotation."""
    words: list[str] = []
    for word in title(work).split():
        words.append(word)
        if word.endswith((":", "?", "!")) or (word.endswith(".") and not is_abbreviation(word)):
            break
    if len(words) > 1 and words[0].lower() in _LEADING_ARTICLES:
        words = words[1:]
    words = words[:4]
    while len(words) > 1 and (
        words[-1].lower().strip(",;:") in CHICAGO_MINOR or _open_quote(" ".join(words))
    ):
        words.pop()
    text = " ".join(words).rstrip(",;:")
    return text[:-1] if text.endswith(".") and not is_abbreviation(words[-1]) else text


def _open_quote(text: str) -> bool:
    """True when a cut left a quotation open (more “ than ”, or an odd number of ")."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def note_authors(people: tuple[Person, ...]) -> str:
    """Notes: all names for one to three authors, first name + "et al." for four or more
    (CMOS 14.76)."""
    if len(people) >= 4:
        return f"{people[0].full_name} et al."
    return series([p.full_name for p in people])


def bibliography_authors(people: tuple[Person, ...]) -> str:
    """Bibliography: first name inverted; up to ten listed, else seven + "et al." (14.76)."""
    names = [family_given(people[0])] + [p.full_name for p in people[1:]]
    if len(names) > 10:
        return ", ".join(names[:7]) + ", et al."
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return series(names)


def bibliography_head(work: Work) -> Node | None:
    """What a bibliography or reference-list entry starts with: the authors or, for an
    unsigned article, the site's name in italics (CMOS 17, unsigned newspaper articles: the
    newspaper stands in place of the author); ``None`` when neither is known."""
    if work.authors:
        return period(bibliography_authors(work.authors))
    if work.publisher:
        return span(Emph(work.publisher), ".")
    return None


def short_authors(people: tuple[Person, ...]) -> str:
    """Surnames: one to three listed, four or more as first + "et al."."""
    if len(people) >= 4:
        return f"{people[0].family} et al."
    return series([p.family for p in people])


def translators(work: Work) -> str:
    return series([p.full_name for p in work.translators])


def original_phrase(work: Work, capital: bool) -> Node | None:
    """"originally published as “Title” (February 12, 2019)" when the original is known."""
    if work.original_title is None and work.original_published is None:
        return None
    lead = "Originally published" if capital else "originally published"
    when = month_day_year(work.original_published) if work.original_published else None
    if work.original_title is None:
        return f"{lead} {when}"
    return span(f"{lead} as ", Quoted(work.original_title), f" ({when})" if when else None)


def refuse_pinpoint(pinpoint: Pinpoint, notices: list[str]) -> None:
    """CMOS 14.160: paragraph numbers only where the source numbers them; no counting."""
    what = "paragraphs" if pinpoint.kind == "paragraph" else "photos"
    notices.append(
        f"Chicago does not count unnumbered {what}; citing the work as a whole "
        f"(name a section heading in your text to locate {pinpoint.label})"
    )


def access_notice(work: Work, notices: list[str]) -> None:
    if work.published is None and work.accessed is None:
        notices.append(
            "Chicago gives an access date for an undated web page; the record has none, so "
            "n.d. is used (give one with --accessed YYYY-MM-DD)"
        )


def reference_tail(work: Work) -> list[Node]:
    """How a bibliography or reference-list entry ends: the access date when there is no
    publication date, the original, the URL."""
    parts: list[Node] = []
    if work.published is None and work.accessed is not None:
        parts.append(f"Accessed {month_day_year(work.accessed)}.")
    phrase = original_phrase(work, capital=True)
    if phrase is not None:
        parts.append(period(phrase))
    if work.url:
        parts.append(span(Link(work.url), "."))
    return parts
