"""What an SQLite corpus index holds, as one digest per table: two indexes of the same folder
made by different code hold the same rows when their digests are equal.

    .venv/bin/python bench/index_digest.py A/index.sqlite [B/index.sqlite]

Each table's rows are read in a fixed order (its key; blocks by record and place, as their
rowids follow the order in which worker processes delivered the records) and hashed
(SHA-256 of their ``repr``); the full-text index is compared by what it holds (``fts5vocab``
``instance``: every word of every block at its place, and ``blocks_fts_docsize``: the words
per block), not by how FTS5 laid its pages out (``blocks_fts_data``, whose segments depend
on how it was fed). The folder's modification time in ``meta`` is left out (a rebuild notes
when it looked).
``bench_corpus.py --baseline-src`` compares the baseline's index with the new one this way.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys

QUERIES = {
    "meta": "SELECT key, value FROM meta WHERE key != 'folder' ORDER BY key",
    "records": "SELECT * FROM records ORDER BY id",
    # rowids are given in the order the worker processes deliver the records: compared by
    # record and place in it instead
    "blocks": "SELECT record_id, block_id, kind, fingerprint, text, folded FROM blocks "
              "ORDER BY record_id, rid",
    "terms": "SELECT term, df FROM terms ORDER BY term",
    "listings": "SELECT key, body FROM listings ORDER BY key",
    "fts_words": "SELECT b.record_id, b.block_id, v.term, v.col, v.offset "
                 "FROM temp.digest_vocab v JOIN blocks b ON b.rid = v.doc "
                 "ORDER BY b.record_id, b.rid, v.offset",
    "fts_docsize": "SELECT b.record_id, b.block_id, d.sz FROM blocks_fts_docsize d "
                   "JOIN blocks b ON b.rid = d.id ORDER BY b.record_id, b.rid",
    "fts_config": "SELECT k, v FROM blocks_fts_config ORDER BY k",
    "schema": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
}


def digest(path: str) -> dict[str, tuple[int, str]]:
    """Table -> (rows, SHA-256 of the rows in order)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.execute("CREATE VIRTUAL TABLE temp.digest_vocab USING fts5vocab(main, blocks_fts, "
               "instance)")
    out = {}
    for table, sql in QUERIES.items():
        sha, rows = hashlib.sha256(), 0
        for row in db.execute(sql):
            sha.update(repr(row).encode("utf-8", "surrogatepass") + b"\n")
            rows += 1
        out[table] = (rows, sha.hexdigest())
    db.close()
    return out


def main() -> None:
    found = [digest(path) for path in sys.argv[1:]]
    for table in QUERIES:
        cells = [f"{d[table][0]:>9} {d[table][1][:16]}" for d in found]
        same = "" if len(found) < 2 else ("  same" if found[0][table] == found[1][table]
                                          else "  DIFFERENT")
        print(f"{table:12} " + "  ".join(cells) + same)
    if len(found) == 2 and found[0] != found[1]:
        sys.exit(1)


if __name__ == "__main__":
    main()
