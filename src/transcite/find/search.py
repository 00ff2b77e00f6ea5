"""Find a passage, exact or approximate, across a corpus: query text -> ranked hits.

Two steps (measured in docs/field-notes §9 and bench/bench_corpus.py):

1. candidates: the index returns the blocks that hold the query's rarest word sequences
   (:meth:`transcite.storage.index.CorpusIndex.candidates`; FTS5 phrases in SQLite);
2. alignment: each candidate is aligned with the query by rapidfuzz's
   ``partial_ratio_alignment`` (the best-matching stretch of the block, scored 0–100), on
   folded text (case, diacritics, curly or straight quotes and dashes do not count); the
   words the query stands for and the differences are then found word by word around that
   place by :mod:`transcite.find.align` (the rule ``transcite check`` uses too).

The REF of a hit names the sentences the matched words lie in (``ID#p14:s2``, ``ID#p14:s2-3``),
the whole paragraph when they span all its sentences (``ID#p14``), or the figure whose caption
matched (``ID#fig1``). :meth:`Hit.to_json` is the JSON of ``transcite find --format json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from transcite.compare.worddiff import Piece
from transcite.core.errors import UsageError
from transcite.core.model import Record
from transcite.find.align import changes, place
from transcite.storage.index import BlockText, CorpusIndex, RecordSummary, fold
from transcite.storage.index import words as index_words

#: a hit must score at least this (rapidfuzz partial ratio, 0–100) to be shown
MIN_SCORE = 70.0
#: how many candidate blocks the index is asked for (at least)
CANDIDATES = 12
#: words that say nothing about which passage is meant (a query of only these is refused)
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or",
    "our", "s", "she", "so", "t", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "would", "you", "your",
))


@dataclass(frozen=True, slots=True)
class Hit:
    """One place the passage was found."""

    #: the REF to use: ``ID#p14:s1``, ``ID#p14``, ``ID#fig1``
    ref: str
    record_id: str
    block_id: str
    kind: str
    #: how close the matched words are to the query, 0–100 (100: the same, folded)
    score: float
    #: the matched words, exactly as in the record
    matched: str
    #: from the query to the record's words: equal, delete (only in the query), insert
    diff: tuple[Piece, ...]
    record: RecordSummary | None
    #: the share of the query's words found in the block, in order, around the matched words
    #: (0–1; :func:`transcite.find.align.place`)
    shared: float = 0.0

    @property
    def exact(self) -> bool:
        return all(p.op == "equal" for p in self.diff)

    def to_json(self, citation: str | None = None) -> dict[str, Any]:
        rec = self.record
        return {
            "ref": self.ref,
            "record": self.record_id,
            "block": self.block_id,
            "kind": self.kind,
            "score": round(self.score, 1),
            "matched": self.matched,
            "diff": [p.to_json() for p in self.diff],
            "title": rec.title if rec else None,
            "authors": list(rec.authors) if rec else [],
            "translators": list(rec.translators) if rec else [],
            "citation": citation,
        }


def query_words(query: str) -> list[str]:
    """The folded words of a query, refused in one line when there is nothing to look for."""
    words = index_words(query)
    if not words:
        raise UsageError(
            f"find: {query!r} has no words to look for; give a phrase from the passage"
        )
    if all(w in STOP_WORDS for w in words):
        raise UsageError(
            f"find: {query!r} holds only common words ({', '.join(dict.fromkeys(words))}); "
            "give words particular to the passage"
        )
    return words


def find(
    index: CorpusIndex,
    query: str,
    *,
    limit: int = 10,
    record_id: str | None = None,
    min_score: float = MIN_SCORE,
) -> list[Hit]:
    """The blocks of the corpus (or of record ``record_id``) holding ``query``, best first."""
    if limit < 1:
        raise UsageError(f"--limit: {limit} is not a number of hits; give 1 or more")
    words = query_words(query)
    query = " ".join(query.split())
    folded_query = fold(query)
    wanted = max(CANDIDATES, 2 * limit)
    candidates = index.candidates(words, limit=wanted, record_id=record_id)
    # a record edited in place (the folder unchanged) is read again before it is shown
    if index.verify(sorted({c.record_id for c in candidates})):
        candidates = index.candidates(words, limit=wanted, record_id=record_id)
    scored: list[tuple[float, int, BlockText, int, int]] = []
    for order, block in enumerate(candidates):
        if not block.text:
            continue
        found = fuzz.partial_ratio_alignment(folded_query, block.folded_text(),
                                             score_cutoff=min_score)
        if found is None:
            continue
        scored.append((found.score, order, block, found.dest_start, found.dest_end))
    # equal scores: the record's id, then the record's own order — not the index's row order,
    # which depends on the order records were indexed in
    scored.sort(key=lambda s: (-s[0], s[2].record_id, s[1]))
    hits: list[Hit] = []
    summaries = _summaries(index, {s[2].record_id for s in scored[:limit]})
    # the whole query stands for the words found (a query longer than the block, aligned in
    # part, has its other words marked as its own)
    q_start, q_words_end = _word_span(query, 0, len(query))
    for score, _, block, start, end in scored[:limit]:
        q_end = q_words_end
        stretch = place(folded_query[q_start:q_end], block.folded_text(), (start, end))
        shared = 0
        if stretch is not None:
            start, end, shared = stretch.start, stretch.end, stretch.shared
        start, end = _word_span(block.text, start, end)
        # punctuation that ends the query, matched by the same mark in the text, is kept
        while q_end < len(query) and end < len(block.text) and not query[q_end].isspace() \
                and fold(query[q_end]) == fold(block.text[end]):
            q_end += 1
            end += 1
        matched = block.text[start:end]
        diff = tuple(changes(query[q_start:q_end], matched))
        hits.append(Hit(
            ref=f"{block.record_id}#{_selector(block, start, end)}",
            record_id=block.record_id, block_id=block.block_id, kind=block.kind, score=score,
            matched=matched, diff=diff, record=summaries.get(block.record_id),
            shared=shared / len(words),
        ))
    return hits


def _summaries(index: CorpusIndex, ids: set[str]) -> dict[str, RecordSummary]:
    return {s.id: s for s in index.summaries(sorted(ids))} if ids else {}


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out to whole words, and in past white space and punctuation at
    the edges."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end < len(text) and text[end] in _CLOSERS and any(
        c in text[start:end] for c in _OPENERS
    ):  # a closing quotation mark or bracket whose opening one is in the match
        end += 1
    return start, end


_CLOSERS = "”’\"')]»"
_OPENERS = "“‘\"'([«"


def block_ref(block: BlockText, start: int, end: int) -> str:
    """The REF of the words ``block.text[start:end]``, named as a hit's ``ref`` is."""
    return f"{block.record_id}#{_selector(block, start, end)}"


def _selector(block: BlockText, start: int, end: int) -> str:
    if block.kind != "paragraph":
        return block.block_id
    from transcite.quote.sentences import split_sentences

    sentences = split_sentences(block.text)
    inside = [s.n for s in sentences if s.start < end and s.end > start]
    if not inside or len(inside) == len(sentences):
        return block.block_id
    first, last = inside[0], inside[-1]
    return f"{block.block_id}:s{first}" + (f"-{last}" if last != first else "")


def cite_hit(record: Record, hit: Hit, style: str) -> str:
    """The citation of a hit, ready to put after the quotation: the style's in-text form
    (its note form for a notes style), pointing at the hit's paragraph or figure."""
    from transcite.cite.citation import cite_ref
    from transcite.cite.styles import get_style

    form = "in-text" if "in-text" in get_style(style).forms else "note"
    return cite_ref(record, hit.ref.split(":")[0], style, form).render("text")
