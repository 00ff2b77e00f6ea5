"""Versions of a record: revising it from a new capture with stable ids, and reading it back.

A revision aligns the current blocks with the new capture's (:mod:`transcite.compare.align`) and
carries ids over: a block paired 1–1 (unchanged, changed or moved) keeps its id; the first
part of a split keeps the id of the paragraph it came from; a merge keeps the first id. Every
other block gets a new id, numbered above every id the record has ever used in any version
(``p17``, ``p18``, …; ``fig4``; ``lbl2``), so an id never comes back meaning something else and
REFs keep their ``p<N>`` shape. Visible paragraph numbers (``n``) are renumbered 1, 2, … in the
new reading order. A paragraph that keeps its id keeps its link to an original (``corresp``);
new paragraphs have none until ``transcite align`` is run again. The earlier version's blocks
are kept in the record, with one history entry per version.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transcite.core.errors import UsageError
from transcite.core.model import Block, Figure, Label, Paragraph, Person, Record, Revision, Version
from transcite.core.refs import Ref, resolve_ref

if TYPE_CHECKING:  # cite and quote use this module: they must not pay for rapidfuzz and dmp
    from transcite.compare.comparison import Comparison

_ID = re.compile(r"^(p|fig|lbl)(\d+)$")
_PREFIX = {"paragraph": "p", "figure": "fig", "label": "lbl"}


def record_version(record: Record, n: int) -> Record:
    """The record as it was in version ``n`` (1 is the text as first recorded)."""
    if n == record.version:
        return record
    for version in record.earlier:
        if version.n == n:
            return dataclasses.replace(record, blocks=version.blocks)
    have = f"versions 1–{record.version}" if record.version > 1 else "version 1 only"
    raise UsageError(f"no version {n} of {record.id}; it has {have}")


def _all_blocks(record: Record) -> Iterator[Block]:
    yield from record.blocks
    for version in record.earlier:
        yield from version.blocks


def _next_numbers(record: Record) -> dict[str, int]:
    """For each id prefix, the first number above every id used in any version."""
    top = {"p": 0, "fig": 0, "lbl": 0}
    for block in _all_blocks(record):
        match = _ID.match(block.id)
        if match:
            top[match[1]] = max(top[match[1]], int(match[2]))
    return {prefix: n + 1 for prefix, n in top.items()}


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
        return dataclasses.replace(block, id=new_id)
    assert isinstance(block, Label)
    return dataclasses.replace(block, id=new_id)


def _new_ids(comparison: Comparison, numbers: dict[str, int]) -> dict[int, tuple[str, str | None]]:
    """Position of each block of the new text -> (its id, the old id it continues)."""
    position = {id(b): k for k, b in enumerate(comparison.new.blocks)}
    ids: dict[int, tuple[str, str | None]] = {}
    for change in comparison.changes:
        for part, block in enumerate(change.new):
            old = change.old[0].id if change.old and part == 0 else None
            if old is None:
                prefix = _PREFIX[block.kind]
                ids[position[id(block)]] = (f"{prefix}{numbers[prefix]}", None)
                numbers[prefix] += 1
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
    from transcite.compare.comparison import compare_records

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
    revised = dataclasses.replace(
        record,
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
    names = [p.full_name for p in people]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


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


@dataclass(frozen=True, slots=True)
class Trace:
    """What became of block ``block_id`` of version ``since`` in the current version."""

    block_id: str
    since: int
    status: str  # "unchanged", "changed" or "removed"
    then: Block
    now: Block | None


def trace_block(record: Record, block_id: str, since: int) -> Trace:
    """Compare a block of version ``since`` with the block of the same id now (fingerprints)."""
    then = record_version(record, since).block(block_id)
    if then is None:
        raise UsageError(f"no block {block_id} in version {since} of {record.id}")
    now = record.block(block_id)
    if now is None:
        status = "removed"
    elif isinstance(then, Paragraph) and isinstance(now, Paragraph):
        status = "unchanged" if then.fingerprint == now.fingerprint else "changed"
    else:
        status = "unchanged" if then == now else "changed"
    return Trace(block_id, since, status, then, now)


def trace_notice(trace: Trace, record: Record) -> str:
    """One line for the user: whether the words they quoted from version N are still there."""
    current = record.version
    if trace.status == "removed":
        return (f"{trace.block_id} of version {trace.since} is not in the current version "
                f"({current}); cited as it was in version {trace.since}")
    if trace.status == "unchanged":
        return f"{trace.block_id} is unchanged since version {trace.since} (current: {current})"
    extra = ""
    if isinstance(trace.then, Paragraph) and isinstance(trace.now, Paragraph):
        extra = f" (fingerprint {trace.then.fingerprint} → {trace.now.fingerprint})"
    return (f"{trace.block_id} has changed since version {trace.since}{extra}; see "
            f"transcite compare {record.id}@{trace.since} {record.id}@{current}")


def resolve_version(ref: Ref, record: Record) -> tuple[Record, list[str]]:
    """The record a REF made against version N resolves in, and notes on what changed since.

    A REF without a version, or naming the current one, resolves in the current text. One
    made against an earlier version resolves in the current text too, where its blocks still
    are, with a note per block saying whether its words changed (by fingerprint); when one of
    them is gone, or a range no longer runs over the same paragraphs (a revision moved some),
    the REF resolves in the version it was made against.
    """
    if ref.version is None or ref.version == record.version:
        record_version(record, ref.version or record.version)
        return record, []
    then = record_version(record, ref.version)
    bare = ref._replace(version=None)
    pinpoint = resolve_ref(bare, then, version=ref.version)
    if pinpoint is None:
        return record, [
            f"{record.id} has been revised since version {ref.version} "
            f"(current: {record.version}); citing the current version"
        ]
    traces = [trace_block(record, block.id, ref.version) for block in pinpoint.blocks]
    notes = [trace_notice(trace, record) for trace in traces]
    if any(trace.status == "removed" for trace in traces):
        return then, notes
    if ref.end is not None and not _same_run(bare, record, then, pinpoint.blocks):
        return then, [*notes, (
            f"{ref.start}–{ref.end} of version {ref.version} is not the same run of "
            f"paragraphs in the current version ({record.version}); cited as it was in "
            f"version {ref.version}"
        )]
    return record, notes


def _same_run(ref: Ref, record: Record, then: Record, blocks: tuple[Block, ...]) -> bool:
    """Whether a range runs over the same paragraphs of that version, in the same order, in
    ``record``; paragraphs new since then (the second part of a split) may lie between them."""
    try:
        now = resolve_ref(ref, record)
    except UsageError:  # its ends are out of order now
        return False
    if now is None:
        return False
    ids = [b.id for b in blocks]
    old_ids = {b.id for b in then.blocks}
    return [b.id for b in now.blocks if b.id in old_ids] == ids
