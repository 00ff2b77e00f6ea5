"""Candidate blocks for a query in the SQLite index (see :mod:`transcite.find`)."""

from __future__ import annotations

import json
import math
import sqlite3

from transcite.storage.index import BlockText, folded_words

#: at most this many rare words pick the candidates, and they may be in at most this many
#: blocks together (the rows read stay bounded whatever the corpus size)
RARE_WORDS = 12
ROW_BUDGET = 20_000
#: candidates read per candidate asked for, before the ones sharing most query words are kept
WIDEN = 16


def candidate_blocks(db: sqlite3.Connection, words: list[str], limit: int) -> list[BlockText]:
    """Blocks holding the query's rare words, best first (see :func:`rank_by_rare_words`);
    a query of common words only asks for its word sequences (FTS5 phrases, BM25)."""
    # many more blocks than asked for (blocks holding the same rare words tie), then the
    # blocks holding most of the query's words first
    ranked = rank_by_rare_words(db, words, limit * WIDEN)
    if ranked is None:
        ranked = [r[0] for r in db.execute(
            "SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts_expression(words), limit),
        )]
    if not ranked:
        return []
    found = {
        r[0]: BlockText(*r[1:])
        for r in db.execute(
            "SELECT rid, record_id, block_id, kind, text, fingerprint, folded FROM blocks "
            "WHERE rid IN (SELECT value FROM json_each(?)) AND kind != 'label'",
            (json.dumps(ranked),),
        )
    }
    blocks = [found[r] for r in ranked if r in found]
    if len(blocks) > limit:
        wanted = set(words)
        shared = {id(b): len(wanted.intersection(folded_words(b.folded_text()))) for b in blocks}
        blocks = sorted(blocks, key=lambda b: -shared[id(b)])[:limit]  # stable: ties keep
    return blocks


def rank_by_rare_words(db: sqlite3.Connection, words: list[str], limit: int) -> list[int] | None:
    """Block rowids ranked by the rare query words they hold (each weighted by its inverse
    block frequency, from the ``terms`` table); ``None`` when the query has no rare word.

    The rarest words are taken (at most :data:`RARE_WORDS`, together in at most
    :data:`ROW_BUDGET` blocks) and their blocks read from FTS5. A misremembered word is
    absent or rare elsewhere; the block holding most of the other rare words still comes
    first. Phrases are not needed to rank, and reading a common word's list is what makes
    FTS5 queries slow.
    """
    distinct = list(dict.fromkeys(words))
    frequency = dict(db.execute(
        "SELECT term, df FROM terms WHERE term IN (SELECT value FROM json_each(?))",
        (json.dumps(distinct),),
    ).fetchall())
    total = (db.execute("SELECT max(rid) FROM blocks").fetchone()[0] or 0) + 1
    chosen: list[str] = []
    budget = 0
    for word in sorted(frequency, key=lambda w: (frequency[w], w)):
        if len(chosen) >= RARE_WORDS or (chosen and budget + frequency[word] > ROW_BUDGET):
            break
        chosen.append(word)
        budget += frequency[word]
    if not chosen or budget > ROW_BUDGET:
        return None
    parts = " UNION ALL ".join(
        "SELECT rowid AS r, ? AS w FROM blocks_fts WHERE blocks_fts MATCH ?" for _ in chosen
    )
    args: list[object] = []
    for word in chosen:
        args += [math.log(total / frequency[word]), f'"{word}"']
    return [r[0] for r in db.execute(
        f"SELECT r FROM ({parts}) GROUP BY r ORDER BY sum(w) DESC, r LIMIT ?", (*args, limit)
    )]


def fts_expression(words: list[str]) -> str:
    """The FTS5 query for a query of common words: the OR of its 3-word phrases (2-word, or
    single words, for shorter queries)."""
    size = min(3, len(words))
    grams = dict.fromkeys(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return " OR ".join('"' + " ".join(g) + '"' for g in grams)


