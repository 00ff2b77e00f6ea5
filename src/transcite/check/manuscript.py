"""A manuscript as ``check`` reads it: blocks of text (paragraphs, block quotations, notes,
headings) each with the place in the file it came from.

Readers (:mod:`transcite.check.readers`) turn a file of one format into a
:class:`Manuscript`; everything after that is the same for every format.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "blockquote", "heading", "note", "item"]

#: manuscripts larger than this are refused (a book is a few MiB of text)
MAX_BYTES = 20 * 2**20


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a manuscript's text.

    ``anchors`` maps offsets of :attr:`text` back to the file: each is (offset in ``text``,
    line, column) of a place where the text and the file line up (1-based line and column);
    an offset between two anchors is counted on from the one before it.
    """

    kind: BlockKind
    text: str
    anchors: tuple[tuple[int, int, int], ...]
    #: the file the block is in when it is not the manuscript itself (LaTeX ``\\input``)
    file: str | None = None
    #: a note's label (a footnote's number): the text marks where it is with ``[^LABEL]``
    label: str | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of the file at ``offset`` of :attr:`text`, both 1-based."""
        if not self.anchors:
            return 1, offset + 1
        at = bisect_right([a[0] for a in self.anchors], offset) - 1
        start, line, column = self.anchors[max(at, 0)]
        return line, column + max(offset - start, 0)


def lines_block(kind: BlockKind, text: str, rows: list[tuple[int, int]]) -> Block:
    """A block whose lines (split at ``\\n``) start at the (line, column) of ``rows``."""
    anchors = []
    offset = 0
    for row, line in zip(rows, text.split("\n"), strict=False):
        anchors.append((offset, *row))
        offset += len(line) + 1
    return Block(kind, text, tuple(anchors))


@dataclass
class Manuscript:
    """The blocks of a manuscript, in reading order, and notes on reading it."""

    name: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def references(self) -> list[Block]:
        """The blocks after a heading named References, Bibliography or Works Cited."""
        out: list[Block] = []
        inside = False
        for block in self.blocks:
            if block.kind == "heading":
                inside = block.text.strip().strip("#*: ").lower() in _REFERENCE_HEADINGS
                continue
            if inside:
                out.append(block)
        return out


_REFERENCE_HEADINGS = frozenset((
    "references", "reference list", "bibliography", "works cited", "sources", "literature",
    "works consulted",
))
