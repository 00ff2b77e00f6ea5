"""``transcite find`` and the find API: each seed paragraph found from a misremembered excerpt."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.core.errors import UsageError
from transcite.find import Hit, cite_hit, find
from transcite.quote.sentences import split_sentences
from transcite.storage.corpus import Corpus

from citing import cited
from conftest import ROOT, SEED_ID, SEED_TITLE

Run = Callable[..., Result]


@pytest.fixture
def run(run: Run, corpus: Corpus) -> Run:
    """Every test here runs on both corpus backends: ``run`` works on the ``corpus`` fixture
    (the folder, or a PostgreSQL database holding the same records)."""
    return run
#: words put in place of two words of each excerpt (none of them is in the seed)
STAND_INS = ("zebra", "quartz")


def _hits(corpus: Corpus, query: str, **kwargs: object) -> list[Hit]:
    index = corpus.index()
    try:
        return find(index, query, **kwargs)  # type: ignore[arg-type]
    finally:
        index.close()


def _excerpt(text: str, start: int) -> tuple[str, list[str]]:
    """Twelve words of ``text`` from word ``start``, the 3rd and 9th replaced."""
    words = text.split()[start : start + 12]
    original = list(words)
    words[2], words[8] = STAND_INS
    return " ".join(words), original


def test_each_seed_paragraph_is_found_from_twelve_words_with_two_changed(corpus: Corpus) -> None:
    """The issue's acceptance test: the expected answer is where the excerpt was cut from."""
    record = corpus.load(SEED_ID)
    assert len(record.paragraphs) == 16
    for paragraph in record.paragraphs:
        words = paragraph.text.split()
        start = max(0, (len(words) - 12) // 2)
        query, original = _excerpt(paragraph.text, start)
        hits = _hits(corpus, query)
        assert hits, query
        top = hits[0]
        assert (top.record_id, top.block_id) == (SEED_ID, paragraph.id), query
        removed = [p.text.strip() for p in top.diff if p.op == "delete"]
        inserted = [p.text.strip() for p in top.diff if p.op == "insert"]
        assert removed == list(STAND_INS), (query, top.diff)
        assert inserted == [original[2].strip(".,"), original[8].strip(".,")] or all(
            w in " ".join(original) for w in inserted
        ), (query, top.diff)
        assert top.matched in paragraph.text


def test_the_ref_names_the_sentences_of_the_match(corpus: Corpus) -> None:
    record = corpus.load(SEED_ID)
    p3 = record.block("p3")
    assert p3 is not None and p3.kind == "paragraph"
    sentences = split_sentences(p3.text)  # type: ignore[union-attr]
    second = sentences[1].text
    hit = _hits(corpus, second)[0]
    assert (hit.ref, hit.score, hit.matched, hit.exact) == (f"{SEED_ID}#p3:s2", 100.0, second,
                                                           True)
    both = sentences[1].text.split()[-4:] + sentences[2].text.split()[:5]
    assert _hits(corpus, " ".join(both))[0].ref == f"{SEED_ID}#p3:s2-3"


def test_captions_are_found(corpus: Corpus) -> None:
    hit = _hits(corpus, "pose for a photo op")[0]
    assert hit.ref == f"{SEED_ID}#fig1"
    assert hit.kind == "figure"


@pytest.mark.parametrize(
    "query",
    [
        'a "deal of the century" to resolve the Israeli-Palestinian conflict',  # straight quotes
        "A “DEAL OF THE CENTURY” TO RESOLVE THE ISRAELI–PALESTINIAN CONFLICT",  # case, en dash
        "a “deal of the centúry” to resolve the Israéli-Palestinian conflict",  # diacritics
    ],
)
def test_quotes_dashes_case_and_accents_do_not_count(corpus: Corpus, query: str) -> None:
    hit = _hits(corpus, query)[0]
    assert hit.ref == f"{SEED_ID}#p1:s2"
    assert hit.score == 100.0
    assert hit.matched == (
        "a “deal of the century” to resolve the Israeli-Palestinian conflict"
    )


def test_limit_and_record(corpus: Corpus) -> None:
    assert len(_hits(corpus, "Taliban", limit=2)) == 2
    assert _hits(corpus, "negotiations", record_id=SEED_ID)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("the of and", "find: 'the of and' holds only common words (the, of, and); give words "
                       "particular to the passage"),
        ("… — !", "find: '… — !' has no words to look for; give a phrase from the passage"),
        ("", "find: '' has no words to look for; give a phrase from the passage"),
    ],
)
def test_queries_with_nothing_to_look_for_are_refused(
    run: Run, corpus: Corpus, query: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        _hits(corpus, query)
    assert caught.value.message == message
    result = run("find", query)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_cli_text(run: Run) -> None:
    result = run("find", "taken part in a lively contest to assert their influance")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{SEED_ID}#p1:s3  ")
    assert lines[1] == f"  {SEED_TITLE} — by Dmitry Kartsev, translated by Hilah Kohen"
    assert lines[2] == (
        "  taken part in a lively contest to assert their [-influance-]{+influence+}"
    )


def test_cli_json_is_the_library_json(run: Run, corpus: Corpus) -> None:
    query = "the most important episodes of that ongoing diplomatic game"
    result = run("find", query, "--format", "json", "--style", "apa", "--limit", "3")
    assert result.exit_code == 0
    hits = _hits(corpus, query, limit=3)
    record = corpus.load(SEED_ID)
    assert json.loads(result.stdout) == [h.to_json(cite_hit(record, h, "apa")) for h in hits]
    first = json.loads(result.stdout)[0]
    assert first["ref"] == f"{SEED_ID}#p1:s4"
    assert first["citation"] == cited(record, f"{SEED_ID}#p1")
    assert first["diff"] == [["equal", "the most important episodes of that ongoing diplomatic "
                                       "game"]]


def test_cli_style_for_a_notes_style(run: Run) -> None:
    result = run("find", "ongoing diplomatic game", "--style", "chicago-notes", "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("  Dmitry Kartsev, “Russia and the U.S.")


def test_nothing_found_exits_1(run: Run) -> None:
    result = run("find", "zebra quartz xylophone marmalade")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "note: no paragraph or caption matches\n"


def test_unknown_record_and_style(run: Run) -> None:
    result = run("find", "Taliban", "--record", "nope")
    assert result.exit_code == 2 and "no record 'nope'" in result.stderr
    result = run("find", "Taliban", "--style", "nope")
    assert result.exit_code == 2 and result.stderr.startswith("Error: unknown style 'nope'")


def test_a_query_of_common_words_only_asks_for_its_phrases(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When every word is in too many blocks to read them all, the FTS5 phrase query (BM25)
    picks the candidates instead, or PostgreSQL's phrase query (``<->``, ranked by
    ``ts_rank``) (here: every word counts as common; the one budget both backends read)."""
    from transcite.storage import sqlite_search

    monkeypatch.setattr(sqlite_search, "ROW_BUDGET", 0)
    hit = _hits(corpus, "more important to them to speak with representatives of the Taliban")[0]
    assert hit.ref == f"{SEED_ID}#p3:s4"
    assert hit.exact


@pytest.mark.parametrize("order", [("copy-b", "copy-a"), ("copy-a", "copy-b")])
def test_equal_scores_rank_by_record_id_whatever_the_order_of_indexing(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    """Two copies of the seed hold the passage word for word: they tie on score, and the one
    with the smaller id comes first however the index was filled (it used to be the order
    the records were indexed in, so a rebuilt index could answer in another order)."""
    seed = Corpus(ROOT / "texts").load(SEED_ID)
    folder = tmp_path / "texts"
    folder.mkdir()
    corpus = Corpus(folder)
    for record_id in order:
        corpus.save(seed._replace(id=record_id))
        # an older file: ``find`` does not read it again (it would, written < 2 s ago)
        os.utime(corpus.path_for(record_id), (time.time() - 60, time.time() - 60))
        corpus.index().close()  # indexed one after the other
    hits = _hits(corpus, "American news sources began reporting that Trump’s administration")
    assert [h.record_id for h in hits[:2]] == ["copy-a", "copy-b"]
    assert hits[0].score == hits[1].score == 100
