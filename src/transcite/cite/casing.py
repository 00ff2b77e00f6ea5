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

Two uses of a minor word are decided from the words around it (CMOS 17 §8.159, MLA 9 §2.90):

- a preposition used as an adverb, the particle of a phrasal verb, is capitalised ("Pull Out
  of", "Steps Up", "Turn Down"): a particle right after a verb form from
  :data:`PHRASAL_VERBS`, followed by a preposition, a conjunction, punctuation or nothing;
- a subordinating conjunction is capitalised ("After They Left"; MLA also "As"; Chicago
  lowercases "as" in every use): a word from ``subordinators`` followed by a subject pronoun.

When the words around it cannot decide (a particle followed by a noun phrase: "pulls out
troops" or "walks up the hill"; "after" followed by a noun phrase: "after the talks [collapsed]"),
the word is left lowercase and :func:`title_case_doubts` names it, for a notice that asks the
user to check.

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
#: prepositions that are also the adverb particle of a phrasal verb
PARTICLES = _words("about across along around away back by down in off on out over through up")
#: common verbs of phrasal verbs (base forms; -s, -ed, -ing and irregular forms are derived)
PHRASAL_VERBS = _words(
    """back blow break bring call carry cash catch check clamp crack crack cut dial die drop
    face fall fight fill follow give go hand hang hold kick lay let lock look make mark move
    open pay phase pick pile play point pull push put ramp rein roll rule run scale sell set
    shore shut sign sit speak spell stand start step stop sum take team tear throw turn walk
    wind wipe wrap write"""
)
_IRREGULAR = _words(
    """blew blown broke broken brought came caught cut fell fought gave given went gone held
    kept laid let made paid put ran sold set shut sat spoke spoken stood took taken tore torn
    threw thrown wound wrote written"""
)
#: conjunctions that are also prepositions: capitalised when they introduce a clause
CHICAGO_SUBORDINATORS = _words("after before since until till")
MLA_SUBORDINATORS = CHICAGO_SUBORDINATORS | {"as"}
_DETERMINERS = ARTICLES | _words("his her its their our my your this that these those every")
_SUBJECTS = _words("i you he she it we they there this that these those who")
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


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin one (Basic Latin to Latin Extended-B)."""
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


def title_case(
    title: str,
    minor: frozenset[str] = CHICAGO_MINOR,
    subordinators: frozenset[str] = frozenset(),
) -> str:
    """Headline-style capitalisation of an English sentence-case title."""
    return _title_case(title, minor, subordinators)[0]


def title_case_doubts(
    title: str,
    minor: frozenset[str] = CHICAGO_MINOR,
    subordinators: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The minor words :func:`title_case` left lowercase without being sure (see the module
    docstring), each as "‘out’ in ‘pulls out troops’"."""
    return _title_case(title, minor, subordinators)[1]


def _core(word: str) -> str:
    return _LEAD.sub("", word).rstrip(",;:.?!’”\"')]").lower()


def _is_verb(word: str) -> bool:
    """A form of a verb in :data:`PHRASAL_VERBS`: "pull", "pulls", "pulled", "pulling",
    "steps", "gave"."""
    core = _core(word)
    if core in PHRASAL_VERBS or core in _IRREGULAR:
        return True
    for ending in ("s", "es", "ed", "d", "ing"):
        stem = core[: -len(ending)]
        if core.endswith(ending) and (
            stem in PHRASAL_VERBS or (stem[:-1] in PHRASAL_VERBS and stem[-1:] == stem[-2:-1])
            or stem + "e" in PHRASAL_VERBS
        ):
            return True
    return False


def _decide(
    words: list[str], i: int, minor: frozenset[str], subordinators: frozenset[str]
) -> tuple[bool, str | None]:
    """Whether minor word ``i`` is raised by its use, and a doubt when it cannot tell."""
    word, core = words[i], _core(words[i])
    ends_clause = word.endswith((",", ";", ":", ".", "?", "!", "—", "–"))
    nxt = _core(words[i + 1]) if i + 1 < len(words) and not ends_clause else None
    context = " ".join(words[max(i - 1, 0) : i + 2])
    if core in PARTICLES and i > 0 and _is_verb(words[i - 1]):
        if nxt not in _DETERMINERS:
            # "Pull Out of", "Steps Up", "Back Down and", "Steps Up Pressure": a preposition
            # takes a noun phrase, which after these verbs starts with a determiner
            return True, None
        return False, f"‘{core}’ in ‘{context}’ (an adverb, capitalised, or a preposition)"
    if core in subordinators and nxt is not None:
        if nxt in _SUBJECTS:
            return True, None  # "After They Left": a conjunction
        rest = _clause_words(words, i + 1)
        if rest >= 2 and not nxt[:1].isdigit():  # a clause needs a subject and a verb
            return False, f"‘{core}’ in ‘{context}’ (a conjunction, capitalised, or a preposition)"
    return False, None


def _clause_words(words: list[str], start: int) -> int:
    """How many words run from ``start`` to the next punctuation mark or the end."""
    count = 0
    for word in words[start:]:
        count += 1
        if word.endswith((",", ";", ":", ".", "?", "!", "—", "–")):
            break
    return count


@lru_cache(maxsize=512)
def _title_case(
    title: str, minor: frozenset[str], subordinators: frozenset[str]
) -> tuple[str, tuple[str, ...]]:
    """Cached: a batch of citations of the same record cases the same title again and again."""
    tokens = list(_TOKEN.finditer(title))
    words = [t.group() for t in tokens]
    out: list[str] = []
    doubts: list[str] = []
    pos = 0
    force = True
    for i, match in enumerate(tokens):
        word = match.group()
        last = i == len(tokens) - 1
        raise_it = force or last
        if not raise_it and _core(word) in minor:
            raise_it, doubt = _decide(words, i, minor, subordinators)
            if doubt:
                doubts.append(doubt)
        out.append(title[pos : match.start()])
        out.append(_case_word(word, minor, raise_it))
        pos = match.end()
        force = word.endswith(_SENTENCE_END) and not is_abbreviation(word)
    out.append(title[pos:])
    return "".join(out), tuple(doubts)


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
