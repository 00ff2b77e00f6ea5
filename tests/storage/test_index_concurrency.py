"""Concurrent writers lose nothing, and the index stays in step (processes, not threads)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from transcite.compare.revise import revise_record
from transcite.core.model import Paragraph, Record
from transcite.storage.corpus import Corpus
from transcite.storage.sqlite_index import SqliteIndex

from conftest import SEED_ID

PROCESSES = 8
REVISES = 50


def _small(texts: Path) -> Record:
    """The seed's metadata with one short paragraph: 400 versions stay a small file."""
    seed = Corpus(texts).load(SEED_ID)
    return seed._replace(id="small", blocks=(Paragraph("p1", 1, "Version zero of the text."),))


def _run_all(workers: list[multiprocessing.process.BaseProcess]) -> None:
    """Start the workers and wait for each; none is left running if one fails."""
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(1800)
            assert worker.exitcode == 0
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()


def _index_now(texts: Path) -> None:
    """Index the fixture's seed record (copied in behind the index's back)."""
    index = SqliteIndex(str(texts))
    index.refresh(full=True)
    index.close()


def _reviser(root: str, worker: int) -> None:
    corpus = Corpus(root)
    for k in range(REVISES):
        with corpus.locked("small"):
            record = corpus.load("small")
            text = f"Version {k} of writer {worker}: {record.version} came before."
            capture = record._replace(blocks=(Paragraph("p1", 1, text),), earlier=(),
                              revisions=())
            corpus.save(revise_record(record, capture, f"w{worker}-{k}", None).record,
                        force=True)


@pytest.mark.slow
def test_eight_processes_fifty_revises_each_lose_no_version(
    texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 400 writes one after the other: on a loaded machine a writer may wait minutes
    monkeypatch.setenv("TRANSCITE_LOCK_TIMEOUT", "1800")
    corpus = Corpus(texts)
    _index_now(texts)
    corpus.save(_small(texts))
    context = multiprocessing.get_context("fork")
    _run_all([context.Process(target=_reviser, args=(str(texts), w))
              for w in range(PROCESSES)])
    record = corpus.load("small")
    total = PROCESSES * REVISES
    assert record.version == total + 1
    assert [r.n for r in record.revisions] == list(range(1, total + 2))
    assert [v.n for v in record.earlier] == list(range(1, total + 1))
    # every writer's every revise is one of the versions
    texts_seen = {b.text for v in record.earlier for b in v.blocks} | {record.blocks[0].text}
    for w in range(PROCESSES):
        for k in range(REVISES):
            assert any(t.startswith(f"Version {k} of writer {w}:") for t in texts_seen), (w, k)
    index = SqliteIndex(str(texts))
    try:
        assert not index.check()
        assert {s.id: s.version for s in index.records()} == {SEED_ID: 1, "small": total + 1}
    finally:
        index.close()


def _ingester(root: str, worker: int) -> None:
    corpus = Corpus(root)
    seed = corpus.load(SEED_ID)
    for k in range(10):
        corpus.save(seed._replace(id=f"w{worker}-{k}", title=f"Writer {worker} record {k}"))


def test_concurrent_ingests_keep_the_index_whole(texts: Path) -> None:
    _index_now(texts)
    context = multiprocessing.get_context("fork")
    _run_all([context.Process(target=_ingester, args=(str(texts), w)) for w in range(4)])
    index = SqliteIndex(str(texts))
    try:
        # every write was indexed by its writer: nothing for a full look to add
        assert not index.check()
        titles = {s.id: s.title for s in index.records()}
        db = index._db
        assert db.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
    finally:
        index.close()
    assert len(titles) == 41
    assert titles["w3-9"] == "Writer 3 record 9"
    assert sorted(os.listdir(texts / ".transcite")) == ["index.sqlite", "locks"]
