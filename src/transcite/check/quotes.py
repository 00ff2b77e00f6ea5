"""Finding the quotations of a manuscript and the citation attached to each.

Inline quotations are found per block (a paragraph cannot be swallowed by an opening mark
that is never closed: that mark is reported as unbalanced and the scan goes on after it) in
every common pair of marks; a block quotation is a quotation as a whole. The citation of a
quotation is the first parenthetical, pandoc citation or footnote mark after it in the same
sentence (for a block quotation: at its end, or the block just after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcite.check.manuscript import Block, Manuscript

#: opening mark -> the closing marks that end it
PAIRS: dict[str, str] = {
    "“": "”", "\"": "\"", "«": "»", "„": "“”", "»": "«", "「": "」", "『": "』", "‘": "’",
    "‹": "›",
}
#: inline quotations shorter than this many words are scare quotes or titles, reported only
#: when they match the corpus (or with ``--all``)
SHORT_WORDS = 5


@dataclass(frozen=True, slots=True)
class Citation:
    """What a citation in the manuscript says."""

    raw: str
    #: a pandoc or LaTeX citation key (a record id, when it is one)
    key: str | None = None
    #: capitalised names in it (authors, usually surnames)
    names: tuple[str, ...] = ()
    #: "2019", "n.d." or None
    year: str | None = None
    #: "para", "page" or None, and the number(s) it gives
    pinpoint: str | None = None
    numbers: tuple[int, ...] = ()


@dataclass
class Quotation:
    """A quotation of the manuscript: its words (without the marks) and where they are."""

    block: int
    start: int
    end: int
    text: str
    kind: str  # "inline" or "block"
    citation: Citation | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+", self.text))


@dataclass(frozen=True, slots=True)
class Unbalanced:
    """An opening quotation mark without its closing mark in the same block."""

    block: int
    offset: int
    mark: str


_PAREN = re.compile(r"\(([^()\n]{1,200})\)")
_PANDOC = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
_NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
_NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.")
_PARA = re.compile(r"\b(?:paras?\.|pars?\.|paragraphs?|¶¶?)\s*(\d+)(?:\s*[-–]\s*(\d+))?", re.I)
_PAGE = re.compile(r"\b(?:pp?\.|pages?)\s*(\d+)(?:\s*[-–]\s*(\d+))?", re.I)
_NAME = re.compile(r"\b([A-Z][\w'’-]+)")
_NOT_NAMES = frozenset(("See", "Also", "Cf", "Para", "Paras", "Emphasis", "Added", "Original",
                        "Translated", "Trans", "Ibid", "In", "Quoted", "Qtd", "And", "The",
                        "Et", "Al", "Par", "Pp", "Sic", "Page", "Pages", "Paragraph", "Ed",
                        "Eds", "Fig", "Figure", "Emphasis added"))
_KEY = re.compile(r"@([\w][\w:.#$%&\-+?<>~/]*)")
#: a sentence ends: the citation of a quotation is looked for only before this
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"«„]|\s*$)")


def parse_citation(raw: str, key: str | None = None) -> Citation:
    """The names, year and pinpoint a citation's text gives."""
    year_match = _YEAR.search(raw)
    year = None
    if year_match:
        year = year_match.group(1) or "n.d."
    pinpoint = None
    numbers: tuple[int, ...] = ()
    para = _PARA.search(raw)
    page = _PAGE.search(raw)
    found = para or page
    if found:
        pinpoint = "para" if para else "page"
        first = int(found.group(1))
        last = int(found.group(2)) if found.group(2) else first
        numbers = tuple(range(first, min(last, first + 50) + 1))
    bare = _KEY.sub(" ", raw)
    names = tuple(dict.fromkeys(
        n for n in _NAME.findall(bare) if n not in _NOT_NAMES and not n.isdigit()
    ))
    return Citation(raw=raw, key=key, names=names, year=year, pinpoint=pinpoint,
                    numbers=numbers)


def _citation_after(text: str, pos: int, notes: dict[str, str]) -> Citation | None:
    """The citation that follows ``pos`` in the same sentence, if any."""
    end = len(text)
    sentence = _SENTENCE_END.search(text, pos)
    if sentence:
        end = min(end, sentence.end() + 1)
    for opener in PAIRS:
        if opener in ("\"",):
            continue
        o = text.find(opener, pos, end)
        if o >= 0:
            end = o
    window = text[pos:end]
    best: tuple[int, Citation] | None = None
    for match in _PANDOC.finditer(window):
        inner = match.group(1)
        key = _KEY.search(inner)
        cite = parse_citation(inner, key.group(1) if key else None)
        best = (match.start(), cite)
        break
    for match in _PAREN.finditer(window):
        inner = match.group(1)
        if not (_YEAR.search(inner) or _PARA.search(inner) or _PAGE.search(inner)):
            continue
        if best is None or match.start() < best[0]:
            best = (match.start(), parse_citation(inner))
        break
    for match in _NOTE_MARK.finditer(window):
        note = notes.get(match.group(1))
        if note is not None and (best is None or match.start() < best[0]):
            best = (match.start(), parse_citation(note))
        break
    return best[1] if best else None


def _is_opener(text: str, i: int) -> bool:
    char = text[i]
    before = text[i - 1] if i > 0 else " "
    if char in ("\"", "‘"):
        return not before.isalnum() and before not in ".,;:!?"
    if char == "»":
        return not before.isalnum()
    return True


def _closer(text: str, i: int, closers: str, same: bool) -> int:
    """Where the quotation opened at ``i`` closes, or -1 (also when the same opening mark
    comes again first: the first one is then the unclosed one)."""
    opener = text[i]
    j = i + 1
    while j < len(text):
        char = text[j]
        if not same and char == opener and opener not in closers and _is_opener(text, j):
            return -1
        if char in closers:
            after = text[j + 1] if j + 1 < len(text) else " "
            if closers == "’" and after.isalpha():
                j += 1  # an apostrophe: don’t
                continue
            if same and text[j - 1].isspace() and after.isalnum():
                # a straight quote that opens the next quotation; this one is unbalanced
                return -1
            return j
        j += 1
    return -1


def inline_quotations(block: Block, index: int, notes: dict[str, str]) -> tuple[
        list[Quotation], list[Unbalanced]]:
    text = block.text
    found: list[Quotation] = []
    unbalanced: list[Unbalanced] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in PAIRS and _is_opener(text, i):
            closers = PAIRS[char]
            close = _closer(text, i, closers, same=char in closers)
            if close < 0:
                if char != "‘":  # an unpaired ‘ is most often a typographer's apostrophe
                    unbalanced.append(Unbalanced(index, i, char))
                i += 1
                continue
            inner = text[i + 1 : close]
            if inner.strip():
                quote = Quotation(index, i + 1, close, inner, "inline")
                quote.citation = _citation_after(text, close + 1, notes)
                found.append(quote)
            i = close + 1
            continue
        i += 1
    return found, unbalanced


_TRAILING_CITATION = re.compile(
    r"\s*(?:\(([^()\n]{1,200})\)|\[([^\[\]\n]*@[^\[\]\n]*)\]|[—–-]{1,2}\s*([^\n]{1,120}))\s*\.?\s*$"
)
_TRAILING_NOTE = re.compile(r"\s*\[\^([^\]\s]+)\]\s*$")


def block_quotation(block: Block, index: int, following: Block | None,
                    notes: dict[str, str] | None = None) -> Quotation:
    text = block.text
    end = len(text.rstrip())
    citation = None
    note = _TRAILING_NOTE.search(text[:end])
    match = _TRAILING_CITATION.search(text[:end])
    if note and (notes or {}).get(note.group(1)) is not None:
        citation = parse_citation((notes or {})[note.group(1)])
        end = note.start()
    elif match and (match.group(2) or _YEAR.search(match.group(0)) or _PARA.search(
            match.group(0)) or _PAGE.search(match.group(0))):
        raw = match.group(1) or match.group(2) or match.group(3) or ""
        key = _KEY.search(raw)
        citation = parse_citation(raw, key.group(1) if key else None)
        end = match.start()
    elif following is not None and following.kind == "paragraph":
        lead = following.text.lstrip()
        paren = _PAREN.match(lead) or _PANDOC.match(lead)
        if paren:
            key = _KEY.search(paren.group(1))
            citation = parse_citation(paren.group(1), key.group(1) if key else None)
    start = len(text) - len(text.lstrip())
    inner = text[start:end]
    # a block quotation set in quotation marks anyway: the marks are not the words
    if len(inner) > 1 and inner[0] in PAIRS and inner.rstrip(".,")[-1:] in PAIRS[inner[0]]:
        stripped = inner.rstrip(".,")
        end = start + len(stripped) - 1
        start += 1
        inner = text[start:end]
    return Quotation(index, start, end, inner, "block", citation)


def extract(manuscript: Manuscript) -> tuple[list[Quotation], list[Unbalanced]]:
    """Every quotation of the manuscript, in reading order, and the unbalanced marks."""
    notes: dict[str, str] = {}
    for block in manuscript.blocks:
        if block.kind == "note":
            notes[block.label or ""] = block.text
        else:
            note = _NOTE_DEF.match(block.text)
            if note:
                notes[note.group(1)] = block.text[note.end():]
    quotations: list[Quotation] = []
    unbalanced: list[Unbalanced] = []
    blocks = manuscript.blocks
    references = {id(b) for b in manuscript.references()}
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "note") or id(block) in references:
            continue
        if _NOTE_DEF.match(block.text):
            continue
        if block.kind == "blockquote":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            quotations.append(block_quotation(block, index, following, notes))
            continue
        found, bad = inline_quotations(block, index, notes)
        quotations.extend(found)
        unbalanced.extend(bad)
    return quotations, unbalanced
