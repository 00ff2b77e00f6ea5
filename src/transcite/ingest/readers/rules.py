"""Recognition rules shared by every reader: furniture, bylines, translator lines, shapes.

They are general rules about how news pages are written, never one article's strings. The text
reader applies them to lines of a capture, the HTML reader to the text of page elements, so a
donation appeal or a "Translated by" line is recognised the same way in both.
"""

from __future__ import annotations

import re

from transcite.core.model import Person
from transcite.credits.lines import PARTICLES, SUFFIXES, parse_person

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
#: a line longer than this that is not a list of names is prose, never a byline (kept for the
#: HTML reader's elements, whose text may run on); a list of names is a byline at any length
BYLINE_MAX = 120
_NAME_WORD = re.compile(r"^[A-Z\u0400-\u042f][\w'’.-]*$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*")
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


def _name_parts(names: str) -> list[str]:
    """The parts of "A, B, Jr., and C" that name someone: parts with digits (dates in a byline)
    are left out, and a generational suffix stays with the name before it."""
    parts: list[str] = []
    for part in _BYLINE_SPLIT.split(names):
        part = part.strip()
        if not part or any(c.isdigit() for c in part):
            continue
        if part in SUFFIXES and parts:
            parts[-1] = f"{parts[-1]}, {part}"
            continue
        parts.append(part)
    return parts


def split_names(names: str) -> tuple[Person, ...]:
    """"A, B and C" -> three persons; parts with digits (dates in a byline) are not names."""
    return tuple(parse_person(p) for p in _name_parts(names))


def _is_personal_name(part: str) -> bool:
    """One to six words, each capitalised, a particle ("van der") or a suffix ("Jr.")."""
    words = part.replace(",", " ").split()
    return 1 <= len(words) <= 6 and all(
        _NAME_WORD.match(w) or w in PARTICLES or w in SUFFIXES for w in words
    )


def byline_names(line: str) -> tuple[Person, ...] | None:
    """The people a byline names ("By A, B and C", "Author: A"), or ``None`` when the line is
    not a byline. Recognised by its shape, a list of names, whatever its length (a byline of
    eleven authors is longer than any length cap); a short "By …" line that is not a list of
    names is still taken as before (a byline with a dateline or a site name in it)."""
    match = BYLINE.match(line)
    if match is None:
        return None
    parts = _name_parts(match["names"])
    if parts and all(_is_personal_name(p) for p in parts):
        return tuple(parse_person(p) for p in parts)
    if len(line) < BYLINE_MAX:
        return split_names(match["names"])
    return None


def looks_like_byline(line: str) -> bool:
    """A line that starts like a byline ("By Anna …") but was not taken as one: worth a
    notice, since an article cited as unsigned by mistake is a wrong citation."""
    match = BYLINE.match(line)
    return bool(match and match["names"][:1].isupper())


def language_code(name: str | None) -> str | None:
    """"Russian" -> "ru" for the languages the translator-line rule knows."""
    return LANGUAGES.get((name or "").lower())


def is_name_shaped(line: str) -> bool:
    """Two to four capitalised words: a byline such as "Dmitry Kartsev"."""
    words = line.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


#: sentence-final (and clause-final) punctuation that makes a line prose, in the scripts
#: news is written in: Latin and Cyrillic, CJK full-width forms and corner quotes,
#: Devanagari danda, Arabic and Urdu, Armenian, Ethiopic, Myanmar, Khmer and Tibetan
SENTENCE_END = (".", "!", "?", "…", "”", '"', "。", "！", "？", "．", "」", "』")
PROSE_END = (
    *SENTENCE_END, ",", ";", "，", "、", "；", "।", "॥", "؟", "؛", "،", "۔", "։", "።",
    "။", "។", "།",
)
#: characters of scripts written without spaces between words (Han, kana, Thai, Lao,
#: Myanmar, Khmer); about two of them make a word
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f"
    r"\u1780-\u17ff]"
)
LABEL_MAX_WORDS = 8


def word_count(line: str) -> int:
    """Words of a line: spaced words, and about one per two characters of a script written
    without spaces (a Japanese sentence is one "word" to ``str.split``)."""
    words = line.split()
    if _UNSPACED.search(line) is None:
        return len(words)
    return sum(max(1, len(_UNSPACED.findall(w)) // 2) for w in words)


def is_label_shaped(line: str) -> bool:
    """A short line without closing punctuation: a section marker, not prose."""
    return word_count(line) <= LABEL_MAX_WORDS and not line.rstrip().endswith(PROSE_END)
