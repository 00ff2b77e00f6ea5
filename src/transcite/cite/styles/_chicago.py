"""What Chicago 17 notes-bibliography and author-date share (The Chicago Manual of Style, 17th
ed., 2017): names, headline-style titles, translator phrases, the original and pinpoints."""

from __future__ import annotations

from transcite.cite.casing import (
    CHICAGO_MINOR,
    CHICAGO_SUBORDINATORS,
    is_latin,
    title_case,
)
from transcite.cite.styles._common import (
    case_doubt_notice,
    family_given,
    month_day_year,
    period,
    romanised,
    series,
)
from transcite.cite.work import Work
from transcite.core.model import Person
from transcite.core.refs import Pinpoint
from transcite.core.text import is_abbreviation
from transcite.render.richtext import Emph, Link, Node, Quoted, span

_LEADING_ARTICLES = ("a", "an", "the")


def title(work: Work, notices: list[str] | None = None) -> str:
    """Headline style for English titles (CMOS 8.159); other languages as published (11.6),
    in Latin letters when the record has a transliteration (14.102). A word whose capital the
    rules cannot decide is named in a notice."""
    if not work.title_is_english:
        return romanised(work.title, work.title_transliteration)
    if notices is not None:
        case_doubt_notice("Chicago", work.title, CHICAGO_MINOR, CHICAGO_SUBORDINATORS, notices)
    return title_case(work.title, CHICAGO_MINOR, CHICAGO_SUBORDINATORS)



def script_notice(work: Work, notices: list[str], *, own: bool = True,
                  original: bool = True) -> None:
    """A title in another script (Cyrillic, Greek, Arabic, …) with no transliteration in the
    record: CMOS 17 14.98 gives such titles transliterated into Latin letters, with an
    optional English translation in square brackets, so printing the script as published
    gets a notice (``own``: the work's title is printed; ``original``: the original's)."""
    missing: list[str] = []
    if own and not is_latin(work.title) and not work.title_transliteration:
        missing.append("the title")
    shown = work.original_title
    if original and shown and not is_latin(shown) and not work.original_title_transliteration:
        missing.append("the original's title")
    if missing:
        where = " and ".join(missing)
        notices.append(
            f"Chicago 17 (14.98) gives a title in another script transliterated into Latin "
            f"letters, optionally followed by its English translation in square brackets; the "
            f"record has no transliteration of {where}, so it is printed as published (add "
            "title type=\"transliteration\" to the record: docs/record-format.md)"
        )

_DASHES = ("—", "–")


def short_title(work: Work) -> str:
    """A short title (CMOS 14.32): the key words of the main title, in their order, leading
    article dropped, at most four words. It stops at the end of the main title (a colon, a
    sentence end, a dash), never ends on a minor word, a dash or an opening quotation mark,
    and keeps an inner quotation whole (closed, even past four words) or leaves it out."""
    words = _main_title_words(title(work))
    if len(words) > 1 and words[0].lower() in _LEADING_ARTICLES:
        words = words[1:]
    cut = min(len(words), 4)
    if _quote_depth(words[:cut]) > 0:  # the cut falls inside a quotation
        opened = max(i for i in range(cut) if _quote_depth(words[: i + 1]) > _quote_depth(
            words[:i]))
        if opened > 0:
            cut = opened  # leave the quotation out
        while cut < len(words) and _quote_depth(words[:cut]) > 0:
            cut += 1  # or, when it opens the title, keep it whole
    words = words[:cut]
    while len(words) > 1 and (
        _bare(words[-1]).lower() in CHICAGO_MINOR or _quote_depth(words) > 0
    ):
        words.pop()
    if _quote_depth(words) > 0:  # a one-word cut inside a quotation: close it
        words = [words[0] + "”"]
    text = " ".join(words).rstrip(",;:— –")
    if text.endswith(".") and not is_abbreviation(words[-1]):
        text = text[:-1]
    return text


def _main_title_words(text: str) -> list[str]:
    """The words of the main title: up to a colon, a sentence end or a dash outside a
    quotation (the words after it are a subtitle or a second clause)."""
    words: list[str] = []
    depth = 0
    for word in text.split():
        if depth == 0 and word.startswith(_DASHES):
            break
        if depth == 0 and any(d in word for d in _DASHES):
            words.append(word.split("—")[0].split("–")[0])
            break
        words.append(word)
        depth = _quote_depth(words)
        if depth == 0 and (
            word.endswith((":", "?", "!")) or (word.endswith(".") and not is_abbreviation(word))
        ):
            break
    return [w for w in words if w]


def _bare(word: str) -> str:
    return word.rstrip(",;:.").lstrip("“‘\"'")


def _quote_depth(words: list[str]) -> int:
    """How many quotations are open at the end of ``words`` (“ minus ”)."""
    text = " ".join(words)
    return text.count("“") - text.count("”") + text.count('"') % 2


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


def quoted_title(work: Work, end: str, notices: list[str] | None = None) -> Node:
    """“Title,” (``end`` inside the marks) or, for a title not in English with a translation,
    “Title” [Translation], (CMOS 14.98: the bracketed translation follows the quoted title)."""
    shown = title(work, notices)
    if work.title_is_english or not work.title_translation:
        return Quoted(span(shown, end)) if end != "." else Quoted(period(shown))
    return span(Quoted(shown), f" [{work.title_translation}]{end}")


def original_phrase(work: Work, capital: bool) -> Node | None:
    """"originally published as “Title” (February 12, 2019)" when the original is known."""
    if work.original_title is None and work.original_published is None:
        return None
    lead = "Originally published" if capital else "originally published"
    when = month_day_year(work.original_published) if work.original_published else None
    if work.original_title is None:
        return f"{lead} {when}"
    shown = romanised(work.original_title, work.original_title_transliteration)
    translation = work.original_title_translation
    translated = f" [{translation}]" if translation else None
    return span(f"{lead} as ", Quoted(shown), translated, f" ({when})" if when else None)


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
