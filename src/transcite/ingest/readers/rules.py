"""Recognition rules shared by every reader: furniture, bylines, translator lines, shapes.

They are general rules about how news pages are written, never one article's strings. The text
reader applies them to lines of a capture, the HTML reader to the text of page elements, so a
donation appeal or a "Translated by" line is recognised the same way in both.
"""

from __future__ import annotations

import re

from transcite.core.model import Person
from transcite.credits.lines import parse_person

#: reasons recorded in ``Record.furniture``; shared so that every reader names a rule alike
SKIP_LINK = "skip link"
APPEAL = "donation or subscription appeal"
READ_MORE = "navigation or read-more line"

FURNITURE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^skip to (the )?(main )?(content|navigation|search)\b", re.I), SKIP_LINK),
    (
        re.compile(
            r"\b(donate|donation|support (us|our (work|journalism))|we need your help|"
            r"become a (member|patron|supporter)|for our readers|subscribe to (our|the))\b",
            re.I,
        ),
        APPEAL,
    ),
    (
        re.compile(r"^(read (more|also|next)|related( stories| articles)?|share( this)?|"
                   r"advertisement|sign up|follow us)\b", re.I),
        READ_MORE,
    ),
)
#: a furniture line is short; a longer line that mentions a donation is prose
FURNITURE_MAX = 240

SOURCE = re.compile(r"^(?:Source|Publisher|Published by)\s*:\s*(?P<name>.+?)\s*$", re.I)
#: "Translation by X", "Translated from the Russian by X", "Translation: X", "Translator: X"
TRANSLATOR = re.compile(
    r"^(?:(?:Translation|Translated|English translation|English version)"
    r"(?: from (?:the )?(?P<lang>[A-Z][a-z]+))?(?: by:?\s+|:\s*)|Translators?:\s*)"
    r"(?P<names>[^\s:].*?)\.?\s*$"
)
#: "By X", "Story by X", "Author: X", "Text: X"
BYLINE = re.compile(
    r"^(?:(?:By|Story by|Text by|Words by):?\s+|(?:Authors?|Text|Words):\s*)"
    r"(?P<names>[^\s:].*?)\.?\s*$"
)
#: a byline is short; a sentence that starts with "By" is prose
BYLINE_MAX = 120
_NAME_WORD = re.compile(r"^[A-Z\u0400-\u042f][\w'’.-]*$")
LANGUAGES = {
    "russian": "ru", "ukrainian": "uk", "belarusian": "be", "kazakh": "kk", "georgian": "ka",
    "french": "fr", "german": "de", "spanish": "es", "italian": "it", "polish": "pl",
    "chinese": "zh", "arabic": "ar", "english": "en", "latvian": "lv", "estonian": "et",
}


def furniture_reason(line: str) -> str | None:
    """The rule that makes a short line page furniture, or ``None`` for content."""
    if len(line) > FURNITURE_MAX:
        return None
    for pattern, reason in FURNITURE:
        if pattern.search(line):
            return reason
    return None


def split_names(names: str) -> tuple[Person, ...]:
    """"A, B and C" -> three persons; parts with digits (dates in a byline) are not names."""
    parts = re.split(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*", names)
    return tuple(
        parse_person(p) for p in parts if p.strip() and not any(c.isdigit() for c in p)
    )


def language_code(name: str | None) -> str | None:
    """"Russian" -> "ru" for the languages the translator-line rule knows."""
    return LANGUAGES.get((name or "").lower())


def is_name_shaped(line: str) -> bool:
    """Two to four capitalised words: a byline such as "Dmitry Kartsev"."""
    words = line.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def is_label_shaped(line: str) -> bool:
    """A short line without closing punctuation: a section marker, not prose."""
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ",", ";", "…", "”", '"'))
