"""Parsing of photo credit lines and person names.

Meduza and most European newsrooms write a credit as a chain of parts separated by slashes:
``Photographer / Agency / Distributor…``. Wire services write ``(AP Photo/Name)``. The parts get
their roles by position: the first made the photo (``creator``), the second is the ``agency``,
any further part is a ``distributor``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from transcite.core.model import Credit, CreditPart, CreditRole, Person

if TYPE_CHECKING:
    from transcite.credits.agencies import Registry

#: "(AP Photo/Name)", and the agencies' capitalised form "AFP PHOTO / NAME"
_AP_STYLE = re.compile(
    r"^\(?\s*(?P<agency>[A-Z][\w.&-]*) (?i:photo)\s*/\s*(?P<creator>[^)]+?)\s*\)?$"
)
_VIA_STYLE = re.compile(
    r"^\(?\s*(?P<creator>[^/()]+?)\s*/\s*(?P<source>[^()]+?) via (?P<agency>[^)]+?)\s*\)?$"
)
#: "Name via Agency" (no slash): the photo made by Name, handed out through Agency
_VIA_SHORT = re.compile(r"^\(?\s*(?P<creator>[^/()]+?) via (?P<agency>[^/()]+?)\s*\)?$")
#: a copyright sign before a credit ("© Reuters"): not part of any name
_COPYRIGHT = re.compile(r"^(?:©|\([cC]\))\s*")
_SLASH = re.compile(r"\s*/\s*")
#: no credit line is longer than this; longer text is a caption or prose
_CREDIT_MAX = 160
#: lowercase words a personal name may hold before its surname ("van der", "de la")
PARTICLES = frozenset({
    "van", "von", "de", "del", "della", "der", "den", "di", "da", "das", "dos", "du", "la", "le",
    "ter", "ten", "bin", "ibn", "al", "el",
})


def _role_for(index: int) -> CreditRole:
    if index == 0:
        return "creator"
    if index == 1:
        return "agency"
    return "distributor"


def parse_credit(line: str) -> Credit:
    """Split a credit line into parts with roles, keeping the line exactly as published.

    A label or sign before the first name ("Photo: ", "Photo by ", "© ") stays in the line
    but is not part of the name.
    """
    text = line.strip()
    parts: tuple[CreditPart, ...]
    match = _AP_STYLE.match(text)
    if match:
        parts = (  # in reading order: "(AP Photo/Name)"
            CreditPart(match["agency"], "agency"),
            CreditPart(match["creator"].strip(), "creator"),
        )
        return Credit(line, parts)
    match = _VIA_STYLE.match(text)
    if match:
        parts = (
            CreditPart(_bare_name(match["creator"]), "creator"),
            CreditPart(match["source"].strip(), "agency"),
            CreditPart(match["agency"].strip(), "distributor"),
        )
        return Credit(line, parts)
    match = _VIA_SHORT.match(text)
    if match and _via_shaped(match):
        parts = (  # "Name via Agency": the agency handed the photo out
            CreditPart(_bare_name(match["creator"]), "creator"),
            CreditPart(match["agency"].strip(), "distributor"),
        )
        return Credit(line, parts)
    names = [p.strip() for p in _SLASH.split(text)]
    names[0] = _bare_name(names[0])
    return Credit(line, tuple(CreditPart(n, _role_for(i)) for i, n in enumerate(names)))


def _bare_name(part: str) -> str:
    """The name in a first credit part, without a leading credit label or copyright sign."""
    name = part.strip()
    for _ in range(2):  # "© Photo: X" and "Photo: © X"
        name = _COPYRIGHT.sub("", _CREDIT_LABEL.sub("", name, count=1), count=1)
    return name or part.strip()


def _names_shaped(parts: list[str]) -> bool:
    """Each part one to six words, none ending a sentence, the last one capitalised."""
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 6 or part.rstrip().endswith((".", "!", "?", ",", ";", ":")):
            return False
    return parts[-1].strip()[:1].isupper()


def looks_like_marked_credit(line: str) -> bool:
    """True for a short line that says it is a credit without a slash between names.

    "© Reuters", "Photo: Evan Vucci", "Photo by Evan Vucci", "Credit: AFP", "Evan Vucci via
    Reuters". Readers use it only where a credit is expected (the line after a caption): a
    lone "Photo: …" line elsewhere may be prose.
    """
    text = line.strip()
    if not text or len(text) > _CREDIT_MAX:
        return False
    bare = _bare_name(text)
    if bare != text:
        return bool(bare) and _names_shaped(_SLASH.split(bare))
    match = _VIA_SHORT.match(text)
    return match is not None and _via_shaped(match)


def _via_shaped(match: re.Match[str]) -> bool:
    """"Evan Vucci via Reuters", not "Delegates came via Moscow": the maker is a name."""
    maker = _bare_name(match["creator"]).split()
    return _names_shaped([match["creator"], match["agency"]]) and all(
        w[:1].isupper() or w in PARTICLES for w in maker
    )


def credit_after_caption(line: str) -> bool:
    """Whether a line (or a caption's last sentence) right after a caption is its credit.

    Slash-separated credits, credits with a mark ("© Reuters", "Photo: Evan Vucci", "Evan
    Vucci via Reuters") and the bare name of an agency in the registry ("Getty Images",
    "AFP"), written without punctuation.
    """
    text = line.strip()
    if looks_like_credit(text) or looks_like_marked_credit(text):
        return True
    if not text[-1:].isalnum() or len(text) > 60:
        return False
    match = _builtin_registry().lookup(text)
    return match is not None and match.exact


@cache
def _builtin_registry() -> Registry:
    from transcite.credits.agencies import load_registry  # only readers of captions need it

    return load_registry()


def looks_like_credit(line: str) -> bool:
    """True for a line shaped like a photo credit: short slash-separated name parts.

    The rule is general: two or more parts, each one to six words, none ending a sentence,
    and at least one starting with a capital letter or digit.
    """
    text = line.strip()
    if len(text) > _CREDIT_MAX:  # prose; also keeps the regular expressions off long text
        return False
    if _AP_STYLE.match(text) or _VIA_STYLE.match(text):
        return True
    if "/" not in text:
        return False
    parts = [p for p in _SLASH.split(text)]
    if len(parts) < 2:
        return False
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 6 or (part.endswith((".", "!", "?", ",")) and not part.endswith(
            ("Inc.", "Ltd.", "Co.")
        )):
            return False
        if re.search(r"\d/\d|^\d+$", part):
            return False
    return any(p[:1].isupper() for p in parts)


#: "Photo: …", "Photograph by …", "Credit: …" before a credit; not part of the credit itself
_CREDIT_LABEL = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|foto|credit|source)\s*(?::|by\b)\s*", re.I
)
#: a parenthesised group at the end of a caption: "… in Washington. (AP Photo/Evan Vucci)"
_TAIL_PAREN = re.compile(r"\s*(\([^()]{1,160}\))\s*$")
#: the last sentence of a caption: "… in Moscow. Sergei Savostyanov / TASS"
_TAIL_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+([^.!?…]{1,160})$")


def strip_credit_label(text: str) -> str:
    """"Photo: Evan Vucci / AP" -> "Evan Vucci / AP"; other text unchanged."""
    stripped = _CREDIT_LABEL.sub("", text.strip(), count=1)
    return stripped or text.strip()


def split_caption_credit(caption: str) -> tuple[str, str | None]:
    """Split a credit-shaped tail off a caption: ``(caption, credit)`` or ``(caption, None)``.

    The tail is a parenthesised group that is credit-shaped ("(AP Photo/Evan Vucci)"), or a
    last sentence that is credit-shaped or starts with a credit label ("Photo: Evan Vucci").
    """
    text = caption.strip()
    for pattern in (_TAIL_PAREN, _TAIL_SENTENCE):
        match = pattern.search(text)
        if match is None:
            continue
        tail = match.group(1).strip()
        inner = tail[1:-1].strip() if tail.startswith("(") else tail
        if _CREDIT_LABEL.match(inner):
            credit: str | None = strip_credit_label(inner)
        elif looks_like_credit(tail):
            credit = tail
        else:
            credit = inner if credit_after_caption(inner) else None
        if credit:
            return text[: match.start()].rstrip(), credit
    if _CREDIT_LABEL.match(text) and len(text) <= 160:
        return "", strip_credit_label(text)
    return text, None


#: generational suffixes kept apart from the family name ("Jr.", "III")
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def parse_person(name: str) -> Person:
    """Split a personal name into given and family names (family last, particles kept with
    it: "Jan van der Berg" -> "Jan" / "van der Berg") and a final suffix ("King, Jr.")."""
    words = name.replace(",", " ").split() if "," in name else name.split()
    suffix = ""
    if len(words) > 1 and words[-1] in SUFFIXES:
        suffix = words.pop()
    if suffix:
        return parse_person(" ".join(words))._replace(suffix=suffix)
    if not words:
        return Person("", "")
    if len(words) == 1:
        return Person("", words[0])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in PARTICLES:
        cut -= 1
    return Person(" ".join(words[:cut]), " ".join(words[cut:]))
