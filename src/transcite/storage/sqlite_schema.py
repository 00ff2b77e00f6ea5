"""Opening the SQLite corpus index: its tables, its format version, and where it is kept.

The index is ``<corpus>/.transcite/index.sqlite``: one row per record (its metadata, counts,
and the size, modification time and SHA-256 of its file) and one row per block of the current
version (id, kind, number, fingerprint, text, and the text as searches compare it), with an
FTS5 table over the folded block texts (``unicode61`` tokenizer, diacritics removed) kept in
step by triggers. A damaged or foreign file, or one of an older format, is made again with a
note; one of a newer format is refused. When the folder cannot be written the index is kept in
the user's cache folder, or else in memory. See docs/corpus.md.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from transcite.core.errors import DataError, TransciteError

#: the index format this transcite writes and reads; a newer one is refused
SCHEMA_VERSION = 5
APP_ID = "transcite-index"
STATE_DIR = ".transcite"
INDEX_NAME = "index.sqlite"
#: the full-text index's tokenizer (storage.sqlite_terms reads its word counts)
TOKENIZE = "unicode61 remove_diacritics 2"

_SCHEMA = f"""
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
    listing TEXT, summary TEXT
) WITHOUT ROWID;
CREATE TABLE blocks(
    rid INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    block_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT,
    text TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE blocks_fts USING fts5(
    folded, content='blocks', content_rowid='rid', tokenize='{TOKENIZE}'
);
CREATE TABLE listings(key TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
"""
#: made once the rows are in (a rebuild loads its rows first: quicker than keeping them up
#: to date row by row)
_INDEXES = (
    "CREATE INDEX blocks_record ON blocks(record_id)",
    "CREATE INDEX records_broken ON records(id) WHERE error IS NOT NULL",
)
_TRIGGERS = (
    "CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN "
    "INSERT INTO blocks_fts(rowid, folded) VALUES (new.rid, new.folded); END",
    "CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN "
    "INSERT INTO blocks_fts(blocks_fts, rowid, folded) VALUES ('delete', old.rid, old.folded); "
    "END",
    # a kept listing (``list``'s whole output) is dropped by any change of what it shows
    *(f"CREATE TRIGGER records_{name} AFTER {event} ON records BEGIN "
      "DELETE FROM listings; END"
      for name, event in (("ai", "INSERT"), ("ad", "DELETE"),
                          ("au", "UPDATE OF id, error, title, listing, summary"))),
)


#: while a rebuild feeds the full-text index, FTS5 keeps this much of it in memory before
#: writing it out as a segment (its default: 1 MiB), so that it writes fewer, larger segments
#: and merges them less: a third less CPU time feeding it (with sqlite_rows.FTS_BATCH;
#: bench/bench_corpus.py). The setting is the rebuild's only: :func:`finish` removes it.
BULK_HASH_BYTES = 32 << 20


class IndexRefused(DataError):
    """An index written by a newer transcite: never read, never overwritten."""


def index_path(root: str) -> str:
    return os.path.join(root, STATE_DIR, INDEX_NAME)


def connect(location: str) -> sqlite3.Connection:
    return sqlite3.connect(location, timeout=60.0, isolation_level=None)


def open_index(root: str, notes: list[str]) -> tuple[sqlite3.Connection, str]:
    """The index of the folder ``root`` and where it is kept (a path, or ``:memory:``): made
    when missing, made again (with a note in ``notes``) when damaged, foreign or older."""
    if not os.path.isdir(root):  # nothing to index, and nothing is made
        return create(":memory:", root), ":memory:"
    location = _writable_location(root, notes)
    if location == index_path(root) and _temps_beside(location):  # left by a kill -9
        from transcite.storage.atomic import remove_stale_temps

        remove_stale_temps(os.path.dirname(location), INDEX_NAME)
    try:
        db = connect(location)
        _check_format(db, location)
        return db, location
    except IndexRefused:
        raise
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(NameError):
            db.close()
        notes.append(f"{location} is not a transcite index, or is damaged ({exc}); it was rebuilt")
    except _Stale as stale:
        db.close()
        if stale.reason:
            notes.append(f"{location}: {stale.reason}; it was rebuilt")
    remove_db(location)
    return create(location, root), location


def _temps_beside(location: str) -> bool:
    """Whether a rebuild's temporary file (``.index.sqlite.XXXXXXXX.tmp``, storage.atomic)
    may be beside the index: looked for before the writers' module is imported."""
    try:
        names = os.listdir(os.path.dirname(location))
    except OSError:
        return False
    return any(n.startswith(f".{INDEX_NAME}.") for n in names)


def _writable_location(root: str, notes: list[str]) -> str:
    """The index file in the corpus folder, or a cache file when that cannot be written."""
    path = index_path(root)
    if _can_write(path):
        return path
    cache = _cache_file(root)
    if cache is not None:
        notes.append(f"{root}/ cannot be written: the index is kept in {cache}")
        return cache
    notes.append(f"{root}/ cannot be written: the index is kept in memory")
    return ":memory:"


def _check_format(db: sqlite3.Connection, location: str) -> None:
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
            f"{location}: made by a newer transcite (index format {version}; this "
            f"transcite reads format {SCHEMA_VERSION}): upgrade transcite, or delete "
            f"the file to have this version rebuild it"
        )
    if version < SCHEMA_VERSION:
        raise _Stale(f"index format {version} is older than {SCHEMA_VERSION}")


def create(location: str, root: str, *, scratch: bool = False) -> sqlite3.Connection:
    """A new, empty index at ``location`` for the folder ``root``; ``scratch``: a file no one
    else reads until it is renamed into place, written with no journal and no syncs (it is
    synced once whole), and with neither its indexes nor the triggers that keep the full-text
    table in step: the caller fills ``blocks_fts`` itself, then calls :func:`finish`."""
    db = connect(location)
    try:
        if scratch:
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA cache_size = -65536")  # 64 MiB: the full-text index's merges
        db.executescript(_SCHEMA)
        if scratch:
            db.execute("INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('hashsize', ?)",
                       (BULK_HASH_BYTES,))
        else:
            finish(db)
        db.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("app", APP_ID), ("schema", str(SCHEMA_VERSION)),
             ("root", os.path.realpath(root))],
        )
    except sqlite3.Error as exc:
        db.close()
        raise TransciteError(f"{location}: cannot create the index: {exc}") from None
    return db


def finish(db: sqlite3.Connection) -> None:
    """Make the indexes and triggers of an index made with ``scratch``, and give its
    full-text index FTS5's default settings back (:data:`BULK_HASH_BYTES`)."""
    db.execute("DELETE FROM blocks_fts_config WHERE k = 'hashsize'")
    for statement in (*_INDEXES, *_TRIGGERS):
        db.execute(statement)


def feed_fts(db: sqlite3.Connection, after: int) -> int:
    """Add the blocks stored after rowid ``after`` to the full-text index (of an index made
    with ``scratch``); the last rowid added."""
    db.execute("INSERT INTO blocks_fts(rowid, folded) SELECT rid, folded FROM blocks "
               "WHERE rid > ? ORDER BY rid", (after,))
    (last,) = db.execute("SELECT coalesce(max(rid), ?) FROM blocks", (after,)).fetchone()
    return int(last)


def put_in_place(held: int, target: str, path: str) -> None:
    """Put a rebuilt index (``target``, open as ``held``, complete) in place of ``path``,
    durably; the caller holds the index's lock."""
    from transcite.storage.atomic import fsync_folder, new_file_mode

    os.fchmod(held, new_file_mode(path))
    os.fsync(held)
    # a journal beside the old file (a writer killed mid-transaction) is the old file's:
    # applied to the new one it would damage it
    with contextlib.suppress(FileNotFoundError):
        os.unlink(f"{path}-journal")
    os.replace(target, path)
    fsync_folder(os.path.dirname(path))


def remove_db(location: str) -> None:
    if location == ":memory:":
        return
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(location + suffix)


def drop_temp(held: int, target: str) -> None:
    """Remove a rebuild's temporary file and close its descriptor (``held`` -1: in memory)."""
    if held != -1:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        os.close(held)


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
    import hashlib

    key = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()
    return os.path.join(folder, f"index-{key[:16]}.sqlite")


class _Stale(Exception):
    """An index to be made again: empty, or of an older format."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
