"""Locating a quotation whose words are much changed, and the cited record as a hint.

The expected words, REFs and verdicts are written by hand from the seed's text
(texts/kartsev-islamists.xml): p1's third sentence reads “In the last several months, Moscow
and Washington have taken part in a lively contest to assert their influence in Middle Eastern
conflicts, often by entering talks …”.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from transcite.check.verdict import ACCEPT, locate, realign
from transcite.find import find
from transcite.storage.corpus import Corpus

Run = Callable[..., Result]
K = "kartsev-islamists"
#: four pairs of neighbouring words swapped: find's own word diff of this against p1 keeps
#: almost no word in common (a cleaned-up diff), though 7 of its 11 words are in order there
SWAPPED = "a contest lively to their assert influence Middle in conflicts Eastern"
SOURCE = "a lively contest to assert their influence in Middle Eastern conflicts"


def _text_of(corpus: Corpus) -> Callable[[str, str], str | None]:
    def text_of(record_id: str, block_id: str) -> str | None:
        for block in corpus.load(record_id).blocks:
            if block.id == block_id:
                return getattr(block, "text", None)
        return None
    return text_of


def test_realign_finds_the_words_a_swapped_quotation_stands_for(texts: Path) -> None:
    corpus = Corpus(texts)
    index = corpus.index()
    try:
        hit = find(index, SWAPPED, limit=1, min_score=0)[0]
        text = _text_of(corpus)(hit.record_id, hit.block_id)
        assert text is not None
        moved, share = realign(hit, SWAPPED, text)
    finally:
        index.close()
    assert (moved.ref, moved.matched) == (f"{K}#p1:s3", SOURCE)
    # in order: a, lively|contest, to, assert|their, influence, in|Middle, Eastern|conflicts
    assert share == 7 / 11


def test_a_swapped_quotation_is_altered_not_not_found(texts: Path, run: Run,
                                                     tmp_path: Path) -> None:
    draft = tmp_path / "swapped.md"
    draft.write_text(f"Kartsev writes of “{SWAPPED}” (Kartsev, n.d., para. 1).\n",
                     encoding="utf-8")
    result = run("check", str(draft), "--format", "json")
    assert result.exit_code == 1
    quotation = json.loads(result.stdout)["quotations"][0]
    assert (quotation["verdict"], quotation["ref"], quotation["source"]) == (
        "altered", f"{K}#p1:s3", SOURCE)


class _Blind:
    """The real index, except that a search across the corpus finds no candidate (as when
    the blocks sharing a short quotation's rare words crowd out the one quoted)."""

    def __init__(self, index: Any) -> None:
        self._index = index

    def candidates(self, words: list[str], *, limit: int, record_id: str | None = None
                   ) -> list[Any]:
        if record_id is None:
            return []
        return self._index.candidates(words, limit=limit, record_id=record_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def test_the_cited_record_is_searched_when_the_corpus_search_finds_nothing(
        texts: Path) -> None:
    corpus = Corpus(texts)
    index = _Blind(corpus.index())
    quote = "the American contingent in Afghanistan is much weaker than its counterpart"
    try:
        unprompted = locate(index, quote, _text_of(corpus))
        cited = locate(index, quote, _text_of(corpus),
                       prefer=frozenset({K}))
        exact = locate(index, "much stronger than its counterpart in Syria",
                       _text_of(corpus), prefer=frozenset({K}))
    finally:
        index.close()
    assert unprompted.verdict == "not-found"
    # p7: “The American contingent in Afghanistan is much stronger than its counterpart …”
    assert (cited.verdict, cited.hit.ref if cited.hit else None) == ("altered", f"{K}#p7:s1")
    assert cited.support >= ACCEPT
    assert (exact.verdict, exact.hit.ref if exact.hit else None) == ("exact", f"{K}#p7:s1")
