"""Scroll-to-text links: ``URL#:~:text=…`` (WICG "URL Fragment Text Directives").

A browser that follows such a link scrolls to the first match of the directive and highlights
it. A directive is ``text=[prefix-,]textStart[,textEnd][,-suffix]``; its terms are
percent-encoded, and every character outside the spec's unreserved set (ASCII letters and
digits and ``!$'()*+./:;=?@_~``) is encoded, in particular ``-``, ``,`` and ``&``, which the
directive syntax itself uses, and every non-ASCII character as UTF-8 bytes.

A short quotation is given whole (``textStart``). A longer one is given by its first and last
words (``textStart,textEnd``), as many as it takes for the first match in the record's text to
be the quoted passage; browsers match whole words, ignoring case, and so does the check here.
A quotation with an omission gets one directive per quoted run (``text=…&text=…``).
"""

from __future__ import annotations

import re
import string

from transcite.core.errors import UsageError
from transcite.core.model import Figure, Paragraph, Record
from transcite.quote.quoting import Excerpt

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "!$'()*+./:;=?@_~")
#: quotations up to this many words are given whole
WHOLE_WORDS = 10
#: a long quotation starts with at least this many words at each end
END_WORDS = 4


def encode_term(term: str) -> str:
    """A directive term percent-encoded as the spec requires (``-`` is ``%2D``)."""
    return "".join(
        c if c in _UNRESERVED else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        for c in term
    )


def document_text(record: Record) -> tuple[str, dict[str, int]]:
    """The record's visible text in reading order (headline, paragraphs, captions, credits,
    labels) one block a line, and where each block starts in it."""
    lines = [record.title]
    starts: dict[str, int] = {}
    offset = len(record.title) + 1
    for block in record.blocks:
        if isinstance(block, Paragraph):
            text = block.text
        elif isinstance(block, Figure):
            text = block.caption
        else:
            text = block.text
        starts[block.id] = offset
        lines.append(text)
        offset += len(text) + 1
        if isinstance(block, Figure) and block.credit is not None:
            lines.append(block.credit.text)
            offset += len(block.credit.text) + 1
    return "\n".join(lines), starts


def _first_match(document: str, term: str, after: int = 0) -> int:
    words = [re.escape(w) for w in term.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
    match = pattern.search(document, after)
    return match.start() if match else -1


def directive(document: str, start: int, end: int) -> str:
    """The shortest directive (by the rules above) whose first match is ``document[start:end]``."""
    words = document[start:end].split()
    if len(words) <= WHOLE_WORDS:
        return "text=" + encode_term(" ".join(words))
    for n in range(END_WORDS, len(words) // 2 + 1):
        head, tail = " ".join(words[:n]), " ".join(words[-n:])
        if _first_match(document, head) != start:
            continue
        tail_at = _first_match(document, tail, start + len(head))
        if tail_at + len(tail) == end:
            return f"text={encode_term(head)},{encode_term(tail)}"
    return "text=" + encode_term(" ".join(words))


def fragment_link(record: Record, spans: list[tuple[str, int, str, int]]) -> str:
    """``URL#:~:text=…`` for spans ``(first block, start, last block, end)`` of the record's
    text, one directive each."""
    if not record.url:
        raise UsageError(f"{record.id} has no URL, so there is no page for --link to open")
    document, starts = document_text(record)
    directives = [
        directive(document, starts[first] + start, starts[last] + end)
        for first, start, last, end in spans
    ]
    return record.url.split("#", 1)[0] + "#:~:" + "&".join(directives)


def excerpt_link(excerpt: Excerpt) -> str:
    """The link for a quotation: a range of paragraphs is one span, each run of an omission
    its own."""
    pieces = excerpt.pieces
    if len(excerpt.paragraphs) > 1:
        spans = [(pieces[0].block_id, pieces[0].start, pieces[-1].block_id, pieces[-1].end)]
    else:
        spans = [(p.block_id, p.start, p.block_id, p.end) for p in pieces]
    return fragment_link(excerpt.record, spans)
