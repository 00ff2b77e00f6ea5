"""Versions of a record, read back: a record as it was in version N, and what became of a block
or a REF made against an earlier version (cite and quote resolve ``ID@N#p3`` with these).

Writing a new version (``transcite revise``) is :mod:`transcite.compare.revise`: it needs the
alignment of :mod:`transcite.compare`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from transcite.core.errors import UsageError
from transcite.core.model import Block, Paragraph, Record
from transcite.core.refs import Ref, resolve_ref


def record_version(record: Record, n: int) -> Record:
    """The record as it was in version ``n`` (1 is the text as first recorded)."""
    if n == record.version:
        return record
    for version in record.earlier:
        if version.n == n:
            return record._replace(blocks=version.blocks)
    have = f"versions 1–{record.version}" if record.version > 1 else "version 1 only"
    raise UsageError(f"no version {n} of {record.id}; it has {have}")


def all_blocks(record: Record) -> Iterator[Block]:
    """Every block of every version, the current ones first."""
    yield from record.blocks
    for version in record.earlier:
        yield from version.blocks


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
