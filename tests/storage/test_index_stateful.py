"""The index agrees with the folder after any sequence of writes and edits behind its back
(Hypothesis stateful testing): ingest, revise, delete, edit in place, replace by rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from transcite.compare.revise import revise_record
from transcite.core.errors import TransciteError
from transcite.core.model import Paragraph, Record
from transcite.storage.corpus import Corpus
from transcite.storage.index import ListQuery, RecordSummary, words
from transcite.storage.sqlite_index import SqliteIndex
from transcite.storage.sqlite_rows import make_listing
from transcite.storage.tei import record_to_bytes

from conftest import ROOT, SEED_ID

IDS = st.sampled_from(["a", "b", "c", "d"])
WORDS = st.lists(
    st.sampled_from(["taliban", "moscow", "zürich", "négociation", "deal", "century", "the",
                     "of", "kabul", "hamas", "“quoted”", "—", "talks"]),
    min_size=3, max_size=12,
).map(lambda ws: " ".join(ws).capitalize() + ".")
SEED = Corpus(ROOT / "texts").load(SEED_ID)


def _record(record_id: str, title: str, texts: list[str]) -> Record:
    blocks = tuple(Paragraph(f"p{k}", k, text) for k, text in enumerate(texts, 1))
    return SEED._replace(id=record_id, title=title, blocks=blocks)


class IndexMachine(RuleBasedStateMachine):
    """The model is the folder itself: after every step the index, brought up to date,
    must hold exactly what parsing every file gives."""

    @initialize()
    def make_folder(self) -> None:
        self.root = tempfile.mkdtemp(prefix="transcite-index-")
        self.corpus = Corpus(self.root)
        self.index = SqliteIndex(self.root, jobs=1)

    def teardown(self) -> None:
        self.index.close()
        shutil.rmtree(self.root)

    def _path(self, record_id: str) -> str:
        return os.path.join(self.root, f"{record_id}.xml")

    @rule(record_id=IDS, title=WORDS, texts=st.lists(WORDS, min_size=1, max_size=3))
    def ingest(self, record_id: str, title: str, texts: list[str]) -> None:
        self.corpus.save(_record(record_id, title, texts), force=True)

    @rule(record_id=IDS, texts=st.lists(WORDS, min_size=1, max_size=3))
    def revise(self, record_id: str, texts: list[str]) -> None:
        try:
            record = self.corpus.load(record_id)
        except TransciteError:
            return  # absent or broken: revise refuses it and writes nothing
        capture = _record(record_id, record.title, texts)
        if [b.text for b in capture.blocks] == [b.text for b in record.paragraphs]:
            return
        self.corpus.save(revise_record(record, capture, "capture", None).record, force=True)

    @rule(record_id=IDS)
    def delete_behind_its_back(self, record_id: str) -> None:
        if os.path.exists(self._path(record_id)):
            os.unlink(self._path(record_id))

    @rule(record_id=IDS, title=WORDS, texts=st.lists(WORDS, min_size=1, max_size=3),
          in_place=st.booleans())
    def edit_behind_its_back(
        self, record_id: str, title: str, texts: list[str], in_place: bool
    ) -> None:
        data = record_to_bytes(_record(record_id, title, texts))
        if in_place:
            with open(self._path(record_id), "wb") as out:
                out.write(data)
        else:
            with open(self._path(record_id) + ".new", "wb") as out:
                out.write(data)
            os.replace(self._path(record_id) + ".new", self._path(record_id))

    @rule(record_id=IDS)
    def break_behind_its_back(self, record_id: str) -> None:
        with open(self._path(record_id), "wb") as out:
            out.write(b"<TEI>cut off")

    @rule()
    def list_it(self) -> None:
        """``list``: keeps its output in the index, which every later change must drop."""
        for fmt in ("text", "json"):
            self.index.listing_output(ListQuery(), fmt)

    @invariant()
    def index_is_the_folder(self) -> None:
        if not hasattr(self, "index"):
            return
        self.index.refresh(full=True)
        expected, broken = {}, set()
        for name in sorted(os.listdir(self.root)):
            if not name.endswith(".xml"):
                continue
            try:
                record = self.corpus.load(name[:-4])
            except Exception:
                broken.add(name[:-4])
                continue
            expected[record.id] = RecordSummary.of(record)
        assert {s.id: s for s in self.index.records()} == expected
        assert set(self.index.broken()) == broken
        blocks = {
            (b.record_id, b.block_id): b.text
            for record_id in expected for b in self.index.blocks_of(record_id)
        }
        assert blocks == {
            (r, b.id): b.text if b.kind != "figure" else b.caption  # type: ignore[union-attr]
            for r in expected for b in self.corpus.load(r).blocks
        }
        df: Counter[str] = Counter()
        for text in blocks.values():
            df.update(set(words(text)))
        db = self.index._db
        assert dict(db.execute("SELECT term, df FROM terms").fetchall()) == dict(df)
        db.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        assert not self.index.check()
        for fmt in ("text", "json"):  # a kept listing is what the records give now
            assert self.index.listing_output(ListQuery(), fmt) == make_listing(db, fmt)


# examples come from the profile (tests/README.md); each example is a sequence of 12 steps
IndexMachine.TestCase.settings = settings(settings.default, stateful_step_count=12)
TestIndexMachine = pytest.mark.slow(IndexMachine.TestCase)
