"""``corpus copy`` of a folder into a database, in batches: the word counts (``terms``) it
leaves are the records' own, counted here from the files, whether the database was empty
(one transaction, the counts written once at the end) or not (a transaction per batch); and
into an empty database each word's row is written once, so that the copy does not grow with
the square of the records (each batch's update left a row version that every later update
walked)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcite.cli.main import cli
from transcite.storage.index import words
from transcite.storage.pg import copy
from transcite.storage.pg.copy import to_database
from transcite.storage.pg.corpus import PgCorpus
from transcite.storage.tei import record_from_bytes

from conftest import DATA, SEED_ID

CHECK = DATA / "check"


@pytest.fixture
def folder(texts: Path) -> Path:
    """Three records, one of them with two versions (its first version's words are not
    counted: only current blocks are)."""
    for step in (
        ["ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour"],
        ["ingest", str(DATA / "bilingual" / "library-ru.txt"), "--id", "library-ru",
         "--language", "ru"],
        ["revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt")],
    ):
        result = CliRunner().invoke(cli, [*step, "--texts", str(texts)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    shutil.rmtree(texts / ".transcite", ignore_errors=True)
    return texts


def _counted(folder: Path) -> dict[str, int]:
    """Blocks per word over the current blocks of the records' files."""
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("*.xml")):
        record = record_from_bytes(path.read_bytes(), str(path))
        for block in record.blocks:
            counts.update(set(words(block.caption if block.kind == "figure"  # type: ignore[union-attr]
                                    else block.text)))  # type: ignore[union-attr]
    return dict(counts)


def _terms(corpus: PgCorpus) -> dict[str, int]:
    return dict(corpus.conn.execute("SELECT term, df FROM terms").fetchall())


@pytest.mark.parametrize("empty", [True, False], ids=["into an empty database", "batches"])
def test_the_word_counts_are_the_records(
    folder: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, empty: bool
) -> None:
    monkeypatch.setattr(copy, "BATCH", 1)  # a batch per record
    corpus = PgCorpus(pg_url)
    try:
        if not empty:  # one record first: the rest then goes in batches
            first = tmp_path / "first"
            first.mkdir()
            shutil.copy(folder / "library-ru.xml", first)
            assert to_database(str(first), corpus).count == 1
        assert to_database(str(folder), corpus, force=True).count == 3
        assert _terms(corpus) == _counted(folder)
        assert corpus.conn.execute("SELECT count(*) FROM blocks WHERE NOT current").fetchone() \
            == (len(record_from_bytes((folder / f"{SEED_ID}.xml").read_bytes(), "").earlier[0]
                    .blocks),)
    finally:
        corpus.close()


def test_into_an_empty_database_each_word_is_written_once(
    folder: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copy, "BATCH", 1)
    corpus = PgCorpus(pg_url)
    try:
        shared = set(_counted(folder)) & {"the", "and", "of"}
        assert shared  # words of several batches: written batch by batch, rows updated
        assert to_database(str(folder), corpus).count == 3
        conn = corpus.conn
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        # no row version left behind by an update (autovacuum cannot have removed one yet:
        # the table is far under its thresholds)
        assert conn.execute("SELECT dead_tuple_count FROM pgstattuple('terms')").fetchone() \
            == (0,)
        assert _terms(corpus) == _counted(folder)
    finally:
        corpus.close()
