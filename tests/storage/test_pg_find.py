"""``find`` on PostgreSQL picks its candidates by the SQLite index's rule: among many blocks
holding the same rare words, the one holding them in the query's order comes first (the
two-word phrases around the query's rarest words), on both backends."""

from __future__ import annotations

from pathlib import Path

from transcite.core.model import Paragraph
from transcite.find import find
from transcite.storage.corpus import Corpus
from transcite.storage.pg.copy import to_database
from transcite.storage.pg.corpus import PgCorpus
from transcite.storage.tei import record_from_bytes, record_to_bytes

from conftest import ROOT, SEED_ID

APART = "Quorvandel spoke first in the hall, and much later the minister named Zelbrik."
TOGETHER = "In the hall the minister named Quorvandel Zelbrik spoke first, and much later."
#: more blocks than the candidates read (4 x 12 on both backends; 16 x 12 on PostgreSQL
#: before), the one in the query's order last by id
TIES = 250


def test_the_blocks_in_the_querys_order_come_first_on_both_backends(
    tmp_path: Path, pg_url: str
) -> None:
    seed = record_from_bytes((ROOT / "texts" / f"{SEED_ID}.xml").read_bytes(), SEED_ID)
    folder = tmp_path / "ties"
    folder.mkdir()
    for k in range(TIES):
        text = TOGETHER if k == TIES - 1 else APART
        record = seed._replace(id=f"tie-{k:03d}", blocks=(Paragraph("p1", 1, text),))
        (folder / f"{record.id}.xml").write_bytes(record_to_bytes(record))
    expected = f"tie-{TIES - 1:03d}"
    index = Corpus(folder).index()
    try:
        hits = find(index, "quorvandel zelbrik", limit=3)
    finally:
        index.close()
    assert [(h.record_id, h.score) for h in hits[:1]] == [(expected, 100.0)]
    corpus = PgCorpus(pg_url)
    try:
        assert to_database(str(folder), corpus).count == TIES
        hits = find(corpus.index(), "quorvandel zelbrik", limit=3)
    finally:
        corpus.close()
    assert [(h.record_id, h.score) for h in hits[:1]] == [(expected, 100.0)]
