"""Parsing of photo credit lines and person names.

Meduza and most European newsrooms write a credit as a chain of parts separated by slashes:
``Photographer / Agency / Distributor…``. Wire services write ``(AP Photo/Name)``. The parts get
their roles by position: the first made the photo (``creator``), the second is the ``agency``,
any further part is a ``distributor``.
"""

from __future__ import annotations

import re

from transcite.model import Credit, CreditPart, CreditRole, Person

_AP_STYLE = re.compile(r"^\(?\s*(?P<agency>[A-Z][\w.&-]*) Photo\s*/\s*(?P<creator>[^)]+?)\s*\)?$")
_VIA_STYLE = re.compile(
    r"^\(?\s*(?P<creator>[^/()]+?)\s*/\s*(?P<source>[^()]+?) via (?P<agency>[^)]+?)\s*\)?$"
)
_SLASH = re.compile(r"\s*/\s*")
#: no credit line is longer than this; longer text is a caption or prose
_CREDIT_MAX = 160
_PARTICLES = {
    "van", "von", "de", "del", "della", "der", "di", "da", "du", "la", "le", "bin", "ibn", "al"
}


def _role_for(index: int) -> CreditRole:
    if index == 0:
        return "creator"
    if index == 1:
        return "agency"
    return "distributor"


def parse_credit(line: str) -> Credit:
    """Split a credit line into parts with roles, keeping the line exactly as published."""
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
            CreditPart(match["creator"].strip(), "creator"),
            CreditPart(match["source"].strip(), "agency"),
            CreditPart(match["agency"].strip(), "distributor"),
        )
        return Credit(line, parts)
    names = [p.strip() for p in _SLASH.split(text)]
    return Credit(line, tuple(CreditPart(n, _role_for(i)) for i, n in enumerate(names)))


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
            credit = inner if looks_like_credit(inner) else None
        if credit:
            return text[: match.start()].rstrip(), credit
    if _CREDIT_LABEL.match(text) and len(text) <= 160:
        return "", strip_credit_label(text)
    return text, None


def parse_person(name: str) -> Person:
    """Split a personal name into given and family names (family last, particles kept)."""
    words = name.split()
    if not words:
        return Person("", "")
    if len(words) == 1:
        return Person("", words[0])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return Person(" ".join(words[:cut]), " ".join(words[cut:]))
