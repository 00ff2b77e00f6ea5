"""The corpus index in SQLite (the standard library's ``sqlite3``, with FTS5).

The index is ``<corpus>/.transcite/index.sqlite``: one row per record (its metadata, counts,
and the size, modification time and SHA-256 of its file) and one row per block of the current
version (id, kind, number, fingerprint, text), with an FTS5 table over the block texts
(``unicode61`` tokenizer, diacritics removed) kept in step by triggers. See docs/corpus.md.

Every read first compares the folder with the index (one ``stat`` per file): a file whose size
or modification time differs is hashed, and read again only when its content changed. A file
modified less than :data:`RACY_SECONDS` before it was indexed is indexed with no modification
time, so that a second change within the file system's time resolution is still seen (the
"racily clean" files of git's index).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator

from transcite.core.errors import DataError, TransciteError
from transcite.core.model import Record
from transcite.storage.atomic import (
    fsync_folder,
    new_file_mode,
    new_temp,
    remove_stale_temps,
)
from transcite.storage.index import (
    BlockText,
    Drift,
    ListQuery,
    Progress,
    RecordSummary,
    fold,
    words,
)
from transcite.storage.index import words as index_words
from transcite.storage.index_files import (
    RACY_SECONDS,
    Row,
    count_terms,
    read_for_index,
    read_in_workers,
    scan_folder,
)
from transcite.storage.sqlite_search import fts_expression, rank_by_rare_words

#: the index format this transcite writes and reads; a newer one is refused
SCHEMA_VERSION = 3
APP_ID = "transcite-index"
STATE_DIR = ".transcite"
INDEX_NAME = "index.sqlite"
#: candidates read per candidate asked for, before the ones sharing most query words are kept
WIDEN = 16
#: the name of the index's lock (no record id starts with a dot)
INDEX_LOCK = ".index"
#: above this many records to read, reading is shared among worker processes
PARALLEL_FROM = 400

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records(
    id TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT,
    title TEXT, language TEXT, publisher TEXT, url TEXT, published TEXT, accessed TEXT,
    authors TEXT, translators TEXT, version INTEGER,
    paragraphs INTEGER, figures INTEGER, labels INTEGER,
    authors_key TEXT, translators_key TEXT, publisher_key TEXT, title_key TEXT, author_sort TEXT,
    listing TEXT
) WITHOUT ROWID;
CREATE TABLE blocks(
    rid INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    block_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT,
    text TEXT NOT NULL
);
CREATE INDEX blocks_record ON blocks(record_id);
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE blocks_fts USING fts5(
    text, content='blocks', content_rowid='rid', tokenize='unicode61 remove_diacritics 2'
);
"""
_TRIGGERS = (
    "CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN "
    "INSERT INTO blocks_fts(rowid, text) VALUES (new.rid, new.text); END",
    "CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN "
    "INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.rid, old.text); END",
)
_RECORD_COLUMNS = (
    "id, size, mtime_ns, sha256, error, title, language, publisher, url, published, accessed, "
    "authors, translators, version, paragraphs, figures, labels, authors_key, "
    "translators_key, publisher_key, title_key, author_sort, listing"
)
_INSERT_RECORD = f"INSERT OR REPLACE INTO records({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 23)})"
_INSERT_BLOCK = (
    "INSERT INTO blocks(record_id, block_id, kind, fingerprint, text) VALUES (?, ?, ?, ?, ?)"
)



class IndexRefused(DataError):
    """An index written by a newer transcite: never read, never overwritten."""


def index_path(root: str) -> str:
    return os.path.join(root, STATE_DIR, INDEX_NAME)


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
        self.path = index_path(root)
        self._fresh = False
        self._db = self._connect()

    # ------------------------------------------------------------------ opening
    def _connect(self) -> sqlite3.Connection:
        if not os.path.isdir(self.root):  # nothing to index, and nothing is made
            self.path = ":memory:"
            return self._create(":memory:")
        location = self._writable_location()
        if location == self.path:  # a rebuild's file left by a kill -9
            remove_stale_temps(os.path.dirname(location), INDEX_NAME)
        try:
            db = sqlite3.connect(location, timeout=60.0, isolation_level=None)
            self._check_format(db)
            return db
        except IndexRefused:
            raise
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(NameError):
                db.close()
            self.notes.append(
                f"{location} is not a transcite index, or is damaged ({exc}); it was rebuilt"
            )
            _remove_db(location)
            return self._create(location)
        except _Stale as stale:
            db.close()
            if stale.reason:
                self.notes.append(f"{location}: {stale.reason}; it was rebuilt")
            _remove_db(location)
            return self._create(location)

    def _writable_location(self) -> str:
        """The index file in the corpus folder, or a cache file when that cannot be written."""
        if _can_write(self.path):
            return self.path
        cache = _cache_file(self.root)
        if cache is not None:
            self.notes.append(
                f"{self.root}/ cannot be written: the index is kept in {cache}"
            )
            self.path = cache
            return cache
        self.notes.append(f"{self.root}/ cannot be written: the index is kept in memory")
        self.path = ":memory:"
        return ":memory:"

    def _check_format(self, db: sqlite3.Connection) -> None:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            raise _Stale("")
        if "meta" not in tables:
            raise sqlite3.DatabaseError("no meta table")
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("app") != APP_ID:
            raise sqlite3.DatabaseError("not made by transcite")
        version = int(meta.get("schema", "0"))
        if version > SCHEMA_VERSION:
            db.close()
            raise IndexRefused(
                f"{self.path}: made by a newer transcite (index format {version}; this "
                f"transcite reads format {SCHEMA_VERSION}): upgrade transcite, or delete "
                f"the file to have this version rebuild it"
            )
        if version < SCHEMA_VERSION:
            raise _Stale(f"index format {version} is older than {SCHEMA_VERSION}")

    def _create(self, location: str, *, scratch: bool = False) -> sqlite3.Connection:
        """A new index at ``location``; ``scratch``: a file no one else reads until it is
        renamed into place, written with no journal and no syncs (it is synced once whole)."""
        db = sqlite3.connect(location, timeout=60.0, isolation_level=None)
        try:
            if scratch:
                db.execute("PRAGMA synchronous = OFF")
                db.execute("PRAGMA journal_mode = OFF")
            db.executescript(_SCHEMA)
            for trigger in _TRIGGERS:
                db.execute(trigger)
            db.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("app", APP_ID), ("schema", str(SCHEMA_VERSION)),
                 ("root", os.path.realpath(self.root))],
            )
        except sqlite3.Error as exc:
            db.close()
            raise TransciteError(f"{location}: cannot create the index: {exc}") from None
        return db

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
            _remove_db(self.path)
            self._db = self._create(self.path)
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
            counts: Counter[str] = Counter()
            gone: Counter[str] = Counter()
            with self._writing() as db:
                for record_id in drift.removed:
                    _delete(db, record_id, gone)
                for record_id, row in self._read(to_read, None, counts):
                    self._store(db, record_id, row, gone)
                    if record_id not in added and row is not None and len(row[0]) > 4:
                        drift.changed.append(record_id)
                _apply_terms(db, counts, gone)
                _set_folder(db, folder)
        else:
            with self._writing() as db:
                _set_folder(db, folder)
        drift.changed.sort()
        self._fresh = True
        drift.broken = self.broken()
        return drift

    def verify(self, record_ids: list[str]) -> bool:
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
            _apply_terms(db, counts, gone)
        return True

    def _read(
        self,
        to_read: list[tuple[str, str | None]],
        progress: Progress | None,
        counts: Counter[str],
    ) -> Iterator[tuple[str, Row | None]]:
        """Read the files (in worker processes when there are many) as they come, so that
        the caller stores each while the workers read the next; ``counts`` gets, once all
        are read, the number of blocks holding each word in the records read anew."""
        total = len(to_read)
        if self.jobs > 1 and total >= PARALLEL_FROM:
            yield from read_in_workers(self.root, to_read, self.jobs, progress, counts)
            return
        for k, (record_id, sha) in enumerate(to_read, 1):
            row = read_for_index(self.root, record_id, sha)
            if row is not None:
                count_terms(row, counts)
            yield record_id, row
            if progress is not None and (k % 100 == 0 or k == total):
                progress(k, total)

    def _store(
        self, db: sqlite3.Connection, record_id: str, row: Row | None, gone: Counter[str]
    ) -> None:
        """Store a row read by :meth:`_read`; ``gone`` gets the words of replaced blocks."""
        if row is None:
            _delete(db, record_id, gone)
            return
        head, blocks = row
        if len(head) == 4:  # same content: only the file's size and time changed
            db.execute(
                "UPDATE records SET size = ?, mtime_ns = ? WHERE id = ?",
                (head[1], head[2], record_id),
            )
            return
        _delete(db, record_id, gone)
        db.execute(_INSERT_RECORD, head)
        db.executemany(_INSERT_BLOCK, blocks)

    def _ensure_fresh(self) -> None:
        if not self._fresh:
            self.refresh()

    def rebuild(self, progress: Progress | None = None, *, jobs: int | None = None) -> int:
        """Index the folder afresh into a new file, then put it in place of the old one (a
        reader never sees a half-built index)."""
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
            db = self._create(target, scratch=True)
        except BaseException:
            _drop_temp(held, target)
            raise
        count = 0
        counts: Counter[str] = Counter()
        try:
            db.execute("BEGIN")
            for _record_id, row in self._read(to_read, progress, counts):
                if row is not None:
                    db.execute(_INSERT_RECORD, row[0])
                    db.executemany(_INSERT_BLOCK, row[1])
                    count += row[0][4] is None
            _apply_terms(db, counts, Counter())
            _set_folder(db, folder)
            db.execute("COMMIT")
            if not memory:
                db.close()
                os.fchmod(held, new_file_mode(self.path))
                os.fsync(held)
                with self._lock():
                    # a journal beside the old file (a writer killed mid-transaction) is the
                    # old file's: applied to the new one it would damage it
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{self.path}-journal")
                    os.replace(target, self.path)
                    fsync_folder(os.path.dirname(self.path))
        except BaseException:
            db.close()
            _drop_temp(held, target)
            raise
        if held != -1:
            os.close(held)
        self._db.close()
        self._db = db if memory else sqlite3.connect(
            self.path, timeout=60.0, isolation_level=None
        )
        self._fresh = True
        return count

    def put(self, record: Record) -> None:
        row = read_for_index(self.root, record.id)
        counts: Counter[str] = Counter()
        gone: Counter[str] = Counter()
        if row is not None and len(row[0]) > 4:
            count_terms(row, counts)
        with self._writing() as db:
            self._store(db, record.id, row, gone)
            _apply_terms(db, counts, gone)

    def remove(self, record_id: str) -> None:
        gone: Counter[str] = Counter()
        with self._writing() as db:
            _delete(db, record_id, gone)
            _apply_terms(db, Counter(), gone)

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
        self._ensure_fresh()
        found = {s.id: s for s in self._summaries("id IN (SELECT value FROM json_each(?))",
                                                   [json.dumps(ids)], "id")}
        return [found[i] for i in ids if i in found]

    def records(self, query: ListQuery | None = None) -> list[RecordSummary]:
        self._ensure_fresh()
        return self._summaries(*_list_sql(query or ListQuery()))

    def listing(self, query: ListQuery | None = None) -> list[tuple[str, str, str]]:
        self._ensure_fresh()
        where, args, order = _list_sql(query or ListQuery())
        return self._db.execute(
            f"SELECT id, title, listing FROM records WHERE error IS NULL AND {where} "
            f"ORDER BY {order}", args,
        ).fetchall()

    def _summaries(self, where: str, args: list[str], order: str) -> list[RecordSummary]:
        sql = (
            "SELECT id, title, language, publisher, url, published, accessed, authors, "
            "translators, version, paragraphs, figures, labels FROM records WHERE "
            f"error IS NULL AND {where} ORDER BY {order}"
        )
        return [
            RecordSummary(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])),
                tuple(json.loads(r[8])), r[9], r[10], r[11], r[12],
            )
            for r in self._db.execute(sql, args)
        ]

    def blocks_of(self, record_id: str) -> list[BlockText]:
        self._ensure_fresh()
        return [
            BlockText(*r)
            for r in self._db.execute(
                "SELECT record_id, block_id, kind, text, fingerprint FROM blocks "
                "WHERE record_id = ? ORDER BY rid", (record_id,)
            )
        ]

    def candidates(
        self, words: list[str], *, limit: int, record_id: str | None = None
    ) -> list[BlockText]:
        """Blocks holding the query's rare words, best first (see :func:`rank_by_rare_words`);
        a query of common words only asks for its word sequences (FTS5 phrases, BM25)."""
        if record_id is not None:
            return [b for b in self.blocks_of(record_id) if b.kind != "label"]
        self._ensure_fresh()
        # many more blocks than asked for (blocks holding the same rare words tie), then the
        # blocks holding most of the query's words first
        ranked = rank_by_rare_words(self._db, words, limit * WIDEN)
        if ranked is None:
            expression = fts_expression(words)
            ranked = [r[0] for r in self._db.execute(
                "SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ? ORDER BY rank LIMIT ?",
                (expression, limit),
            )]
        if not ranked:
            return []
        found = {
            r[0]: BlockText(*r[1:])
            for r in self._db.execute(
                "SELECT rid, record_id, block_id, kind, text, fingerprint FROM blocks "
                "WHERE rid IN (SELECT value FROM json_each(?)) AND kind != 'label'",
                (json.dumps(ranked),),
            )
        }
        blocks = [found[r] for r in ranked if r in found]
        if len(blocks) > limit:
            wanted = set(words)
            shared = {id(b): len(wanted.intersection(index_words(b.text))) for b in blocks}
            blocks = sorted(blocks, key=lambda b: -shared[id(b)])[:limit]  # stable: ties keep
        return blocks


def _delete(db: sqlite3.Connection, record_id: str, gone: Counter[str]) -> None:
    """Remove a record's rows; ``gone`` gets the words of its blocks."""
    for (text,) in db.execute("SELECT text FROM blocks WHERE record_id = ?", (record_id,)):
        gone.update(set(words(text)))
    db.execute("DELETE FROM blocks WHERE record_id = ?", (record_id,))
    db.execute("DELETE FROM records WHERE id = ?", (record_id,))


def _apply_terms(db: sqlite3.Connection, added: Counter[str], gone: Counter[str]) -> None:
    """Add to (and take from) each word's block count."""
    delta = Counter(added)
    delta.subtract(gone)
    db.executemany(
        "INSERT INTO terms(term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        ((term, n) for term, n in delta.items() if n),
    )
    if gone:
        db.execute("DELETE FROM terms WHERE df <= 0")


def _list_sql(query: ListQuery) -> tuple[str, list[str], str]:
    """The WHERE condition, its arguments and the ORDER BY of a list query."""
    where = ["1"]
    args: list[str] = []
    for column, value in (
        ("authors_key", query.author), ("translators_key", query.translator),
        ("publisher_key", query.publisher),
    ):
        if value:
            where.append(f"{column} LIKE ? ESCAPE '\\'")
            args.append("%" + _like(fold(value)) + "%")
    if query.since:
        where.append("published IS NOT NULL AND "
                     "substr(published, 1, length(?1)) >= substr(?1, 1, length(published))"
                     .replace("?1", f"?{len(args) + 1}"))
        args.append(query.since)
    if query.until:
        where.append("published IS NOT NULL AND "
                     "substr(published, 1, length(?1)) <= substr(?1, 1, length(published))"
                     .replace("?1", f"?{len(args) + 1}"))
        args.append(query.until)
    order = {
        "id": "id",
        "title": "title_key, id",
        "published": "published IS NULL, published, id",
        "publisher": "publisher IS NULL, publisher_key, id",
        "author": "author_sort = '', author_sort, id",
    }[query.sort]
    if query.reverse:
        order = ", ".join(
            part if part.endswith("IS NULL") or part.endswith("= ''") else part + " DESC"
            for part in order.split(", ")
        )
    return " AND ".join(where), args, order


def _set_folder(db: sqlite3.Connection, folder: int) -> None:
    """Record the folder's modification time seen before the files were looked at."""
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('folder', ?)", (str(folder),))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _drop_temp(held: int, target: str) -> None:
    if held != -1:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        os.close(held)


def _remove_db(location: str) -> None:
    if location == ":memory:":
        return
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(location + suffix)


def _can_write(path: str) -> bool:
    """Whether the index file can be made or written (its folder made if need be)."""
    folder = os.path.dirname(path)
    try:
        if not os.access(os.path.dirname(folder), os.W_OK) and not os.path.isdir(folder):
            return False
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    return not os.path.exists(path) or os.access(path, os.W_OK)


def _cache_file(root: str) -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "transcite")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    key = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()
    return os.path.join(folder, f"index-{key[:16]}.sqlite")


class _Stale(Exception):
    """An index to be made again: empty, or of an older format."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
