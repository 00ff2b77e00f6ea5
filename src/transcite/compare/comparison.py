"""Comparison of two versions of a text: aligned blocks and the word differences inside them.

:func:`compare_records` aligns the blocks of two records (paragraphs with paragraphs, figures
with figures, labels with labels; see :mod:`transcite.compare.align`) and diffs the words of every
pair (:mod:`transcite.compare.worddiff`). A figure is compared field by field: caption, then credit.
The result, :class:`Comparison`, is what every output format renders; its ``to_json`` is the
documented contract of ``transcite compare --format json`` (docs/compare.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from transcite.compare.align import Item, Link, LinkKind, align_versions
from transcite.compare.worddiff import Piece, new_text, old_text, word_diff
from transcite.core.model import Block, Figure, Paragraph, Record, plural

#: the order kinds of change are counted and listed in
KINDS: tuple[LinkKind, ...] = (
    "equal", "changed", "split", "merged", "inserted", "deleted", "moved"
)
_KIND_WORDS = {"equal": "unchanged"}
#: two blocks of a split or merge are joined with a line break, so the diff shows where
#: the break is (a space that became a line break)
JOIN = "\n"


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """The differences in one field of the blocks of a link: ``text``, ``caption``, ``credit``."""

    field: str
    pieces: tuple[Piece, ...]

    @property
    def changed(self) -> bool:
        """Whether the words differ: canonically equivalent spellings (NFC, NFD) do not."""
        if all(p.op == "equal" for p in self.pieces):
            return False
        pieces = list(self.pieces)
        return _nfc(old_text(pieces)) != _nfc(new_text(pieces))


@dataclass(frozen=True, slots=True)
class Change:
    """One link of the alignment with its blocks on each side and their differences."""

    kind: LinkKind
    block_kind: str
    old: tuple[Block, ...]
    new: tuple[Block, ...]
    similarity: float
    fields: tuple[FieldDiff, ...]

    @property
    def is_change(self) -> bool:
        return self.kind != "equal"

    @property
    def words_changed(self) -> bool:
        return any(f.changed for f in self.fields)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "block": self.block_kind,
            "old": [b.id for b in self.old],
            "new": [b.id for b in self.new],
            "old_n": [b.n for b in self.old if isinstance(b, Paragraph)],
            "new_n": [b.n for b in self.new if isinstance(b, Paragraph)],
            "similarity": round(self.similarity, 4),
            "words_changed": self.words_changed,
            "diff": [
                {"field": f.field, "pieces": [p.to_json() for p in f.pieces]}
                for f in self.fields
            ],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two records (``old``, ``new``) named as the user named them, and their alignment."""

    old_label: str
    new_label: str
    old: Record
    new: Record
    changes: tuple[Change, ...]
    #: the word differences of the titles, when they differ (else empty)
    title: tuple[Piece, ...] = ()

    def counts(self, block_kind: str) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(KINDS, 0)
        for change in self.changes:
            if change.block_kind == block_kind:
                counts[change.kind] += 1
        return counts

    def summary(self) -> str:
        """"13 paragraphs unchanged, 2 changed, 1 split, 1 inserted; 2 figures unchanged, 1 …"."""
        parts = []
        for block_kind in ("paragraph", "figure", "label"):
            counts = self.counts(block_kind)
            if not any(counts.values()):
                continue
            words = [plural(counts["equal"], block_kind) + " unchanged"]
            words += [f"{counts[k]} {k}" for k in KINDS[1:] if counts[k]]
            parts.append(", ".join(words))
        return "; ".join(parts) if parts else "nothing to compare"

    def to_json(self) -> dict[str, Any]:
        return {
            "old": _side_json(self.old_label, self.old),
            "new": _side_json(self.new_label, self.new),
            "title_diff": [p.to_json() for p in self.title] or None,
            "summary": {
                kind: {_KIND_WORDS.get(k, k): n for k, n in self.counts(kind).items()}
                for kind in ("paragraph", "figure", "label")
            },
            "links": [c.to_json() for c in self.changes],
        }


def _nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def _side_json(label: str, record: Record) -> dict[str, Any]:
    return {"label": label, "id": record.id, "title": record.title}


def _fields(block: Block) -> list[tuple[str, str]]:
    if isinstance(block, Figure):
        return [("caption", block.caption), ("credit", block.credit.text if block.credit else "")]
    return [("text", block.text)]


def _item(block: Block) -> Item:
    return Item(block.kind, " ".join(text for _, text in _fields(block)))


def _diff(old: tuple[Block, ...], new: tuple[Block, ...]) -> tuple[FieldDiff, ...]:
    names = [name for name, _ in _fields((old or new)[0])]
    out = []
    for pos, name in enumerate(names):
        a = JOIN.join(_fields(b)[pos][1] for b in old)
        b = JOIN.join(_fields(b)[pos][1] for b in new)
        out.append(FieldDiff(name, tuple(word_diff(a, b))))
    return tuple(out)


def _change(link: Link, old: Record, new: Record) -> Change:
    a = tuple(old.blocks[i] for i in link.a)
    b = tuple(new.blocks[j] for j in link.b)
    fields = _diff(a, b)
    kind = link.kind
    if kind == "equal" and any(f.changed for f in fields):
        kind = "changed"  # a figure's words moved between caption and credit
    return Change(kind, (a or b)[0].kind, a, b, link.similarity, fields)


def compare_records(
    old: Record, new: Record, old_label: str | None = None, new_label: str | None = None
) -> Comparison:
    """Align the blocks of ``old`` and ``new`` and diff the words of every aligned pair."""
    links = align_versions([_item(b) for b in old.blocks], [_item(b) for b in new.blocks])
    return Comparison(
        old_label or old.id,
        new_label or new.id,
        old,
        new,
        tuple(_change(link, old, new) for link in links),
        tuple(word_diff(old.title, new.title)) if old.title != new.title else (),
    )
