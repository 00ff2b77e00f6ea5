"""A rebuild reads its word counts from the full-text index (storage.sqlite_terms): they are
the counts of the words ``find`` uses (storage.index.folded_words), whatever the texts."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.model import Paragraph
from transcite.storage import index_files
from transcite.storage.corpus import Corpus
from transcite.storage.index import fold, folded_words
from transcite.storage.sqlite_index import SqliteIndex
from transcite.storage.sqlite_rows import store_terms
from transcite.storage.sqlite_schema import create, feed_fts
from transcite.storage.sqlite_terms import SHORT, TermCounts
from transcite.storage.tei import record_to_bytes

from conftest import SEED_ID

#: characters FTS5's tokenizer and folded_words split otherwise: µ (FTS5 folds it to μ), a
#: combining acute accent (FTS5 drops it inside a word, joining the word around it), the long
#: s (FTS5 folds it to s)
OTHERWISE = "µ\u0301ſ"
#: and some they split alike: ligatures, titlecase, superscripts, letters of other scripts
HOSTILE = OTHERWISE + "ﬁǅß_²①٣ĳ"
ALPHABET = st.sampled_from(
    [*"ab éÖ", *HOSTILE, "–", "’", "“", "\u00a0", "\t", "мир", "Ёж", "東京", "α"]
)
TEXTS = st.lists(st.lists(ALPHABET, max_size=30).map("".join), max_size=8)


def _python_counts(folded: list[str]) -> dict[str, int]:
    df: Counter[str] = Counter()
    for text in folded:
        df.update(set(folded_words(text)))
    return dict(df)


def _terms_of_blocks(folded: list[str], counts: TermCounts) -> dict[str, int]:
    """The terms table of an index made as a rebuild makes it, of blocks with these texts."""
    db = create(":memory:", "texts", scratch=True)
    db.executemany(
        "INSERT INTO blocks(record_id, block_id, kind, text, folded) "
        "VALUES ('r', ?, 'paragraph', ?, ?)",
        [(f"p{k}", text, text) for k, text in enumerate(folded, 1)],
    )
    feed_fts(db, 0)
    counts.add(folded)
    store_terms(db, counts.python, counts.fts())
    terms = dict(db.execute("SELECT term, df FROM terms").fetchall())
    db.close()
    return terms


@given(TEXTS)
def test_the_counts_are_those_of_folded_words(texts: list[str]) -> None:
    folded = [fold(text) for text in texts]
    assert _terms_of_blocks(folded, TermCounts()) == _python_counts(folded)


@pytest.mark.parametrize("text", [*OTHERWISE, "a" * 40_000])
def test_a_text_fts5_splits_otherwise_is_counted_in_python(text: str) -> None:
    folded = [fold(f"one a{text}a two"), "one two"]
    counts = TermCounts()
    assert not counts.alike(folded[0])
    assert counts.alike(folded[1])
    assert _terms_of_blocks(folded, counts) == _python_counts(folded)
    assert counts.python == Counter(set(folded_words(folded[0])))  # the first block only


def test_plain_text_is_left_to_fts5() -> None:
    counts = TermCounts()
    text = fold("Négociations “in Moscow” — 12 talks, a ‘deal’ of the century; ёж. " * 150)
    assert len(text) > SHORT  # long, but no word is
    assert counts.alike(text)
    assert _terms_of_blocks([text, text], counts) == _python_counts([text, text])
    assert not counts.python


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_rebuild_counts_as_keeping_in_step_does(
    texts: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The same folder indexed record by record (refresh: words counted in Python) and rebuilt
    (counts from FTS5, in worker processes with jobs 2) gives the same terms table."""
    corpus = Corpus(texts)
    seed = corpus.load(SEED_ID)
    for k, word in enumerate([*HOSTILE, "a" * 9_000, "plain words"]):
        blocks = (Paragraph("p1", 1, f"Some {word} text {k}"),
                  Paragraph("p2", 2, "Ёж and ſ" if k % 2 else "Ёж and plain"))
        (texts / f"r{k}.xml").write_bytes(record_to_bytes(seed._replace(id=f"r{k}",
                                                                        blocks=blocks)))
    monkeypatch.setattr(index_files, "PARALLEL_FROM", 2)
    index = SqliteIndex(str(texts), jobs=jobs)
    try:
        index.refresh(full=True)
        kept = dict(index._db.execute("SELECT term, df FROM terms").fetchall())
        assert index.rebuild() == len(HOSTILE) + 3
        rebuilt = dict(index._db.execute("SELECT term, df FROM terms").fetchall())
    finally:
        index.close()
    assert rebuilt == kept
    assert kept["µ"] == 1 and "μ" not in kept  # the word as find folds it, not as FTS5 does
    db = sqlite3.connect(texts / ".transcite" / "index.sqlite")
    assert dict(db.execute("SELECT term, df FROM terms").fetchall()) == kept
    db.close()
