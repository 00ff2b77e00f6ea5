"""Capitalisation of English titles for the styles that want headline (title) case.

Records store a headline as published. News sites, Meduza included, publish headlines in
sentence case, which APA, Harvard and IEEE print as they are. MLA and Chicago want title case:
:func:`title_case` only ever *raises* letters (the first letter of every major word, of the first
and last word and of the first word after ``:``, ``.``, ``?``, ``!`` or a dash), so proper nouns
and acronyms in a sentence-case headline survive and nothing is lowercased by guesswork.

Minor words (left as they are unless first or last): articles, coordinating conjunctions, every
preposition (Chicago 17 §8.159 and MLA 9 §2.90 lowercase prepositions whatever their length),
``to`` and ``as``. MLA also lowercases ``so`` and ``yet`` as coordinating conjunctions; Chicago
capitalises them. Hyphenated compounds capitalise every element except minor words and
attached prefixes such as ``anti-`` or ``re-`` (Chicago §8.161).

Titles not in English are never title-cased (Chicago §11.26, MLA §2.99): see
:func:`is_english`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transcite.core.text import is_abbreviation


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLES = frozenset({"a", "an", "the"})
PREPOSITIONS = _words(
    """about above across after against along amid amidst among amongst around as at atop
    before behind below beneath beside besides between beyond by circa despite down during
    except for from in inside into like near of off on onto opposite out outside over past
    per since than through throughout till to toward towards under underneath unlike until
    unto up upon versus via vs. v. with within without"""
)
CHICAGO_MINOR = ARTICLES | PREPOSITIONS | frozenset({"and", "but", "for", "or", "nor"})
MLA_MINOR = CHICAGO_MINOR | frozenset({"so", "yet"})
#: APA 7 §6.17 lowercases only minor words of three letters or fewer ("With", "From" are raised)
APA_MINOR = frozenset(w for w in MLA_MINOR | {"if"} if len(w.rstrip(".")) <= 3)
_PREFIXES = _words("anti co de inter intra mid multi non post pre pro re semi sub super trans un")
_TOKEN = re.compile(r"\S+")
_LEAD = re.compile(r"^[\"'“‘(\[¿¡«]*")
_DOMAIN = re.compile(r"[a-z0-9]\.[a-z]{2,}")
_SENTENCE_END = (".", ":", "?", "!", "—", "–")


def is_english(language: str | None, text: str) -> bool:
    """True when a title should be treated as English.

    A language code decides when known (``en``, ``en-GB``…). Without one, a title written only
    in Latin letters is taken as English; any Cyrillic, Greek, CJK… letter means it is not.
    """
    if language:
        return language.lower() == "en" or language.lower().startswith("en-")
    return all(not ch.isalpha() or ord(ch) < 0x250 for ch in text)


def _raise_first(word: str) -> str:
    lead = _LEAD.match(word)
    at = lead.end() if lead else 0
    if at < len(word) and word[at].islower():
        return word[:at] + word[at].upper() + word[at + 1 :]
    return word


def _has_inner_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:])


def _case_word(word: str, minor: frozenset[str], force: bool) -> str:
    if "://" in word or "@" in word or _DOMAIN.search(word):
        return word  # an address keeps its case: meduza.io, www.example.org
    if _has_inner_capital(word.lstrip("\"'“‘([")):
        return word
    core = _LEAD.sub("", word).rstrip(",;:.?!’”\"')]").lower()
    if not force and core in minor:
        return word
    if "-" in word and not word.startswith("-"):
        return _case_compound(word, minor)
    return _raise_first(word)


def _case_compound(word: str, minor: frozenset[str]) -> str:
    parts = word.split("-")
    out = [_raise_first(parts[0])]
    prefix = _LEAD.sub("", parts[0]).lower() in _PREFIXES
    for part in parts[1:]:
        bare = part.rstrip(",;:.?!’”\"')]").lower()
        out.append(part if prefix or bare in minor else _raise_first(part))
        prefix = False
    return "-".join(out)


@lru_cache(maxsize=512)
def title_case(title: str, minor: frozenset[str] = CHICAGO_MINOR) -> str:
    """Headline-style capitalisation of an English sentence-case title.

    Cached: a batch of citations of the same record cases the same title again and again.
    """
    tokens = list(_TOKEN.finditer(title))
    out: list[str] = []
    pos = 0
    force = True
    for i, match in enumerate(tokens):
        word = match.group()
        last = i == len(tokens) - 1
        out.append(title[pos : match.start()])
        out.append(_case_word(word, minor, force or last))
        pos = match.end()
        force = word.endswith(_SENTENCE_END) and not is_abbreviation(word)
    out.append(title[pos:])
    return "".join(out)


def looks_title_cased(title: str) -> bool:
    """True when most words of four or more letters start with a capital (not sentence case)."""
    words: list[str] = re.findall(r"[^\W\d_]{4,}", title)[1:]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.6


_SUBTITLE = re.compile(r"(?<=\S)(:|\s—|—)(\s*[\"'“‘(\[¿¡«]*)([a-z])")


def capitalise_subtitles(title: str) -> str:
    """Sentence case as APA 7 §6.17 and IEEE have it: the first word of a subtitle (after a
    colon or an em dash) starts with a capital. Only lowercase letters are raised; "10:30" and
    URLs are left alone (a colon must be followed by white space)."""
    def raise_letter(match: re.Match[str]) -> str:
        mark, lead, letter = match.groups()
        if mark == ":" and not lead[:1].isspace():
            return match.group()
        return f"{mark}{lead}{letter.upper()}"

    return _SUBTITLE.sub(raise_letter, title)
