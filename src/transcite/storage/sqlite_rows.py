"""The rows of the SQLite corpus index: storing a record's rows, removing them, keeping the
word counts in step, and the SQL of ``list`` (see :mod:`transcite.storage.sqlite_index`)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from transcite.core.errors import TransciteError
from transcite.storage.index import ListQuery, RecordSummary, folded_words, listing_json
from transcite.storage.sqlite_schema import feed_fts

if TYPE_CHECKING:
    from transcite.storage.index_files import Row

_RECORD_COLUMNS = (
    "id, size, mtime_ns, sha256, error, title, language, publisher, url, published, accessed, "
    "authors, translators, version, paragraphs, figures, labels, authors_key, "
    "translators_key, publisher_key, title_key, author_sort, listing, summary"
)
INSERT_RECORD = f"INSERT OR REPLACE INTO records({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 24)})"
INSERT_BLOCK = (
    "INSERT INTO blocks(record_id, block_id, kind, fingerprint, text, folded) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
SUMMARY_COLUMNS = (
    "id, title, language, publisher, url, published, accessed, authors, translators, version, "
    "paragraphs, figures, labels"
)


#: a rebuild adds the blocks of this many records at a time to the full-text index (about
#: 20 MB of text: still in SQLite's page cache when it is read back for FTS5)
FTS_BATCH = 4000


def fill(db: sqlite3.Connection, rows: Iterable[tuple[str, Row | None]]) -> int:
    """Store the rows of a rebuild in an index made with ``scratch``
    (:func:`~transcite.storage.sqlite_schema.create`), :data:`STORE_BATCH` records to an
    ``executemany``, feeding the full-text index in batches rather than by a trigger per
    block (a third of the cost: bench/bench_corpus.py); how many records were read (files that
    are not records are stored as errors)."""
    count = fed = pending = 0
    heads: list[tuple[Any, ...]] = []
    blocks: list[tuple[str, str, str, str | None, str, str]] = []
    for _record_id, row in rows:
        if row is None:
            continue
        heads.append(row[0])
        blocks += row[1]
        count += row[0][4] is None
        if len(heads) >= STORE_BATCH:
            _store(db, heads, blocks)
            pending += len(heads)
            heads, blocks = [], []
            if pending >= FTS_BATCH:
                fed, pending = feed_fts(db, fed), 0
    _store(db, heads, blocks)
    feed_fts(db, fed)
    return count


#: records whose rows a rebuild stores with one ``executemany`` per table
STORE_BATCH = 100


def _store(
    db: sqlite3.Connection, heads: list[tuple[Any, ...]],
    blocks: list[tuple[str, str, str, str | None, str, str]],
) -> None:
    db.executemany(INSERT_RECORD, heads)
    db.executemany(INSERT_BLOCK, blocks)


def delete_record(db: sqlite3.Connection, record_id: str, gone: Counter[str]) -> None:
    """Remove a record's rows; ``gone`` gets the words of its blocks."""
    for (folded,) in db.execute("SELECT folded FROM blocks WHERE record_id = ?", (record_id,)):
        gone.update(set(folded_words(folded)))
    db.execute("DELETE FROM blocks WHERE record_id = ?", (record_id,))
    db.execute("DELETE FROM records WHERE id = ?", (record_id,))


def apply_terms(db: sqlite3.Connection, added: Counter[str], gone: Counter[str]) -> None:
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


def store_terms(db: sqlite3.Connection, python: Counter[str], fts: Counter[str]) -> None:
    """Fill the empty ``terms`` table of a rebuilt index: the counts of its full-text index,
    plus ``python`` and minus ``fts`` (the blocks counted in Python:
    :class:`~transcite.storage.sqlite_terms.TermCounts`)."""
    db.execute("CREATE VIRTUAL TABLE temp.blocks_vocab USING fts5vocab(main, blocks_fts, row)")
    db.execute("INSERT INTO terms(term, df) SELECT term, doc FROM temp.blocks_vocab")
    db.execute("DROP TABLE temp.blocks_vocab")
    apply_terms(db, python, fts)


def set_folder(db: sqlite3.Connection, folder: int) -> None:
    """Record the folder's modification time seen before the files were looked at."""
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('folder', ?)", (str(folder),))


def summary_of(row: tuple) -> RecordSummary:  # type: ignore[type-arg]
    """The :class:`RecordSummary` of a row of :data:`SUMMARY_COLUMNS`."""
    import json

    return RecordSummary(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], tuple(json.loads(row[7])),
        tuple(json.loads(row[8])), row[9], row[10], row[11], row[12],
    )


def list_sql(query: ListQuery) -> tuple[str, list[str], str]:
    """The WHERE condition, its arguments and the ORDER BY of a list query."""
    where, args = query.where("?", "1")
    return where, args, query.order_by()


def listing_text(db: sqlite3.Connection, query: ListQuery) -> str:
    """The text output of ``list`` (empty when no record matches): each record's id, padded
    to the longest id and two spaces, its title, and on the next line its credits line under
    the title. Laid out by SQLite (ids are ASCII, so its byte widths are character widths):
    a ``list`` of 100,000 records formats nothing in Python."""
    where, args, order = list_sql(query)
    (width,) = db.execute(
        f"SELECT coalesce(max(length(id)), 0) + 2 FROM records WHERE error IS NULL AND {where}",
        args,
    ).fetchone()
    # the width is written into the SQL (an integer): the filters number their parameters
    lines = db.execute(
        f"SELECT printf('%-{int(width)}s%s', id, title) || char(10) || "
        f"printf('%{int(width)}s', '') || listing "
        f"FROM records WHERE error IS NULL AND {where} ORDER BY {order}",
        args,
    ).fetchall()
    return "\n".join([line for (line,) in lines])


def kept_listing(db: sqlite3.Connection, fmt: str) -> bytes | None:
    """The whole output of ``list`` with no filter (``fmt``: "text" or "json") as kept by
    :func:`keep_listing`, or None when a change of the records has dropped it since."""
    row = db.execute("SELECT body FROM listings WHERE key = ?", (fmt,)).fetchone()
    return None if row is None else bytes(row[0])


def make_listing(db: sqlite3.Connection, fmt: str) -> bytes:
    """The output of ``list`` with no filter (UTF-8, no final newline)."""
    query = ListQuery()
    if fmt == "json":
        where, args, order = list_sql(query)
        return listing_json([r[0] for r in db.execute(
            f"SELECT summary FROM records WHERE error IS NULL AND {where} ORDER BY {order}",
            args)]).encode("utf-8")
    return listing_text(db, query).encode("utf-8")


def keep_listing(db: sqlite3.Connection, fmt: str) -> bytes:
    """:func:`make_listing`, kept in the index: call it in a write transaction, so that no
    change of the records falls between making it and keeping it (any later change drops it:
    the triggers of ``records`` in :mod:`transcite.storage.sqlite_schema`)."""
    body = make_listing(db, fmt)
    db.execute("INSERT OR REPLACE INTO listings(key, body) VALUES (?, ?)", (fmt, body))
    return body


def output(
    db: sqlite3.Connection,
    writing: Callable[[], AbstractContextManager[sqlite3.Connection]],
    query: ListQuery,
    fmt: str,
) -> bytes:
    """The whole output of ``list`` (``fmt``: "text" or "json"; UTF-8, no final newline).
    With no filter it is kept in the index (``writing``: a write transaction) and made again
    after a change of the records, so that listing 100,000 records reads one value; when the
    index cannot be written now, it is made and not kept."""
    if query != ListQuery():
        if fmt == "json":
            where, args, order = list_sql(query)
            return listing_json([r[0] for r in db.execute(
                f"SELECT summary FROM records WHERE error IS NULL AND {where} "
                f"ORDER BY {order}", args)]).encode("utf-8")
        return listing_text(db, query).encode("utf-8")
    kept = kept_listing(db, fmt)
    if kept is not None:
        return kept
    try:
        with writing() as held:
            return kept_listing(held, fmt) or keep_listing(held, fmt)
    except (sqlite3.Error, TransciteError):
        return make_listing(db, fmt)
