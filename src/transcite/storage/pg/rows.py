"""The rows that store one record in the database, made from its TEI bytes.

A record is stored as its TEI document (validated with the schema the folder uses, as
:func:`transcite.storage.tei.record_from_bytes` does) plus rows derived from it: the
``records`` row ``list`` reads, one ``versions`` row per version, and one ``blocks`` row per
paragraph, figure and label of every version. Versions are compared by a hash of their blocks so
that a save writes only the versions that are new or changed (``revise`` adds one): the
hash is computed by the database (``md5`` of the blocks joined) and here alike.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transcite.core.model import Record, text_fingerprint
from transcite.storage.index import words
from transcite.storage.index_files import entry_rows

if TYPE_CHECKING:
    import psycopg

#: (block id, kind, fingerprint, text or caption), as the index reads them
Block = tuple[str, str, "str | None", str]

RECORD_COLUMNS = (
    "id, tei, sha256, version, title, language, publisher, url, published, accessed, "
    "authors, translators, paragraphs, figures, labels, authors_key, translators_key, "
    "publisher_key, title_key, author_sort, listing"
)
_UPSERT = (
    f"INSERT INTO records ({RECORD_COLUMNS}) VALUES ({', '.join(['%s'] * 21)}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in RECORD_COLUMNS.split(", ")[1:])
    + ", saved_at = now()"
)
BLOCK_COLUMNS = "record_id, version, seq, block_id, kind, fingerprint, text, terms, current"


@dataclass(frozen=True, slots=True)
class Stored:
    """A record as the database stores it."""

    id: str
    #: the ``records`` row, in the order of :data:`RECORD_COLUMNS`
    head: tuple[Any, ...]
    version: int
    #: version -> (revised on, note)
    versions: dict[int, tuple[str | None, str]]
    #: version -> its blocks
    blocks: dict[int, list[Block]]


def stored(data: bytes, where: str, record: Record | None = None) -> Stored:
    """Validate TEI bytes and make their rows (``record``: the same record, if at hand)."""
    from transcite.storage.tei_index import index_entry_from_bytes

    entry = index_entry_from_bytes(data, where)
    row, current = entry_rows(entry, len(data), 0, hashlib.sha256(data).hexdigest())
    head = (row[0], data, row[3], entry.version, *row[5:13], *row[14:])
    blocks: dict[int, list[Block]] = {entry.version: [b[1:] for b in current]}
    notes: dict[int, tuple[str | None, str]] = {}
    if entry.version > 1:
        if record is None:
            from transcite.storage.tei import record_from_bytes

            record = record_from_bytes(data, where)
        for version in record.earlier:
            blocks[version.n] = [_block(b) for b in version.blocks]
        notes = {r.n: (r.when, r.note) for r in record.revisions}
    versions = {n: notes.get(n, (None, "")) for n in sorted(blocks)}
    return Stored(entry.id, head, entry.version, versions, blocks)


def _block(block: Any) -> Block:
    if block.kind == "paragraph":
        return (block.id, "paragraph", block.fingerprint or text_fingerprint(block.text),
                block.text)
    if block.kind == "figure":
        return (block.id, "figure", None, block.caption)
    return (block.id, "label", None, block.text)


def write(conn: psycopg.Connection[Any], item: Stored, terms: Counter[str]) -> None:
    """Store a record (inside the caller's transaction), replacing what was stored of it;
    ``terms`` gets the change in the number of current blocks holding each word."""
    old = dict(conn.execute(
        "SELECT n, note || chr(31) || coalesce(revised_on, '') FROM versions "
        "WHERE record_id = %s", (item.id,)
    ).fetchall())
    hashes = dict(conn.execute(
        "SELECT version, md5(string_agg(block_id || chr(31) || kind || chr(31) || "
        "coalesce(fingerprint, '') || chr(31) || text, chr(30) ORDER BY seq)) "
        "FROM blocks WHERE record_id = %s GROUP BY version", (item.id,)
    ).fetchall()) if old else {}
    for (text,) in conn.execute(
        "SELECT text FROM blocks WHERE record_id = %s AND current", (item.id,)
    ):
        terms.subtract(set(words(text)))
    conn.execute(_UPSERT, item.head)
    keep = {
        n for n, (when, note) in item.versions.items()
        if n != item.version and old.get(n) == f"{note}\x1f{when or ''}"
        and hashes.get(n) == _md5(item.blocks[n])
    }
    conn.execute("DELETE FROM versions WHERE record_id = %s AND NOT (n = ANY(%s))",
                 (item.id, sorted(keep)))
    conn.execute("UPDATE blocks SET current = false WHERE record_id = %s AND current",
                 (item.id,))
    new = [n for n in item.versions if n not in keep]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO versions (record_id, n, revised_on, note) VALUES (%s, %s, %s, %s)",
            [(item.id, n, item.versions[n][0], item.versions[n][1]) for n in new],
        )
        with cur.copy(f"COPY blocks ({BLOCK_COLUMNS}) FROM STDIN") as copy:
            for n in new:
                for seq, (block_id, kind, fp, text) in enumerate(item.blocks[n]):
                    copy.write_row((item.id, n, seq, block_id, kind, fp, text,
                                    " ".join(words(text)), n == item.version))
    for _block_id, _kind, _fp, text in item.blocks[item.version]:
        terms.update(set(words(text)))


def _md5(blocks: list[Block]) -> str:
    joined = "\x1e".join(
        "\x1f".join((block_id, kind, fp or "", text)) for block_id, kind, fp, text in blocks
    )
    return hashlib.md5(joined.encode(), usedforsecurity=False).hexdigest()


def apply_terms(conn: psycopg.Connection[Any], delta: Counter[str]) -> None:
    """Add each word's change to its block count, in the order of the words (two writers
    lock the rows they share in the same order, so they never deadlock)."""
    changed = sorted((t, n) for t, n in delta.items() if n)
    if not changed:
        return
    conn.execute(
        "INSERT INTO terms (term, df) SELECT * FROM unnest(%s::text[], %s::int[]) "
        "ORDER BY 1 ON CONFLICT (term) DO UPDATE SET df = terms.df + excluded.df",
        ([t for t, _ in changed], [n for _, n in changed]),
    )
    gone = [t for t, n in changed if n < 0]
    if gone:
        conn.execute("DELETE FROM terms WHERE term = ANY(%s) AND df <= 0", (gone,))
