"""Rules about written English that several capabilities share: name lists and abbreviations.

One owner each, so that a citation, a credit sheet and a finding of ``validate`` never
disagree about them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: a letter of any script (``\w`` without digits and ``_``)
_LETTER = r"[^\W\d_]"
#: an abbreviation written as letters each followed by a period: "U.S.", "D.C.", "С.Ш.А."
#: (patterns, compiled by ``re`` on first use and cached there: start-up compiles none)
_DOTTED = rf"(?:{_LETTER}\.){{2,}}"
#: the same at the end of a text, as its last word
_DOTTED_END = rf"(?<!\w)(?:{_LETTER}\.){{2,}}\Z"
#: capitals with periods between them as written in running text, the final period optional
#: so that "U.S" is found as another form of "U.S."
ABBREVIATION = re.compile(r"(?<![\w.])[A-Z](?:\.[A-Z])+\.?(?!\w)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: abbreviations that stand before a name, number or place: a period after them never ends
#: a sentence
BEFORE_NAME = _words(
    "mr mrs ms messrs dr prof sen rep gov gen lt col maj capt cmdr adm sgt cpl rev fr st mt ft "
    "vs cf"
)
#: abbreviations that stand before a number ("No. 5", "fig. 3") but are also words that end
#: sentences ("he said no.", "modern art."): a period after them ends a sentence unless a
#: number follows
BEFORE_NUMBER = _words("no nos vol pp art sec ch fig figs approx")
#: abbreviations that may end a sentence (then treated like dotted acronyms)
MAY_END = _words("inc ltd corp co jr sr etc bros")
#: short forms whose period never ends a title's sentence (title casing); "no." only before a
#: number in running text, but in a headline it is always "No. 5"
TITLE_SHORT_FORMS = _words("vs v mr mrs ms dr st no")


def series(names: Sequence[str], conjunction: str = "and", serial_comma: bool = True) -> str:
    """``A``; ``A and B``; ``A, B, and C`` (``serial_comma=False``: ``A, B and C``)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    comma = "," if serial_comma else ""
    return f"{', '.join(names[:-1])}{comma} {conjunction} {names[-1]}"


def is_dotted_abbreviation(word: str) -> bool:
    """``U.S.``, ``D.C.``: a word of two or more letters each followed by a period."""
    return re.fullmatch(_DOTTED, word) is not None


def ends_with_abbreviation(text: str) -> bool:
    """Whether the text's last word is a dotted abbreviation (its period is not a full stop)."""
    return re.search(_DOTTED_END, text) is not None


def is_abbreviation(word: str) -> bool:
    """``U.S.``, ``vs.``, ``Mr.``: a word whose final period does not end a sentence of a
    title (title and sentence casing)."""
    core = word.rstrip(".")
    return "." in core or core.lower() in TITLE_SHORT_FORMS
