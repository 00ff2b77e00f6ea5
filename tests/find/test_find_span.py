"""The words ``transcite find`` matches, the REF it gives and the differences it marks, for
queries with words changed, dropped or added.

The expected values are written by hand from the source text, tests/data/kartsev-islamists.txt
(the capture the seed record was made from): the paragraphs and their sentences are numbered
as a reader counts them there (p1 is "Russian-mediated negotiations …", p14 "Then, on the
first day of negotiations …"). Every expected matched stretch is checked to be in that file
word for word, and ``transcite check`` is checked to take the same words as its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.check.verdict import locate
from transcite.core.text import BEFORE_NAME, BEFORE_NUMBER, MAY_END
from transcite.find import Hit, find
from transcite.find.search import STOP_WORDS
from transcite.storage.corpus import Corpus
from transcite.storage.index import BlockText

from conftest import SEED_CAPTURE, SEED_ID

Run = Callable[..., Result]
SOURCE = " ".join(SEED_CAPTURE.read_text(encoding="utf-8").split())
WORD = re.compile(r"[^\W_]+")

#: (query, REF, the record's words matched, the query's words marked deleted, the record's
#: words marked inserted), each written from the source text
CASES = [
    pytest.param(  # one word changed
        "Moscow and Washington have taken part in a lively contest to assert their power in "
        "Middle Eastern conflicts",
        "p1:s3",
        "Moscow and Washington have taken part in a lively contest to assert their influence "
        "in Middle Eastern conflicts",
        ["power"], ["influence"], id="1-changed"),
    pytest.param(  # two
        "more vital to them to speak with delegates of the Taliban",
        "p3:s4", "more important to them to speak with representatives of the Taliban",
        ["vital", "delegates"], ["important", "representatives"], id="2-changed"),
    pytest.param(  # four (two of them side by side)
        "on the first day of talks, American news outlets started reporting that Trump’s "
        "government is preparing",
        "p14:s1",
        "on the first day of negotiations, American news sources began reporting that Trump’s "
        "administration is preparing",
        ["talks", "outlets", "started", "government"],
        ["negotiations", "sources", "began", "administration"], id="4-changed"),
    pytest.param(  # four, the last word of the query among them
        "a spirited contest to claim their power in Middle Eastern wars",
        "p1:s3", "a lively contest to assert their influence in Middle Eastern conflicts",
        ["spirited", "claim", "power", "wars"], ["lively", "assert", "influence", "conflicts"],
        id="4-changed-at-the-end"),
    pytest.param(  # six
        "Even the earliest signs that Trump intended to pull five thousand soldiers from "
        "Afghanistan in just a few weeks immediately opened the president up to criticism",
        "p7:s3",
        "Even the first hints that Trump planned to withdraw five thousand troops from "
        "Afghanistan in just a few months immediately opened the president up to criticism",
        ["earliest", "signs", "intended", "pull", "soldiers", "weeks"],
        ["first", "hints", "planned", "withdraw", "troops", "months"], id="6-changed"),
    pytest.param(  # the reading room's example: a word dropped
        "a lively contest to assert influence",
        "p1:s3", "a lively contest to assert their influence", [], ["their"], id="1-dropped"),
    pytest.param(
        "Moscow and Washington took part in a lively race to assert their sway",
        "p1:s3",
        "Moscow and Washington have taken part in a lively contest to assert their influence",
        ["took", "race", "sway"], ["have", "taken", "contest", "influence"],
        id="dropped-and-changed"),
    pytest.param(
        "Moscow and Washington have really taken part in a very lively contest",
        "p1:s3", "Moscow and Washington have taken part in a lively contest",
        ["really", "very"], [], id="2-inserted"),
    pytest.param(  # across a sentence boundary
        "passed before the next meeting took place in November 2018. At first, renewed talks "
        "had been planned for early September",
        "p3:s1-2",
        "passed before the next meeting took place in November 2018. At first, renewed "
        "negotiations had been planned for early September",
        ["talks"], ["negotiations"], id="2-sentences"),
    pytest.param(  # running into the next paragraph: its words are the query's own
        "experts are concerned that the Taliban will simply conquer Afghanistan as soon as the "
        "pullout of U.S. troops is complete. The Kremlin responded to",
        "p9:s2",
        "experts are concerned that the Taliban will simply conquer Afghanistan as soon as the "
        "withdrawal of U.S. troops is complete",
        ["pullout", "The", "Kremlin", "responded", "to"], ["withdrawal"],
        id="into-the-next-paragraph"),
    pytest.param(  # very short queries, one word each side of a word changed or none
        "lively contest", "p1:s3", "lively contest", [], [], id="2-words"),
    pytest.param("deal of the century", "p1:s2", "deal of the century", [], [],
                 id="4-words"),
    pytest.param("Foreign Minister Sergei Lavrov", "p16:s2", "Foreign Minister Sergei Lavrov",
                 [], [], id="a-name"),
    pytest.param("Lavrov limited his answer to a remark", "p16:s2",
                 "Lavrov limited his response to a remark", ["answer"], ["response"],
                 id="7-words-1-changed"),
]


def _hits(corpus: Corpus, query: str, **kwargs: Any) -> list[Hit]:
    index = corpus.index()
    try:
        return find(index, query, **kwargs)
    finally:
        index.close()


def _marked(hit: Hit, op: str) -> list[str]:
    return [w for p in hit.diff if p.op == op for w in WORD.findall(p.text)]


@pytest.mark.parametrize(("query", "ref", "matched", "deleted", "inserted"), CASES)
def test_find_marks_the_words_changed(corpus: Corpus, query: str, ref: str, matched: str,
                                      deleted: list[str], inserted: list[str]) -> None:
    assert matched in SOURCE  # the expectation is the source's words
    hit = _hits(corpus, query, limit=1)[0]
    assert (hit.ref, hit.matched) == (f"{SEED_ID}#{ref}", matched)
    assert (_marked(hit, "delete"), _marked(hit, "insert")) == (deleted, inserted)
    # the rest is the words in common, in the record's spelling
    kept = [w for p in hit.diff if p.op == "equal" for w in WORD.findall(p.text)]
    assert len(kept) == len(WORD.findall(matched)) - len(inserted)


def test_the_diff_shows_where_the_words_differ(corpus: Corpus) -> None:
    """The reading-room helper's query: the word left out is marked where it is missing,
    not a whole stretch replaced by another."""
    hit = _hits(corpus, "a lively contest to assert influence", limit=1)[0]
    assert [(p.op, p.text) for p in hit.diff] == [
        ("equal", "a lively contest to assert "), ("insert", "their "), ("equal", "influence"),
    ]


def test_the_cli_prints_the_words_and_the_ref(run: Run) -> None:
    result = run("find", "on the first day of talks, American news outlets started reporting "
                 "that Trump’s government is preparing", "--limit", "1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{SEED_ID}#p14:s1  75"
    assert lines[2] == (
        "  on the first day of [-talks-]{+negotiations+}, American news [-outlets started-]"
        "{+sources began+} reporting that Trump’s [-government-]{+administration+} is preparing"
    )


@pytest.mark.parametrize(("query", "ref", "matched", "deleted", "inserted"),
                         [c for c in CASES if c.values[3]])
def test_check_takes_the_words_find_matches(corpus: Corpus, query: str, ref: str,
                                            matched: str, deleted: list[str],
                                            inserted: list[str]) -> None:
    """``find`` and ``check`` agree: an altered quotation's source is find's hit, its REF and
    its differences."""
    def text_of(record_id: str, block_id: str) -> str | None:
        block = corpus.load(record_id).block(block_id)
        return getattr(block, "text", None)

    index = corpus.index()
    try:
        verdict = locate(index, query, text_of)
    finally:
        index.close()
    assert verdict.verdict == "altered"
    assert verdict.hit is not None
    hit = _hits(corpus, query, limit=1)[0]
    assert (verdict.hit.ref, verdict.source, verdict.diff) == (hit.ref, hit.matched, hit.diff)
    assert verdict.hit.ref == f"{SEED_ID}#{ref}"


# A paragraph of generated sentences, a query cut from it with words edited.


class _OneBlock:
    """An index whose one candidate is the generated paragraph (how candidates are found is
    tested elsewhere; here: what find makes of the block)."""

    def __init__(self, text: str) -> None:
        self.block = BlockText("gen", "p1", "paragraph", text, None)

    def candidates(self, words: list[str], *, limit: int,
                   record_id: str | None = None) -> list[BlockText]:
        return [self.block]

    def verify(self, record_ids: list[str]) -> bool:
        return False

    def summaries(self, ids: list[str]) -> list[Any]:
        return []


_NOT_WORDS = BEFORE_NAME | BEFORE_NUMBER | MAY_END | STOP_WORDS
#: distinct words: the paragraph's, then the ones put into the query
_words = st.lists(
    st.text(alphabet="bdfgklmnprstvz", min_size=2, max_size=4).map(lambda s: s + "a" + s[::-1])
    .filter(lambda w: w not in _NOT_WORDS),
    min_size=70, max_size=76, unique=True,
)


@st.composite
def _cut(draw: st.DrawFn) -> tuple[str, str, list[int], str, list[str], list[str]]:
    """A paragraph, a query cut from it with ``k`` word edits (1 to a quarter of its words, at
    least 1), the sentences the cut spans, the cut's words, and the words the edits put in and
    took out, in order."""
    words = draw(_words)
    sizes = draw(st.lists(st.integers(4, 12), min_size=2, max_size=5))
    assert sum(sizes) <= 60
    fresh = words[sum(sizes):]
    tokens: list[str] = []
    sentence_of: list[int] = []
    for n, size in enumerate(sizes, start=1):
        sentence = words[sum(sizes[: n - 1]) : sum(sizes[:n])]
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "."
        tokens += sentence
        sentence_of += [n] * size
    length = draw(st.integers(8, min(24, len(tokens))))
    start = draw(st.integers(0, len(tokens) - length))
    cut = tokens[start : start + length]
    edits = draw(st.integers(1, max(1, length // 4)))
    # the first and last words stay (a word changed or dropped at an edge of a query could as
    # well be a word of the query's own, and the stretch is then one word shorter or longer)
    where = sorted(draw(st.lists(st.integers(1, length - 2), min_size=edits, max_size=edits,
                                 unique=True)), reverse=True)
    query = list(cut)
    put_in: list[tuple[int, str]] = []
    took_out: list[tuple[int, str]] = []
    for k, at in enumerate(where):
        how = draw(st.sampled_from(("change", "drop", "add")))
        new = fresh[k]
        if how == "change":
            took_out.append((at, query[at]))
            put_in.append((at, new))
            query[at] = new
        elif how == "drop":
            took_out.append((at, query[at]))
            del query[at]
        else:
            put_in.append((at, new))
            query.insert(at, new)
    covered = sorted(set(sentence_of[start : start + length]))
    return (" ".join(tokens), " ".join(query), covered, " ".join(cut),
            [w for _, w in sorted(put_in)], [WORD.findall(w)[0] for _, w in sorted(took_out)])


@given(_cut())
def test_a_query_with_words_edited_gives_back_where_it_was_cut_from(
    drawn: tuple[str, str, list[int], str, list[str], list[str]],
) -> None:
    """The property: in a paragraph of distinct words, a query cut from it whose first and
    last words are kept, with up to a quarter of its other words changed (to words not in the
    paragraph), dropped or added, is matched to exactly the words it was cut from; its REF
    names the sentences those lie in (the paragraph when all); the words marked deleted are
    exactly the words the edits put in, and the words marked inserted exactly those they
    took out, each in order; every other word is equal."""
    text, query, covered, cut, put_in, took_out = drawn
    hit = find(_OneBlock(text), query, min_score=0)[0]  # type: ignore[arg-type]
    assert hit.matched == cut
    sentences = len(re.findall(r"\.(?: |$)", text))
    selector = "p1" if len(covered) == sentences else (
        f"p1:s{covered[0]}" + (f"-{covered[-1]}" if len(covered) > 1 else ""))
    assert hit.ref == f"gen#{selector}"
    assert (_marked(hit, "delete"), [w.lower() for w in _marked(hit, "insert")]) == (
        put_in, [w.lower() for w in took_out])
