"""The corpus index in SQLite (the standard library's ``sqlite3``, with FTS5).

:class:`SqliteIndex` keeps the index (:mod:`transcite.storage.sqlite_schema`: its tables and
where it is kept) in step with the folder (:mod:`transcite.storage.index_files` reads it) and
answers ``list`` (:mod:`transcite.storage.sqlite_rows`) and ``find``
(:mod:`transcite.storage.sqlite_search`). See docs/corpus.md.

Every read first compares the folder with the index (one ``stat`` per file): a file whose size
or modification time differs is hashed, and read again only when its content changed. A file
modified less than :data:`RACY_SECONDS` before it was indexed is indexed with no modification
time, so that a second change within the file system's time resolution is still seen (the
"racily clean" files of git's index).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from transcite.storage.index import (
    RACY_SECONDS,
    BlockText,
    Drift,
    ListQuery,
    Progress,
    RecordSummary,
)
from transcite.storage.sqlite_rows import (
    INSERT_BLOCK,
    INSERT_RECORD,
    SUMMARY_COLUMNS,
    apply_terms,
    delete_record,
    fill,
    list_sql,
    listing_text,
    output,
    set_folder,
    store_terms,
    summary_of,
)
from transcite.storage.sqlite_schema import (
    SCHEMA_VERSION,
    IndexRefused,
    connect,
    create,
    drop_temp,
    finish,
    index_path,
    open_index,
    put_in_place,
    remove_db,
)

if TYPE_CHECKING:
    from transcite.core.model import Record
    from transcite.storage.index_files import Row

# reading files (index_files), rebuilding (atomic), json and the search are imported when
# needed: ``list`` of an unchanged folder needs none of them

__all__ = ["SCHEMA_VERSION", "IndexRefused", "SqliteIndex", "index_path"]

#: the name of the index's lock (no record id starts with a dot)
INDEX_LOCK = ".index"


class SqliteIndex:
    """:class:`~transcite.storage.index.CorpusIndex` over SQLite for the folder ``root``.

    The index is kept in ``root/.transcite/index.sqlite``; when the folder cannot be written
    it is kept in the user's cache folder, or else in memory, with a note.
    """

    def __init__(self, root: str, *, jobs: int | None = None) -> None:
        self.root = root
        self.notes: list[str] = []
        #: worker processes reading files when many changed (default: one per processor)
        self.jobs = jobs or os.cpu_count() or 1
        self._fresh = False
        self._db, self.path = open_index(root, self.notes)

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ keeping in step
    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the index's lock in the corpus folder
        (:mod:`transcite.storage.locks`, ``.transcite/locks/.index.lock``) when the index is
        there; SQLite's own locking serialises writers of a cache or in-memory index."""
        with self._lock():
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        if self.path != index_path(self.root):
            return contextlib.nullcontext()
        from transcite.storage.locks import locked

        return locked(self.root, INDEX_LOCK, what=self.path)

    def _indexed(self) -> dict[str, tuple[int, int, str]]:
        return {
            r[0]: (r[1], r[2], r[3])
            for r in self._db.execute("SELECT id, size, mtime_ns, sha256 FROM records")
        }

    def _compare(self) -> tuple[Drift, list[tuple[str, str | None]]]:
        """The drift, and the files to read (id, hash in the index or None)."""
        from transcite.storage.index_files import scan_folder

        on_disk = scan_folder(self.root)
        indexed = self._indexed()
        drift = Drift()
        to_read: list[tuple[str, str | None]] = []
        for record_id, (size, mtime) in on_disk.items():
            known = indexed.get(record_id)
            if known is None:
                drift.added.append(record_id)
                to_read.append((record_id, None))
            elif known[0] != size or known[1] != mtime:
                to_read.append((record_id, known[2]))
        drift.removed = sorted(set(indexed) - set(on_disk))
        drift.added.sort()
        return drift, to_read

    def check(self) -> Drift:
        from transcite.storage.index_files import read_for_index

        drift, to_read = self._compare()
        added = set(drift.added)
        for record_id, sha in to_read:
            if record_id in added:
                continue
            row = read_for_index(self.root, record_id, sha)
            if row is not None and len(row[0]) > 4:
                drift.changed.append(record_id)
        drift.changed.sort()
        drift.broken = self.broken()
        return drift

    def refresh(self, *, full: bool = False) -> Drift:
        try:
            return self._refresh(full)
        except sqlite3.DatabaseError as exc:
            self.notes.append(f"{self.path} is damaged ({exc}); it was rebuilt")
            self._db.close()
            remove_db(self.path)
            self._db = create(self.path, self.root)
            return self._refresh(True)

    def _folder_time(self) -> int:
        """The folder's modification time (ns), or -1 when it was modified so recently that a
        change within the same clock tick could still follow (racily clean, as for files)."""
        try:
            mtime = os.stat(self.root).st_mtime_ns
        except OSError:
            return -1
        return -1 if time.time_ns() - mtime < RACY_SECONDS * 1e9 else mtime

    def _refresh(self, full: bool) -> Drift:
        folder = self._folder_time()
        if not full and folder != -1:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
            if row is not None and row[0] == str(folder):
                self._fresh = True
                return Drift(broken=self.broken())
        drift, to_read = self._compare()
        added = set(drift.added)
        if to_read or drift.removed:
            from transcite.storage.index_files import read_rows

            counts: Counter[str] = Counter()
            gone: Counter[str] = Counter()
            with self._writing() as db:
                for record_id in drift.removed:
                    delete_record(db, record_id, gone)
                for record_id, row in read_rows(self.root, to_read, self.jobs, None, counts):
                    self._store(db, record_id, row, gone)
                    if record_id not in added and row is not None and len(row[0]) > 4:
                        drift.changed.append(record_id)
                apply_terms(db, counts, gone)
                set_folder(db, folder)
        else:
            with self._writing() as db:
                set_folder(db, folder)
        drift.changed.sort()
        self._fresh = True
        drift.broken = self.broken()
        return drift

    def verify(self, record_ids: list[str]) -> bool:
        import json

        from transcite.storage.index_files import count_terms, read_for_index

        indexed = {
            r[0]: (r[1], r[2]) for r in self._db.execute(
                "SELECT id, size, mtime_ns FROM records WHERE id IN "
                "(SELECT value FROM json_each(?))", (json.dumps(record_ids),)
            )
        }
        changed = []
        for record_id in record_ids:
            try:
                st = os.stat(os.path.join(self.root, f"{record_id}.xml"))
                now = (st.st_size, st.st_mtime_ns)
            except OSError:
                now = None
            if now is None or indexed.get(record_id) != now:
                changed.append(record_id)
        if not changed:
            return False
        counts: Counter[str] = Counter()
        gone: Counter[str] = Counter()
        with self._writing() as db:
            for record_id in changed:
                row = read_for_index(self.root, record_id, None)
                if row is not None:
                    count_terms(row, counts)
                self._store(db, record_id, row, gone)
            apply_terms(db, counts, gone)
        return True

    def _store(
        self, db: sqlite3.Connection, record_id: str, row: Row | None, gone: Counter[str]
    ) -> None:
        """Store a row read by :meth:`_read`; ``gone`` gets the words of replaced blocks."""
        if row is None:
            delete_record(db, record_id, gone)
            return
        head, blocks = row
        if len(head) == 4:  # same content: only the file's size and time changed
            db.execute(
                "UPDATE records SET size = ?, mtime_ns = ? WHERE id = ?",
                (head[1], head[2], record_id),
            )
            return
        delete_record(db, record_id, gone)
        db.execute(INSERT_RECORD, head)
        db.executemany(INSERT_BLOCK, blocks)

    def _ensure_fresh(self) -> None:
        if not self._fresh:
            self.refresh()

    def rebuild(self, progress: Progress | None = None, *, jobs: int | None = None) -> int:
        """Index the folder afresh into a new file, then put it in place of the old one (a
        reader never sees a half-built index)."""
        from transcite.storage.atomic import new_temp
        from transcite.storage.index_files import read_rows, scan_folder

        if jobs is not None:
            self.jobs = jobs
        to_read: list[tuple[str, str | None]] = [
            (record_id, None) for record_id in sorted(scan_folder(self.root))
        ]
        folder = self._folder_time()
        memory = self.path == ":memory:"
        # a temporary file held with an flock (storage.atomic): a rebuild killed half-way
        # leaves it unlocked, and the next opening of the index removes it
        held, target = (-1, ":memory:") if memory else new_temp(self.path)
        try:
            db = create(target, self.root, scratch=True)
        except BaseException:
            drop_temp(held, target)
            raise
        counts: Counter[str] = Counter()
        fts: Counter[str] = Counter()
        try:
            db.execute("BEGIN")
            count = fill(db, read_rows(self.root, to_read, self.jobs, progress, counts, fts))
            finish(db)
            store_terms(db, counts, fts)
            set_folder(db, folder)
            db.execute("COMMIT")
            if not memory:
                db.close()
                with self._lock():
                    put_in_place(held, target, self.path)
        except BaseException:
            db.close()
            drop_temp(held, target)
            raise
        if held != -1:
            os.close(held)
        self._db.close()
        self._db = db if memory else connect(self.path)
        self._fresh = True
        return count

    def put(self, record: Record) -> None:
        from transcite.storage.index_files import count_terms, read_for_index

        row = read_for_index(self.root, record.id)
        counts: Counter[str] = Counter()
        gone: Counter[str] = Counter()
        if row is not None and len(row[0]) > 4:
            count_terms(row, counts)
        with self._writing() as db:
            self._store(db, record.id, row, gone)
            apply_terms(db, counts, gone)

    def remove(self, record_id: str) -> None:
        gone: Counter[str] = Counter()
        with self._writing() as db:
            delete_record(db, record_id, gone)
            apply_terms(db, Counter(), gone)

    # ------------------------------------------------------------------ reading
    def ids(self) -> list[str]:
        self._ensure_fresh()
        return [r[0] for r in self._db.execute(
            "SELECT id FROM records WHERE error IS NULL ORDER BY id"
        )]

    def broken(self) -> dict[str, str]:
        return dict(self._db.execute(
            "SELECT id, error FROM records WHERE error IS NOT NULL ORDER BY id"
        ).fetchall())

    def summaries(self, ids: list[str]) -> list[RecordSummary]:
        import json

        self._ensure_fresh()
        found = {s.id: s for s in self._summaries("id IN (SELECT value FROM json_each(?))",
                                                   [json.dumps(ids)], "id")}
        return [found[i] for i in ids if i in found]

    def records(self, query: ListQuery | None = None) -> list[RecordSummary]:
        self._ensure_fresh()
        return self._summaries(*list_sql(query or ListQuery()))

    def listing(self, query: ListQuery | None = None) -> list[tuple[str, str, str]]:
        self._ensure_fresh()
        where, args, order = list_sql(query or ListQuery())
        return self._db.execute(
            f"SELECT id, title, listing FROM records WHERE error IS NULL AND {where} "
            f"ORDER BY {order}", args,
        ).fetchall()

    def listing_text(self, query: ListQuery | None = None) -> str:
        """The text output of ``list`` for ``query`` (see :func:`sqlite_rows.listing_text`)."""
        self._ensure_fresh()
        return listing_text(self._db, query or ListQuery())

    def listing_output(self, query: ListQuery, fmt: str) -> bytes:
        """The whole output of ``list`` (``fmt``: "text" or "json"; UTF-8, no final newline),
        kept in the index when unfiltered (:func:`~transcite.storage.sqlite_rows.output`)."""
        self._ensure_fresh()
        return output(self._db, self._writing, query, fmt)

    def records_json(self, query: ListQuery | None = None) -> list[str]:
        self._ensure_fresh()
        where, args, order = list_sql(query or ListQuery())
        return [r[0] for r in self._db.execute(
            f"SELECT summary FROM records WHERE error IS NULL AND {where} ORDER BY {order}",
            args,
        )]

    def _summaries(self, where: str, args: list[str], order: str) -> list[RecordSummary]:
        sql = (f"SELECT {SUMMARY_COLUMNS} FROM records WHERE error IS NULL AND {where} "
               f"ORDER BY {order}")
        return [summary_of(r) for r in self._db.execute(sql, args)]

    def blocks_of(self, record_id: str) -> list[BlockText]:
        self._ensure_fresh()
        return [
            BlockText(*r)
            for r in self._db.execute(
                "SELECT record_id, block_id, kind, text, fingerprint, folded FROM blocks "
                "WHERE record_id = ? ORDER BY rid", (record_id,)
            )
        ]

    def candidates(
        self, words: list[str], *, limit: int, record_id: str | None = None
    ) -> list[BlockText]:
        """Blocks holding the query's rare words, best first (see
        :func:`~transcite.storage.sqlite_search.candidate_blocks`)."""
        if record_id is not None:
            return [b for b in self.blocks_of(record_id) if b.kind != "label"]
        from transcite.storage.sqlite_search import candidate_blocks

        self._ensure_fresh()
        return candidate_blocks(self._db, words, limit)

