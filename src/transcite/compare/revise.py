"""Revising a record from a new capture: a new version with stable ids.

A revision aligns the current blocks with the new capture's (:mod:`transcite.compare.align`) and
carries ids over: a block paired 1–1 (unchanged, changed or moved) keeps its id; the first
part of a split keeps the id of the paragraph it came from; a merge keeps the first id. Every
other block gets a new id, numbered above every id the record has ever used in any version
(``p17``, ``p18``, …; ``fig4``; ``lbl2``), so an id never comes back meaning something else and
REFs keep their ``p<N>`` shape. Visible paragraph numbers (``n``) are renumbered 1, 2, … in the
new reading order. A paragraph that keeps its id keeps its link to an original (``corresp``);
new paragraphs have none until ``transcite align`` is run again. The earlier version's blocks
are kept in the record, with one history entry per version. Reading versions back is
:mod:`transcite.core.versions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from transcite.compare.comparison import Comparison, compare_records
from transcite.core.errors import UsageError
from transcite.core.model import (
    BLOCK_PREFIX,
    Block,
    BlockKind,
    Figure,
    Label,
    Paragraph,
    Person,
    Record,
    Revision,
    Version,
    block_id,
    split_block_id,
)
from transcite.core.text import series
from transcite.core.versions import all_blocks


def _next_numbers(record: Record) -> dict[BlockKind, int]:
    """For each kind of block, the first number above every id used in any version."""
    top = dict.fromkeys(BLOCK_PREFIX, 0)
    for block in all_blocks(record):
        parts = split_block_id(block.id)
        if parts:
            top[parts[0]] = max(top[parts[0]], parts[1])
    return {kind: n + 1 for kind, n in top.items()}


@dataclass(frozen=True, slots=True)
class Revised:
    """The revised record, the comparison it was built from and what happened to the ids."""

    record: Record
    comparison: Comparison
    #: new id -> the old id it continues, or ``None`` for a new block
    kept: dict[str, str | None]
    #: what the capture states differently from the record's metadata, which is kept
    notes: tuple[str, ...] = ()


def _renamed(block: Block, new_id: str, n: int, before: Block | None) -> Block:
    """The capture's block under its stable id; a paragraph keeps its link to an original."""
    if isinstance(block, Paragraph):
        corresp = before.corresp if isinstance(before, Paragraph) else block.corresp
        return Paragraph(new_id, n, block.text, block.section, corresp)
    if isinstance(block, Figure):
        return block._replace(id=new_id)
    assert isinstance(block, Label)
    return block._replace(id=new_id)


def _new_ids(
    comparison: Comparison, numbers: dict[BlockKind, int]
) -> dict[int, tuple[str, str | None]]:
    """Position of each block of the new text -> (its id, the old id it continues)."""
    position = {id(b): k for k, b in enumerate(comparison.new.blocks)}
    ids: dict[int, tuple[str, str | None]] = {}
    for change in comparison.changes:
        for part, block in enumerate(change.new):
            old = change.old[0].id if change.old and part == 0 else None
            if old is None:
                ids[position[id(block)]] = (block_id(block.kind, numbers[block.kind]), None)
                numbers[block.kind] += 1
            else:
                ids[position[id(block)]] = (old, old)
    return ids


def _check_order(record: Record, when: str | None) -> None:
    """A new version cannot be dated before the current one (dates may be partial)."""
    latest = next((r for r in reversed(record.revisions) if r.when), None)
    if when and latest and latest.when:
        k = min(len(when), len(latest.when))
        if when[:k] < latest.when[:k]:
            raise UsageError(
                f"--date {when} is before version {latest.n} of {record.id} ({latest.when}); "
                "versions are dated in the order they were published"
            )


def revise_record(record: Record, capture: Record, label: str, when: str | None) -> Revised:
    """A new version of ``record`` whose blocks are ``capture``'s, with stable ids."""
    _check_order(record, when)
    comparison = compare_records(record, capture, f"{record.id}@{record.version}", label)
    if not any(change.is_change for change in comparison.changes):
        raise UsageError(f"{label}: the same text as version {record.version} of {record.id}; "
                         "no new version written")
    ids = _new_ids(comparison, _next_numbers(record))
    blocks, kept, n = [], {}, 0
    for k, block in enumerate(capture.blocks):
        new_id, old_id = ids[k]
        n += isinstance(block, Paragraph)
        blocks.append(_renamed(block, new_id, n, record.block(old_id) if old_id else None))
        kept[new_id] = old_id
    history = record.revisions or (
        Revision(1, record.accessed, "Version 1: the text as first recorded."),
    )
    entry = Revision(
        record.version + 1, when,
        f"Version {record.version + 1}: revised from {label}: {comparison.summary()}.",
    )
    revised = record._replace(
        blocks=tuple(blocks),
        revisions=(*history, entry),
        earlier=(*record.earlier, Version(record.version, record.blocks)),
    )
    notes = (*metadata_notes(record, capture), *_lost_credits(comparison))
    return Revised(revised, comparison, kept, notes)


def _lost_credits(comparison: Comparison) -> list[str]:
    """Every photo credit of the old text that the new one no longer has: a photo removed, or
    one whose credit line the capture lacks (a caption alone is read as a paragraph)."""
    notes = []
    for change in comparison.changes:
        for old in change.old:
            if not isinstance(old, Figure) or old.credit is None:
                continue
            now = [b for b in change.new if isinstance(b, Figure)]
            if now and now[0].credit is not None:
                continue
            what = "has no credit in the capture" if now else (
                "is not in the capture (a caption without its credit line is read as a "
                "paragraph)")
            notes.append(f"{old.id}, the photo credited “{old.credit.text}”, {what}: check "
                         "the capture")
    return notes


def _names(people: tuple[Person, ...]) -> str:
    return series([p.full_name for p in people], serial_comma=False)


def metadata_notes(record: Record, capture: Record) -> tuple[str, ...]:
    """One line for every credit or title the capture states differently from the record.

    A revision takes only the body from the capture; a changed credit must not pass silently.
    """
    fields = (
        ("title", capture.title, record.title),
        ("story credit", _names(capture.authors), _names(record.authors)),
        ("translation credit", _names(capture.translators), _names(record.translators)),
        ("publisher", capture.publisher or "", record.publisher or ""),
    )
    return tuple(
        f"the capture's {what} differs: “{new}”, the record's is "
        + (f"“{old}”" if old else "empty")
        + " and is kept (revise records only the text); check the record"
        for what, new, old in fields if new and new != old
    )
