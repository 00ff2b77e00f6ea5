"""``transcite corpus copy``: records from a folder into a database, and back.

Into a database, every file is read, validated and turned into its rows as a write would
(:func:`transcite.storage.pg.rows.stored`; in worker processes when there are many), and its
bytes are stored as they are, so copying back gives the same files byte for byte. Records
are written in batches, each one transaction holding the locks of its records: a reader sees
a batch whole or not at all, and a writer of one of its records waits for it. Into an empty
corpus, the whole copy is one transaction instead, with the GIN indexes of the blocks dropped
first and built at the end (``find`` waits for it; ``list`` sees no record until it is
done), and the word counts (``terms``) counted here and written once, at the end: updated
batch by batch, each word's row would get a new version per batch that nothing can remove
before the transaction ends, and every later update would walk them all (the copy grew with
the square of the records). A file that is not a valid record is reported and left out; the
others are copied.

Out of a database, each record's stored TEI document is written to ``ID.xml`` atomically and
durably, several files at once (:func:`transcite.storage.atomic.write_many`).
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from transcite.core.errors import ConflictError, TransciteError
from transcite.storage.index import Progress
from transcite.storage.index_files import scan_folder
from transcite.storage.pg import rows

if TYPE_CHECKING:
    from transcite.storage.pg.corpus import PgCorpus

#: records written per transaction
BATCH = 500
#: above this many files, they are read in worker processes
PARALLEL_FROM = 400


@dataclass
class Copied:
    """How many records were copied, and the files left out (id -> why)."""

    count: int = 0
    broken: dict[str, str] = field(default_factory=dict)


def _refuse_existing(existing: list[str], where: str) -> None:
    if existing:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more"
                                           if len(existing) > 5 else "")
        raise ConflictError(
            f"{where} already holds {shown}; pass --force to replace them (nothing was copied)"
        )


def _read(folder: str, record_id: str) -> tuple[str, rows.Stored | str]:
    path = os.path.join(folder, f"{record_id}.xml")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        item = rows.stored(data, path)
    except OSError as exc:
        return record_id, f"{path}: cannot read: {exc.strerror}"
    except TransciteError as exc:
        return record_id, exc.message
    if item.id != record_id:
        return record_id, (f"{path}: holds record {item.id!r}, not {record_id!r}; rename the "
                           "file or fix its idno")
    return record_id, item


def _read_all(folder: str, ids: list[str], jobs: int) -> Iterator[tuple[str, rows.Stored | str]]:
    if jobs <= 1 or len(ids) < PARALLEL_FROM:
        for record_id in ids:
            yield _read(folder, record_id)
        return
    from functools import partial
    from multiprocessing import get_context

    with get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(partial(_read, folder), ids, chunksize=50)


def to_database(
    folder: str, corpus: PgCorpus, *, force: bool = False, jobs: int = 1,
    progress: Progress | None = None,
) -> Copied:
    """Copy every record of ``folder`` into the database of ``corpus``."""
    ids = sorted(scan_folder(folder))
    present = corpus.ids()
    _refuse_existing([] if force else sorted(set(ids) & set(present)), corpus.root)
    if present or not ids:
        return _copy_in(folder, corpus, ids, jobs, progress)
    # into an empty corpus: one transaction, the full-text indexes built once at the end
    # (several times quicker than keeping them up to date row by row)
    conn = corpus.conn
    with conn.transaction():
        conn.execute("LOCK TABLE records IN EXCLUSIVE MODE")
        row = conn.execute("SELECT EXISTS (SELECT 1 FROM records)").fetchone()
        if row is None or row[0]:
            rebuilt: list[str] = []  # someone wrote meanwhile: keep the indexes
        else:
            rebuilt = [r[0] for r in conn.execute(
                "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON "
                "c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = "
                "'blocks'::regclass AND a.amname = 'gin'")]
            for definition in rebuilt:
                name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
                conn.execute(f"DROP INDEX {name}")
        # the table lock keeps every writer out: no lock per record (there would be one per
        # record held to the end, more than the server's lock table holds); the words are
        # counted over every batch and written once
        terms: Counter[str] = Counter()
        result = _copy_in(folder, corpus, ids, jobs, progress, terms=terms)
        rows.apply_terms(conn, terms)
        conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in rebuilt:
            conn.execute(definition)
    return result


def _copy_in(
    folder: str, corpus: PgCorpus, ids: list[str], jobs: int, progress: Progress | None,
    *, terms: Counter[str] | None = None,
) -> Copied:
    """Write the records in batches: each its own transaction holding the records' locks or,
    with ``terms`` (inside the caller's transaction, which keeps writers out), all in the
    caller's transaction, their word counts added to ``terms`` for the caller to write."""
    result = Copied()
    batch: list[rows.Stored] = []
    for done, (record_id, item) in enumerate(_read_all(folder, ids, jobs), 1):
        if isinstance(item, str):
            result.broken[record_id] = item
        else:
            batch.append(item)
        if len(batch) >= BATCH or (done == len(ids) and batch):
            _write_batch(corpus, batch, terms)
            result.count += len(batch)
            batch = []
        if progress is not None and (done % 100 == 0 or done == len(ids)):
            progress(done, len(ids))
    return result


def _write_batch(corpus: PgCorpus, batch: list[rows.Stored], counts: Counter[str] | None) -> None:
    """One transaction: the records' locks (in id order), then their rows; records new to
    the database are written with ``COPY``, the others as a save writes them. With
    ``counts``: no transaction nor locks of its own (the caller's), and the change in the
    word counts added to ``counts`` rather than written."""
    from transcite.storage.index import words
    from transcite.storage.pg.corpus import RECORD_LOCK

    conn = corpus.conn
    ids = [item.id for item in batch]
    with conn.transaction() if counts is None else contextlib.nullcontext():
        if counts is None:
            conn.execute(
                "SELECT pg_advisory_xact_lock(%s, h) FROM (SELECT DISTINCT hashtext(i) AS h "
                "FROM unnest(%s::text[]) AS i ORDER BY 1) AS l", (RECORD_LOCK, ids),
            )
        present = {r[0] for r in conn.execute(
            "SELECT id FROM records WHERE id = ANY(%s)", (ids,))}
        terms: Counter[str] = Counter()
        fresh = [item for item in batch if item.id not in present]
        for item in batch:
            if item.id in present:
                rows.write(conn, item, terms)
        with conn.cursor() as cur:
            with cur.copy(f"COPY records ({rows.RECORD_COLUMNS}) FROM STDIN") as copy:
                for item in fresh:
                    copy.write_row(item.head)
            with cur.copy("COPY versions (record_id, n, revised_on, note) FROM STDIN") as copy:
                for item in fresh:
                    for n, (when, note) in item.versions.items():
                        copy.write_row((item.id, n, when, note))
            with cur.copy(f"COPY blocks ({rows.BLOCK_COLUMNS}) FROM STDIN") as copy:
                for item in fresh:
                    for n, blocks in item.blocks.items():
                        current = n == item.version
                        for seq, (block_id, kind, fp, text) in enumerate(blocks):
                            found = words(text)
                            copy.write_row((item.id, n, seq, block_id, kind, fp, text,
                                            " ".join(found), current))
                            if current:
                                terms.update(set(found))
        if counts is None:
            rows.apply_terms(conn, terms)
        else:
            counts.update(terms)


def to_folder(
    corpus: PgCorpus, folder: str, *, force: bool = False, progress: Progress | None = None
) -> Copied:
    """Write every record of the database to ``folder/ID.xml``, the stored bytes as they
    are, each file atomically (:func:`transcite.storage.atomic.write_many`: whole or
    absent, on the disk when this returns)."""
    from transcite.storage.atomic import NotWritten, write_many

    ids = corpus.ids()
    try:
        there = set(os.listdir(folder))
    except FileNotFoundError:
        there = set()
    except OSError as exc:
        raise TransciteError(f"{folder}/: cannot read the folder: {exc.strerror}") from None
    existing = [i for i in ids if f"{i}.xml" in there]
    _refuse_existing([] if force else existing, f"{folder}/")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise TransciteError(f"{folder}/: cannot make the folder: {exc.strerror}") from None

    def done(count: int) -> None:
        if progress is not None:
            progress(count, len(ids))

    files = ((f"{record_id}.xml", data) for record_id, data in _stored(corpus))
    try:
        return Copied(write_many(folder, files, done))
    except NotWritten as exc:
        raise TransciteError(
            f"{exc.filename}: cannot write: {exc.strerror} ({exc.written} records copied)"
        ) from None


def _stored(corpus: PgCorpus) -> Iterator[tuple[str, bytes]]:
    """Every record's id and TEI bytes, read through a server-side cursor in one snapshot
    (in binary: the bytes as they are, not spelt in hexadecimal)."""
    conn = corpus.conn
    with conn.transaction(), conn.cursor(name="transcite_copy", binary=True) as cur:
        cur.itersize = 500
        cur.execute("SELECT id, tei FROM records ORDER BY id")
        row: Any
        for row in cur:
            yield row[0], bytes(row[1])
