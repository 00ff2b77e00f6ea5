"""The corpus index of a PostgreSQL corpus: :class:`PgIndex`, the
:class:`~transcite.storage.index.CorpusIndex` over the tables every save keeps in step.

The database is the source of truth, so there is nothing to bring up to date: ``refresh``,
``check`` and ``verify`` find no drift, and ``rebuild`` derives the rows of every record
afresh from its stored TEI document (after a migration that changes what is derived).

``find`` gets its candidates as from SQLite: the query's rarest words (by the ``terms``
table) are looked up in the GIN index of each block's stored ``tsvector`` and the blocks
ranked by the summed inverse frequency of the words they hold, together with the two-word
phrases (``a <-> b``) of the query around its 3 rarest words (the SQLite index's rule, with
its constants); a query of common words only asks for its 3-word phrases; when neither finds
a block (every rare word misspelt), the ``pg_trgm`` index of the blocks' words gives the
blocks most similar to it.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from transcite.storage.index import (
    BlockText,
    Drift,
    ListQuery,
    Progress,
    RecordSummary,
)
from transcite.storage.index import words as index_words
from transcite.storage.pg.listing import list_sql

# (the rows of a record, and the candidate rule of the SQLite index, are imported where they
# are used: `list` needs neither)

_SUMMARY = (
    "id, title, language, publisher, url, published, accessed, authors, translators, "
    "version, paragraphs, figures, labels"
)
_BLOCK = "record_id, block_id, kind, text, fingerprint"


class PgIndex:
    """:class:`~transcite.storage.index.CorpusIndex` of a
    :class:`~transcite.storage.pg.corpus.PgCorpus`."""

    def __init__(self, corpus: Any) -> None:  # a PgCorpus (which imports this module)
        self.corpus = corpus
        self.notes: list[str] = []
        self._serial = False

    @property
    def _conn(self) -> Any:
        return self.corpus.conn

    def close(self) -> None:  # the connection is the corpus's
        return None

    # ------------------------------------------------------------------ keeping in step
    def refresh(self, *, full: bool = False) -> Drift:
        return Drift()

    def check(self) -> Drift:
        return Drift()

    def verify(self, record_ids: list[str]) -> bool:
        return False

    def broken(self) -> dict[str, str]:
        return {}

    def put(self, record: Any) -> None:  # PgCorpus.save writes the rows in its transaction
        return None

    def remove(self, record_id: str) -> None:
        self.corpus.remove(record_id)

    def rebuild(self, progress: Progress | None = None, *, jobs: int = 1) -> int:
        """Derive every record's rows afresh from its TEI, one transaction per record (the
        word counts are recounted at the end, in one transaction)."""
        from transcite.storage.pg import rows

        ids = self.corpus.ids()
        for k, record_id in enumerate(ids, 1):
            with self.corpus.locked(record_id):
                data = self.corpus.tei(record_id)
                item = rows.stored(data, self.corpus.file_for(record_id))
                self._conn.execute("DELETE FROM versions WHERE record_id = %s", (record_id,))
                rows.write(self._conn, item, Counter())
            if progress is not None and (k % 100 == 0 or k == len(ids)):
                progress(k, len(ids))
        with self._conn.transaction():
            self._conn.execute("LOCK TABLE terms IN EXCLUSIVE MODE")
            counts: Counter[str] = Counter()
            for (text,) in self._conn.execute("SELECT text FROM blocks WHERE current"):
                counts.update(set(index_words(text)))
            self._conn.execute("DELETE FROM terms")
            rows.apply_terms(self._conn, counts)
        return len(ids)

    # ------------------------------------------------------------------ reading
    def ids(self) -> list[str]:
        ids: list[str] = self.corpus.ids()
        return ids

    def records(self, query: ListQuery | None = None) -> list[RecordSummary]:
        where, args, order = list_sql(query or ListQuery())
        return self._summaries(where, args, order)

    def listing(self, query: ListQuery | None = None) -> list[tuple[str, str, str]]:
        where, args, order = list_sql(query or ListQuery())
        return [tuple(r) for r in self._conn.execute(
            f"SELECT id, title, listing FROM records WHERE {where} ORDER BY {order}", args
        )]

    def listing_output(self, query: ListQuery, fmt: str) -> bytes:
        """The whole output of ``list`` (``fmt``: "text" or "json"; UTF-8, no final newline),
        kept in the database when unfiltered (:mod:`transcite.storage.pg.listing`)."""
        from transcite.storage.pg.listing import output

        return output(self._conn, query, fmt)

    def records_json(self, query: ListQuery | None = None) -> list[str]:
        from transcite.storage.index import summary_json_text

        return [summary_json_text(s.to_json()) for s in self.records(query)]

    def summaries(self, ids: list[str]) -> list[RecordSummary]:
        found = {s.id: s for s in self._summaries("id = ANY(%s)", [ids], "id")}
        return [found[i] for i in ids if i in found]

    def _summaries(self, where: str, args: list[Any], order: str) -> list[RecordSummary]:
        return [
            RecordSummary(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])),
                tuple(json.loads(r[8])), r[9], r[10], r[11], r[12],
            )
            for r in self._conn.execute(
                f"SELECT {_SUMMARY} FROM records WHERE {where} ORDER BY {order}", args
            )
        ]

    def blocks_of(self, record_id: str) -> list[BlockText]:
        return [BlockText(*r) for r in self._conn.execute(
            f"SELECT {_BLOCK} FROM blocks WHERE record_id = %s AND current ORDER BY seq",
            (record_id,),
        )]

    def candidates(
        self, words: list[str], *, limit: int, record_id: str | None = None
    ) -> list[BlockText]:
        if record_id is not None:
            return [b for b in self.blocks_of(record_id) if b.kind != "label"]
        from transcite.storage.sqlite_search import WIDEN

        if not self._serial:
            # the candidate queries read at most ROW_BUDGET rows: the parallel workers the
            # planner starts for them cost the server more CPU than they save (measured:
            # half of its CPU per find at 10,000 records, bench/bench_pg_find.py)
            self._conn.execute("SET max_parallel_workers_per_gather = 0")
            self._serial = True
        ranked = self._rare(words, limit * WIDEN)
        if ranked is None:
            ranked = self._phrases(words, limit)
        if not ranked:
            ranked = self._similar(words, limit)
        if not ranked:
            return []
        found = {r[0]: BlockText(*r[1:]) for r in self._conn.execute(
            f"SELECT bid, {_BLOCK} FROM blocks WHERE bid = ANY(%s)", (ranked,)
        )}
        blocks = [found[r] for r in ranked if r in found]
        if len(blocks) > limit:
            wanted = set(words)
            shared = {id(b): len(wanted.intersection(index_words(b.text))) for b in blocks}
            blocks = sorted(blocks, key=lambda b: -shared[id(b)])[:limit]
        return blocks

    def _rare(self, words: list[str], limit: int) -> list[int] | None:
        """Blocks ranked by the rare query words they hold and by the two-word phrases of
        the query around its rarest words; ``None`` when there are neither (the rule of
        :func:`transcite.storage.sqlite_search.rank_by_rare_words`, its words and weights
        from :func:`~transcite.storage.sqlite_search.weighted_terms`, on the tsvector
        index: a phrase is ``a <-> b``)."""
        from transcite.storage.sqlite_search import weighted_terms

        distinct = list(dict.fromkeys(words))
        frequency = dict(self._conn.execute(
            "SELECT term, df FROM terms WHERE term = ANY(%s)", (distinct,)
        ).fetchall())
        total = (self._conn.execute("SELECT max(bid) FROM blocks").fetchone()[0] or 0) + 1
        chosen, phrases = weighted_terms(words, frequency, total)
        searches = [(_lexeme(w), weight) for w, weight in chosen]
        searches += [(f"{_lexeme(a)} <-> {_lexeme(b)}", weight) for a, b, weight in phrases]
        if not searches:
            return None
        parts = " UNION ALL ".join(
            "SELECT bid, %s::float8 AS w FROM blocks WHERE current AND kind <> 'label' "
            "AND tsv @@ %s::tsquery" for _ in searches
        )
        args: list[Any] = []
        for expression, w in searches:
            args += [w, expression]
        ranked = [r[0] for r in self._conn.execute(
            f"SELECT bid FROM ({parts}) AS hits GROUP BY bid ORDER BY sum(w) DESC, bid "
            "LIMIT %s", (*args, limit),
        )]
        return ranked if ranked or chosen else None

    def _phrases(self, words: list[str], limit: int) -> list[int]:
        """A query of common words: the OR of its 3-word phrases, best ranked first."""
        size = min(3, len(words))
        grams = dict.fromkeys(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
        query = " | ".join(
            "(" + " <-> ".join(_lexeme(w) for w in gram) + ")" for gram in grams
        )
        return [r[0] for r in self._conn.execute(
            "SELECT bid FROM blocks WHERE current AND kind <> 'label' AND tsv @@ %s::tsquery "
            "ORDER BY ts_rank(tsv, %s::tsquery) DESC, bid LIMIT %s", (query, query, limit),
        )]

    def _similar(self, words: list[str], limit: int) -> list[int]:
        """The blocks whose words are most like the query's (pg_trgm word similarity)."""
        text = " ".join(words)
        with self._conn.transaction():
            self._conn.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.3")
            return [r[0] for r in self._conn.execute(
                "SELECT bid FROM blocks WHERE current AND kind <> 'label' AND %s <%% terms "
                "ORDER BY %s <<-> terms, bid LIMIT %s", (text, text, limit),
            )]


def _lexeme(word: str) -> str:
    """A folded word as a tsquery lexeme, quoted (words are letters and digits only)."""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"
