"""Which words of a block a query stands for, and how they differ: the one rule that
``transcite find`` and ``transcite check`` share.

rapidfuzz's ``partial_ratio_alignment`` places the query in the block (a window of
characters, scored 0–100). Then, on folded text (:func:`transcite.storage.index.fold`):

1. **the words found** (:func:`place`): the block's words around that window (a third of the
   query's length plus 10 characters on each side) are matched with the query's words as a
   common subsequence (difflib's ``SequenceMatcher``, which anchors on the longest runs of
   words in order), so that words swapped, dropped or changed anywhere count for what they
   are;
2. **the matched stretch** (:func:`place`): of the stretches of the block's words that start
   at most ``EDGE_WORDS`` words (plus one for each query word before the first one matched)
   before the first word matched, and end as far after the last (past the words of step 1 if
   need be), the one the fewest word edits (Levenshtein distance on words) from the query; of
   equally near ones, the one that reaches past the first and last words matched by as many
   words as the query has there that are not among the words matched (a query's last word
   changed stands for the record's word there; a last word moved, for none), then the
   longest, then the one nearest the query's length in words, then the first;
3. **the differences** (:func:`changes`): the query's words and the stretch's are matched again
   as a longest common subsequence (rapidfuzz's ``LCSseq``); the words outside it are the
   changes (the query's deleted, the record's inserted), and between the words kept,
   punctuation and spacing are compared with :func:`transcite.compare.worddiff.word_diff`.

A word diff of the whole query (diff-match-patch with its semantic cleanup) is not used for
1–3: for a query with several changed words it comes back as "all deleted, all inserted", which
says neither where the words are nor which of them changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import LCSseq, Levenshtein

from transcite.compare.worddiff import Op, Piece, word_diff
from transcite.storage.index import fold

#: how many words beyond the first and last matched a stretch may start or end
EDGE_WORDS = 3
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Stretch:
    """The words of a block a query stands for: ``text[start:end]`` (from the start of a word
    to the end of one), and how many of the query's words were found in order: around it (the
    runs of step 1) or in it (a longest common subsequence), whichever is more."""

    start: int
    end: int
    shared: int


def place(folded_query: str, folded_text: str, window: tuple[int, int]) -> Stretch | None:
    """The stretch of ``folded_text`` that ``folded_query`` stands for, near ``window`` (the
    characters rapidfuzz aligned the query with); None when no word of the query is there."""
    query_words = WORD.findall(folded_query)
    if not query_words:
        return None
    slack = len(folded_query) // 3 + 10
    low, high = window[0] - slack, window[1] + slack
    spans = [m.span() for m in WORD.finditer(folded_text)]
    words = [folded_text[a:b] for a, b in spans]
    near = [k for k, (a, b) in enumerate(spans) if b > low and a < high]
    if not near:
        return None
    offset = near[0]
    runs = [[r.a, offset + r.b, r.size] for r in SequenceMatcher(
        None, query_words, words[offset : near[-1] + 1], autojunk=False,
    ).get_matching_blocks() if r.size]
    if not runs:
        return None
    _near_the_others(runs, query_words, words)
    shared = sum(r[2] for r in runs)
    first, last = runs[0][1], runs[-1][1] + runs[-1][2] - 1
    if shared == len(query_words) and last - first + 1 == shared:
        # every word, in one run: the only stretch no edit away
        return Stretch(spans[first][0], spans[last][1], shared)
    # the stretch may reach past the words looked at, for query words not found at its edges
    before, after = runs[0][0], len(query_words) - runs[-1][0] - runs[-1][2]
    # of those, the ones not among the words matched either (changed, not moved): each stands
    # for a word of the record beyond the first or last word matched
    core = set(words[first : last + 1])
    new_before = sum(w not in core for w in query_words[:before])
    new_after = sum(w not in core for w in query_words[len(query_words) - after :])
    best = min(
        (Levenshtein.distance(query_words, words[i : j + 1]),
         abs(first - i - new_before) + abs(j - last - new_after), i - j,
         abs(j + 1 - i - len(query_words)), i, j)
        for i in range(max(first - before - EDGE_WORDS, 0), first + 1)
        for j in range(last, min(last + after + EDGE_WORDS, len(spans) - 1) + 1)
    )
    start, end = best[-2], best[-1]
    # the words kept in the stretch itself, if the runs above missed some
    shared = max(shared, LCSseq.similarity(query_words, words[start : end + 1]))
    return Stretch(spans[start][0], spans[end][1], shared)


def _near_the_others(runs: list[list[int]], query_words: list[str], words: list[str]) -> None:
    """The first and last runs of words matched ([query index, block index, size]) moved, in
    place, to the same words nearest the other runs: the difflib matcher takes the first place
    a word occurs ("Foreign" of "foreign policy" rather than of "Foreign Minister" three words
    on), and the matched stretch must include the first and last words matched."""
    if len(runs) < 2:
        return
    a, b, size = runs[0]
    wanted = query_words[a : a + size]
    for at in range(runs[1][1] - size, b, -1):
        if words[at : at + size] == wanted:
            runs[0][1] = at
            break
    a, b, size = runs[-1]
    wanted = query_words[a : a + size]
    for at in range(runs[-2][1] + runs[-2][2], b):
        if words[at : at + size] == wanted:
            runs[-1][1] = at
            break


def changes(query: str, matched: str) -> list[Piece]:
    """The differences from ``query`` to the record's words ``matched`` that count (as
    :func:`~transcite.storage.index.fold` decides), in the query's words (``delete``) and the
    record's (``equal``, ``insert``). The words of each side outside a longest common
    subsequence of words are exactly the ones deleted or inserted."""
    folded_query, folded = fold(query), fold(matched)
    query_spans = [m.span() for m in WORD.finditer(folded_query)]
    spans = [m.span() for m in WORD.finditer(folded)]
    out: list[Piece] = []
    q = m = 0

    def diff(q_end: int, m_end: int) -> None:
        nonlocal q, m
        for piece in word_diff(folded_query[q:q_end], folded[m:m_end]):
            size = len(piece.text)
            if piece.op == "delete":
                _add(out, "delete", query[q : q + size])
                q += size
            else:
                _add(out, piece.op, matched[m : m + size])
                m += size
                q += size if piece.op == "equal" else 0
        q, m = q_end, m_end

    opcodes = LCSseq.opcodes([folded_query[a:b] for a, b in query_spans],
                             [folded[a:b] for a, b in spans])
    for op in opcodes:
        if op.tag != "equal":
            continue
        # the words between the runs kept (none in common), then the run (its words the same:
        # only punctuation and spacing can differ)
        diff(query_spans[op.src_start][0], spans[op.dest_start][0])
        diff(query_spans[op.src_end - 1][1], spans[op.dest_end - 1][1])
    diff(len(query), len(matched))
    return out


def _add(out: list[Piece], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Piece(out[-1].op, out[-1].text + text)
    else:
        out.append(Piece(op, text))
