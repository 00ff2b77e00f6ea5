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


#: abbreviations of citations and credits that stand before a name: their period never ends a
#: sentence ("trans. Hilah Kohen", "ed. by", "comp.")
CREDIT_SHORT_FORMS = _words("trans ed eds comp rev")
#: locator labels and abbreviated months, which stand before a number ("para. 5", "p. 12",
#: "Feb. 12", "Sept. 2019"): their period ends a sentence unless a number follows
NUMBER_SHORT_FORMS = _words(
    "p pp para paras par pars n nn jan feb mar apr jun jul aug sep sept oct nov dec"
)
#: abbreviations that end a phrase and may end a sentence ("et al.", "n.d.", "Jr."): their
#: period ends it when a capital letter, or nothing, follows
PHRASE_SHORT_FORMS = _words("al n.d e.g i.e")
_SHORT_FORMS = BEFORE_NAME | BEFORE_NUMBER | MAY_END | CREDIT_SHORT_FORMS | NUMBER_SHORT_FORMS
#: a word ending in a letter and a period followed by a space (its opening quotes and brackets
#: left out): "(H. Kohen, Trans.). (2019" ends a sentence after the bracket
_PERIOD_SPACE = r"(?<![^\s(\[“‘\"'])[(\[“‘\"']*(\S*?[^\W\d_])\.(?= )"


def abbreviation_periods(text: str) -> list[int]:
    """The index in ``text`` of each period that ends an abbreviation and is followed by a
    space inside the same sentence: "et al. 2019", "trans. Hilah Kohen", "Feb. 12", "Mr. Smith",
    "M. L. King", "Jr. and", "the U.S. and". Not: "Kohen et al. Meduza" (a capital after a
    phrase's abbreviation starts a sentence), "Islamists. So" (a word, not an abbreviation), or
    a period at the end of ``text`` (what follows is not known there, as after "et al." that
    ends a run of text before an italic title: it counts as the end of the sentence)."""
    found: list[int] = []
    for match in re.finditer(_PERIOD_SPACE, text):
        word, dot = match[1], match.end() - 1
        after = text[dot + 2 :].lstrip("([“‘\"'")[:1]  # "n.d. “Title”": the T decides
        if not word or not after:
            continue
        lower = word.lower()
        if lower in BEFORE_NAME or lower in CREDIT_SHORT_FORMS or re.fullmatch(r"[A-Z]", word):
            found.append(dot)  # "Mr. Smith", "trans. Hilah", the initial "M. L. King"
        elif lower in BEFORE_NUMBER or lower in NUMBER_SHORT_FORMS:
            if after.isdigit():
                found.append(dot)
        elif (lower in MAY_END or lower in PHRASE_SHORT_FORMS or "." in word) and (
            not after.isupper()
        ):
            found.append(dot)  # "et al. 2019", "Jr. and", "n.d. (", "U.S. and"
    return found


def sentence_periods_after_capitals(text: str) -> list[int]:
    """The index of each period that ends a sentence right after a capital letter and is
    followed by a space: the period after an acronym ("by the BBC. Next", "TASS. 2019"), never
    an initial ("H. Kohen") or a dotted abbreviation ("U.S. Embassy", whose period may or may
    not end a sentence: left as an abbreviation's) or a short form in capitals ("DR. SMITH")."""
    return [
        m.end() - 1 for m in re.finditer(r"(?<![\w.])([A-Z]{2,})\.(?= )", text)
        if m[1].lower() not in _SHORT_FORMS
    ]
