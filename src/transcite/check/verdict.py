"""The verdict on one quotation: where it is in the corpus and how it differs from it.

The passage is located with :func:`transcite.find.find` (the corpus index, then rapidfuzz's
alignment); the quotation is then matched against the words of the block found, the marks a
style allows (ellipses, [brackets], [sic], a changed first letter) standing for what they
stand for:

- ``exact``: the same characters, once quotation marks and white space are normalised;
- ``marked``: the same but for marked changes (each listed);
- ``altered``: words changed, added or dropped without a mark (the word diff, made with
  diff-match-patch on word tokens by :func:`transcite.compare.worddiff.word_diff`);
- ``not-found``: nothing close enough (never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from transcite.compare.worddiff import Piece
from transcite.core.errors import UsageError
from transcite.find import Hit, find
from transcite.storage.index import CorpusIndex
from transcite.storage.index import words as index_words

#: hits find scores under this (0–100) are not looked at
MIN_SCORE = 60.0
#: a hit whose words the quotation's marks do not account for is taken as the quotation's
#: source (``altered``) only when its score plus this weight times the share of the
#: quotation's words found in it (in order: :attr:`transcite.find.Hit.shared`) reaches ``ACCEPT``;
#: measured by bench/bench_check.py on 10,000 generated records (``support_absent_max``,
#: ``support_altered_min``): the 200 quotations in no record reach at most 79.8, the 250
#: altered ones (1–3 words of 8–24 changed, dropped or swapped) at least 105.8
SHARED_WEIGHT = 50.0
ACCEPT = 90.0

_QUOTE_MARKS = str.maketrans({c: "'" for c in "\"“”„‟«»‹›‘’‚‛「」『』′″`´"})
_ELLIPSIS = r"\[\s*(?:\.\s?){2}\.\s*\]|\[\s*…\s*\]|(?:\.\s?){2,3}\.|\.?\s?…"
_MARK = re.compile(rf"(?P<gap>\s*(?:{_ELLIPSIS})\s*)|(?P<bracket>\[(?P<inner>[^\[\]]{{1,80}})\])")
_EMPHASIS_NOTE = re.compile(r"emphasis (?:added|mine|supplied)|italics (?:added|mine)", re.I)
_EDGE = ".,;:!? \n\t'"


def normalise(text: str) -> str:
    """Quotation marks made one mark, white space one space (what ``exact`` compares)."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


@dataclass
class Verdict:
    verdict: str  # exact, marked, altered, not-found
    hit: Hit | None = None
    #: the words of the record the quotation stands for
    source: str = ""
    #: the changes a style allows that the quotation marks, one phrase each
    changes: list[str] = field(default_factory=list)
    #: for ``altered``: from the quotation's words (delete) to the record's (insert)
    diff: tuple[Piece, ...] = ()
    #: the other hits as good as this one (another record holds the same words)
    also: list[Hit] = field(default_factory=list)
    #: the hit's score plus SHARED_WEIGHT × the share of the quotation's words in it (for
    #: ``not-found``: the best of the hits looked at); a hit is taken from ``ACCEPT`` up
    support: float = 0.0


@dataclass
class _Parsed:
    pattern: str
    query: str
    changes: list[str]
    search: str
    #: the quotation marks no change: its words are looked for as they are
    literal: bool = False


def _strip_emphasis(text: str) -> tuple[str, bool]:
    out = re.sub(r"(\*{1,2}|(?<!\w)_{1,2})(\S(?:.*?\S)?)\1(?!\w)", r"\2", text)
    return out, out != text


def parse_marks(quote: str) -> _Parsed:
    """A regular expression for the record's words a quotation with marks stands for."""
    text = normalise(quote)
    text, emphasised = _strip_emphasis(text)
    changes: list[str] = []
    if emphasised:
        changes.append("emphasis")
    parts: list[str] = []
    query: list[str] = []
    segments: list[str] = []
    since = 0
    pos = 0
    for match in _MARK.finditer(text):
        literal = text[pos : match.start()]
        pos = match.end()
        if match.group("gap") is not None:
            if literal.strip() or parts:
                changes.append(f"omission marked by {match.group('gap').strip()!r}")
            parts.append(_literal(literal))
            query.append(literal)
            segments.append(" ".join("".join(query[since:]).split()))
            since = len(query)
            query.append(" ")
            parts.append(r"(?:\s.*?\s|\s|.*?)" if literal.strip() else "")
            continue
        inner = match.group("inner").strip()
        parts.append(_literal(literal))
        query.append(literal)
        if inner.lower() in ("sic", "sic!"):
            changes.append("[sic]")
            continue
        if _EMPHASIS_NOTE.fullmatch(inner):
            changes.append(f"[{inner}]")
            continue
        after = text[match.end() : match.end() + 1]
        if len(inner) == 1 and inner.isalpha() and (after.isalpha() or not literal):
            changes.append(f"[{inner}]: a letter's case changed")
            parts.append(f"[{re.escape(inner.lower())}{re.escape(inner.upper())}]")
            query.append(inner)
            continue
        changes.append(f"[{inner}]: inserted or changed words")
        parts.append(r".{0,120}?")
        query.append(" ")
    tail = text[pos:]
    parts.append(_literal(tail))
    query.append(tail)
    segments.append(" ".join("".join(query[since:]).split()))
    pattern = "".join(parts)
    # what find looks for: the words of the quotation, or, when it omits words, its longest
    # stretch without an omission (the omitted words would lower every score)
    search = max(segments, key=lambda t: len(t.split()))
    if len(segments) == 1 or len(search.split()) < 4:
        search = " ".join("".join(query).split())
    plain = not changes and len(parts) == 1
    return _Parsed(pattern, " ".join("".join(query).split()), changes, search, plain)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split(" ")) if text else ""


def match_in(parsed: _Parsed, block_text: str) -> tuple[str, list[str]] | None:
    """The words of ``block_text`` the quotation stands for and the changes it marks, or
    None when they are not there as marked."""
    target = normalise(block_text)
    if parsed.literal:
        # no mark: the words as they are, or with the first letter's case changed (a search
        # of the string: compiling a regular expression costs more than the search)
        needle = parsed.query.strip(_EDGE)
        if not needle:
            return None
        if needle in target:
            return needle, []
        flipped = needle[0].swapcase() + needle[1:]
        if needle[0].isalpha() and flipped in target:
            return flipped, ["the first letter's case changed"]
        return None
    pattern = parsed.pattern
    # the quotation's own punctuation at its ends belongs to the sentence around it
    # (re.escape leaves , ; : ! as they are)
    core = re.sub(r"^(?:\\[.,;:!?'\s]|\\s\+|[\s',;:!])+", "", pattern)
    core = re.sub(r"(?:\\[.,;:!?'\s]|\\s\+|[\s',;:!])+$", "", core)
    if not core:
        return None
    changes = list(parsed.changes)
    try:
        found = re.search(core, target)
        if found is None:
            first = re.match(r"(\\?)(\w)", core)
            if first and first.group(2).isalpha():
                letter = first.group(2)
                flipped = f"[{letter.lower()}{letter.upper()}]" + core[first.end():]
                found = re.search(flipped, target)
                if found is not None:
                    changes.append("the first letter's case changed")
        if found is None:
            return None
    except re.error:
        return None
    return found.group(0), changes


def _supported(hits: list[Hit]) -> list[tuple[float, Hit]]:
    """Each hit with its support: its score plus ``SHARED_WEIGHT`` times the share of the
    query's words it holds in order (:attr:`transcite.find.Hit.shared`, found by the rule
    :mod:`transcite.find.align` that also picks the hit's words). A hit is the quotation's
    source when its support reaches ``ACCEPT``."""
    return [(hit.score + SHARED_WEIGHT * hit.shared, hit) for hit in hits]


class Preferred(Protocol):
    """The records a quotation's citation names: a set of ids, or
    :class:`transcite.check.cited.Cited`, which finds them all only when asked (``ids``)."""

    def __contains__(self, record_id: object, /) -> bool: ...


def _preferred_ids(prefer: Preferred) -> list[str]:
    ids = getattr(prefer, "ids", None)
    return list(ids()) if callable(ids) else sorted(prefer)  # type: ignore[call-overload]


def _judge(hits: list[Hit], parsed: _Parsed, text_of: Callable[[str, str], str | None],
           prefer: Preferred) -> Verdict:
    # the words as marked, in a block found: exact or marked, whatever the score (the
    # omissions and insertions a quotation marks lower it); a cited record first
    order = sorted(hits, key=lambda h: (h.record_id not in prefer, -h.score))
    for hit in order:
        text = text_of(hit.record_id, hit.block_id)
        if text is None:
            continue
        matched = match_in(parsed, text)
        if matched is not None:
            source, changes = matched
            also = [h for h in hits if h.record_id != hit.record_id
                    and h.score >= hit.score - 1e-9]
            return Verdict("marked" if changes else "exact", hit, source, changes, (), also,
                           support=hit.score + SHARED_WEIGHT)
    supported = _supported(hits)
    accepted = [hit for support, hit in supported if support >= ACCEPT]
    if not accepted:
        return Verdict("not-found", support=max((s for s, _ in supported), default=0.0))
    best = accepted[0]
    for hit in accepted:
        if hit.record_id in prefer and hit.score >= best.score - 1:
            best = hit
            break
    support = next(s for s, h in supported if h is best)
    return Verdict("altered", best, best.matched, list(parsed.changes), tuple(best.diff),
                   support=support)


#: at most this many records a citation names are searched on their own
PREFERRED_SEARCHES = 3


def locate(
    index: CorpusIndex,
    quote: str,
    text_of: Callable[[str, str], str | None],
    *,
    prefer: Preferred = frozenset(),
) -> Verdict:
    """The verdict on ``quote``. ``text_of(record_id, block_id)`` gives a block's text;
    ``prefer``: the records the citation points at (a hit there is taken when it is as good
    as the best; when nothing in the corpus is, each is searched on its own: the words may
    be there even when other blocks share more of the quotation's common words)."""
    parsed = parse_marks(quote)
    if not index_words(parsed.query):
        return Verdict("not-found")
    try:
        hits = find(index, parsed.search, limit=5, min_score=MIN_SCORE)
    except UsageError:
        return Verdict("not-found")
    verdict = _judge(hits, parsed, text_of, prefer)
    if verdict.verdict != "not-found" or not prefer:
        return verdict
    own: list[Hit] = []
    for record_id in _preferred_ids(prefer)[:PREFERRED_SEARCHES]:
        own += find(index, parsed.search, limit=2, min_score=MIN_SCORE, record_id=record_id)
    if not own:
        return verdict
    again = _judge(own, parsed, text_of, prefer)
    return again if again.verdict != "not-found" else verdict
