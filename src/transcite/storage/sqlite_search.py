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
#: the rarest words of a query whose two-word phrases with their neighbours also rank blocks
PHRASE_ANCHORS = 3
#: candidates read per candidate asked for, before the ones sharing most query words are kept
WIDEN = 4


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
    block frequency, from the ``terms`` table) and by the two-word phrases of the query around
    its rarest words that they hold; ``None`` when the query has no rare word and no block
    holds one of those phrases.

    The rarest words are taken (at most :data:`RARE_WORDS`, together in at most
    :data:`ROW_BUDGET` blocks) and their blocks read from FTS5. A misremembered word is
    absent or rare elsewhere; the block holding most of the other rare words still comes
    first. Reading a common word's list is what makes FTS5 queries slow, so a query whose
    words are all common may pick one word, or none; then many blocks tie, and the phrases
    around the :data:`PHRASE_ANCHORS` rarest words (FTS5 reads the rare word's list and
    looks up its neighbour only there) tell the blocks holding the query's own words in its
    order from the others.
    """
    distinct = list(dict.fromkeys(words))
    frequency = dict(db.execute(
        "SELECT term, df FROM terms WHERE term IN (SELECT value FROM json_each(?))",
        (json.dumps(distinct),),
    ).fetchall())
    total = (db.execute("SELECT max(rid) FROM blocks").fetchone()[0] or 0) + 1
    chosen, phrases = weighted_terms(words, frequency, total)
    searches = [(f'"{w}"', weight) for w, weight in chosen]
    searches += [(f'"{a} {b}"', weight) for a, b, weight in phrases]
    if not searches:
        return None
    parts = " UNION ALL ".join(
        "SELECT rowid AS r, ? AS w FROM blocks_fts WHERE blocks_fts MATCH ?" for _ in searches
    )
    args: list[object] = []
    for expression, w in searches:
        args += [w, expression]
    ranked = [r[0] for r in db.execute(
        f"SELECT r FROM ({parts}) GROUP BY r ORDER BY sum(w) DESC, r LIMIT ?", (*args, limit)
    )]
    return ranked if ranked or chosen else None


def weighted_terms(
    words: list[str], frequency: dict[str, int], total: int
) -> tuple[list[tuple[str, float]], list[tuple[str, str, float]]]:
    """The rule both backends pick candidates by: the query's rarest words (at most
    :data:`RARE_WORDS`, together in at most :data:`ROW_BUDGET` blocks) and the two-word
    phrases around its :data:`PHRASE_ANCHORS` rarest words, each with the weight of its
    (anchor) word, the log of its inverse block frequency (``frequency``: blocks holding each
    word the index knows; ``total``: blocks in all)."""
    rarest = sorted(frequency, key=lambda w: (frequency[w], w))
    chosen: list[str] = []
    budget = 0
    for word in rarest:
        if len(chosen) >= RARE_WORDS or budget + frequency[word] > ROW_BUDGET:
            break
        chosen.append(word)
        budget += frequency[word]
    weight = {w: math.log(total / frequency[w]) for w in rarest}
    return (
        [(w, weight[w]) for w in chosen],
        [(a, b, weight[anchor])
         for anchor, (a, b) in anchor_phrases(words, rarest[:PHRASE_ANCHORS], frequency)],
    )


def anchor_phrases(
    words: list[str], anchors: list[str], frequency: dict[str, int]
) -> list[tuple[str, tuple[str, str]]]:
    """(anchor, two-word phrase) for each anchor word and its neighbours in the query (at its
    first place), leaving out neighbours in no block (a misremembered word)."""
    out: dict[tuple[str, str], str] = {}
    for anchor in anchors:
        i = words.index(anchor)
        for a, b in ((i - 1, i), (i, i + 1)):
            if a >= 0 and b < len(words) and words[a] in frequency and words[b] in frequency:
                out.setdefault((words[a], words[b]), anchor)
    return [(anchor, pair) for pair, anchor in out.items()]


def fts_expression(words: list[str]) -> str:
    """The FTS5 query for a query of common words: the OR of its 3-word phrases (2-word, or
    single words, for shorter queries)."""
    size = min(3, len(words))
    grams = dict.fromkeys(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return " OR ".join('"' + " ".join(g) + '"' for g in grams)


