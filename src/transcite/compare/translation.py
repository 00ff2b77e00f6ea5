"""A translation's paragraphs linked to its original's: Gale–Church alignment and ``@corresp``.

:func:`align_translation` pairs the paragraphs of a translation with those of its original by
their lengths (:func:`transcite.compare.lengths.align_lengths`; word overlap means nothing across
languages) and stores the result on each translation paragraph as ``corresp``: pointers
``ORIGINAL-ID.xml#p3`` relative to the corpus folder, several separated by spaces when one
paragraph of the translation renders two of the original. :func:`original_paragraphs` follows
them back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transcite.core.errors import DataError, UsageError
from transcite.core.model import Block, Paragraph, Record
from transcite.storage.corpus import Corpus

if TYPE_CHECKING:  # quote --with-original uses this module without aligning anything
    from transcite.compare.align import Link

_POINTER = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]{0,99})\.xml#(?P<block>[A-Za-z][\w.-]*)\Z")


@dataclass(frozen=True, slots=True)
class Aligned:
    """The translation with ``corresp`` set, and the links (translation → original indexes)."""

    record: Record
    links: tuple[Link, ...]


def pointer(original: Record, paragraph: Paragraph) -> str:
    return f"{original.id}.xml#{paragraph.id}"


def align_translation(translation: Record, original: Record) -> Aligned:
    """Link every translation paragraph to the original paragraph(s) it renders."""
    from transcite.compare.lengths import align_lengths

    if translation.id == original.id:
        raise UsageError(f"{translation.id}: a text cannot be aligned with itself")
    ours, theirs = translation.paragraphs, original.paragraphs
    if not ours or not theirs:
        raise UsageError("both texts need body paragraphs to be aligned")
    links = align_lengths([len(p.text) for p in ours], [len(p.text) for p in theirs])
    corresp: dict[str, str | None] = {p.id: None for p in ours}
    for link in links:
        targets = " ".join(pointer(original, theirs[j]) for j in link.b)
        for i in link.a:
            corresp[ours[i].id] = targets or None
    blocks: list[Block] = [
        b._replace(corresp=corresp[b.id]) if isinstance(b, Paragraph) else b
        for b in translation.blocks
    ]
    return Aligned(translation._replace(blocks=tuple(blocks)), tuple(links))


def original_paragraphs(paragraph: Paragraph, corpus: Corpus) -> list[tuple[Record, Paragraph]]:
    """The original paragraphs a translation paragraph's ``corresp`` points at, in order."""
    out: list[tuple[Record, Paragraph]] = []
    loaded: dict[str, Record] = {}
    for target in (paragraph.corresp or "").split():
        match = _POINTER.match(target)
        if match is None:
            raise DataError(f"{paragraph.id}: corresp {target!r} is not ID.xml#BLOCK")
        record = loaded.get(match["id"]) or corpus.load(match["id"])
        loaded[record.id] = record
        block = record.block(match["block"])
        if not isinstance(block, Paragraph):
            raise DataError(f"{paragraph.id}: corresp {target!r}: {record.id} has no such "
                            "paragraph (re-run transcite align)")
        out.append((record, block))
    return out


@dataclass(frozen=True, slots=True)
class OriginalOf:
    """A quoted translation paragraph and the original paragraph(s) it renders."""

    block_id: str
    originals: tuple[tuple[Record, Paragraph], ...]
    #: the original's language as the translation states it (its ``original.language``),
    #: else as the original's record gives it
    language: str | None = None


def originals_of(
    blocks: Sequence[Block], translation: Record, corpus: Corpus
) -> tuple[list[OriginalOf], list[str]]:
    """The original paragraphs of each quoted paragraph, and notes on those that have none."""
    found: list[OriginalOf] = []
    notes: list[str] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            notes.append(f"{block.id} is not a paragraph: only paragraphs are linked to an "
                         "original")
            continue
        if not block.corresp:
            notes.append(f"{block.id} has no original paragraph linked; run transcite align "
                         f"{translation.id} ORIGINAL to link them")
            continue
        pairs = tuple(original_paragraphs(block, corpus))
        stated = translation.original.language if translation.original else None
        language = stated or (pairs[0][0].language if pairs else None)
        found.append(OriginalOf(block.id, pairs, language))
    return found, notes


def original_text(found: Sequence[OriginalOf]) -> str:
    """The original paragraphs under a quotation: a heading line and the text of each."""
    renders: dict[tuple[str, str], list[str]] = {}
    for item in found:
        for record, paragraph in item.originals:
            renders.setdefault((record.id, paragraph.id), []).append(item.block_id)
    lines: list[str] = []
    for item in found:
        for record, paragraph in item.originals:
            blocks = renders.pop((record.id, paragraph.id), None)
            if blocks is None:
                continue  # two quoted paragraphs rendering one original: shown once, for both
            language = f" ({item.language})" if item.language else ""
            lines += ["", f"Original{language}, {record.id}#{paragraph.id} "
                      f"(for {', '.join(blocks)}):", paragraph.text]
    return "\n".join(lines)


def original_json(found: Sequence[OriginalOf]) -> list[dict[str, Any]]:
    return [
        {
            "block": item.block_id,
            "originals": [
                {"record": record.id, "language": item.language, "id": paragraph.id,
                 "n": paragraph.n, "text": paragraph.text, "fingerprint": paragraph.fingerprint}
                for record, paragraph in item.originals
            ],
        }
        for item in found
    ]
