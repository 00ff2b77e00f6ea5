"""Paragraph alignment: which blocks of one text correspond to which blocks of another.

Two functions, one per situation:

- :func:`align_versions` for two versions of the same text (same language). It anchors on
  blocks whose text occurs exactly once on each side (patience-diff style: the longest chain of
  such unique matches in order), then aligns each gap between anchors with a banded dynamic
  programme over word-level edit costs (rapidfuzz's Indel distance): 1–1, split 1–2, merge 2–1,
  insertion and deletion. Unique exact matches out of order, and deleted/inserted blocks that
  are still very similar, are reported as moves. On texts of normal shape the gaps are a few
  blocks wide, so the work is linear in the number of blocks.
- :func:`transcite.compare.lengths.align_lengths` for a text and its translation (Gale &
  Church's length-based programme), in its own module.

Both return :class:`Link` objects that name the block indexes on each side.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from rapidfuzz.distance import Indel

from transcite.core.model import normalise_text

LinkKind = Literal[
    "equal", "changed", "split", "merged", "inserted", "deleted", "moved", "aligned"
]

#: blocks whose word sequences are less similar than this are never paired 1–1, split or merged
MIN_SIMILARITY = 0.5
#: a deleted and an inserted block at least this similar are one block that moved
MOVE_SIMILARITY = 0.6
#: extra cost (in words) of a split or merge over a 1–1 pairing, so ties stay 1–1
_JOIN_PENALTY = 1.0
#: only blocks of these kinds are split or merged (a photo is never half of two photos)
JOINABLE = frozenset({"paragraph"})
#: half-width of the band around the diagonal of each gap, beyond the gap's length difference
_BAND = 8
#: a gap whose band would hold more cells than this (two very different texts) is aligned in
#: a narrower band that follows the gap's own diagonal instead, so time stays bounded
_CELLS_MAX = 60_000
_WIDE = 32
#: fuzzy move detection compares every deleted with every inserted block: capped
_MOVE_PAIRS_MAX = 40_000
_INF = math.inf


@dataclass(frozen=True, slots=True)
class Link:
    """Blocks ``a`` of the old text correspond to blocks ``b`` of the new one.

    ``similarity`` is 1.0 for identical text, 0.0 for an insertion or deletion; for
    :func:`align_lengths` it is the probability Gale–Church gives the pairing.
    """

    kind: LinkKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class Item:
    """One block to align: its kind (only blocks of one kind are paired) and its text."""

    kind: str
    text: str


class _Side:
    """The blocks of one text, normalised and split into words once.

    Words are numbered through a vocabulary shared by both sides: rapidfuzz compares lists of
    small integers faster than lists of strings, which it would hash on every call.
    """

    def __init__(self, items: Sequence[Item], vocabulary: dict[str, int]) -> None:
        self.kinds = [item.kind for item in items]
        self.keys = [(item.kind, normalise_text(item.text)) for item in items]
        self.words = [
            [vocabulary.setdefault(w, len(vocabulary)) for w in key[1].split()]
            for key in self.keys
        ]

    def joined(self, indexes: Sequence[int]) -> list[int]:
        """The words of one block, or of several blocks one after the other."""
        if len(indexes) == 1:
            return self.words[indexes[0]]
        return [w for i in indexes for w in self.words[i]]


def similarity(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """1 − (words inserted + deleted) / (words in both): 1.0 equal, 0.0 nothing in common."""
    total = len(a) + len(b)
    return 1.0 if total == 0 else 1.0 - Indel.distance(a, b) / total


def _pair_cost(a: list[int], b: list[int]) -> float:
    """Words to insert and delete to turn ``a`` into ``b``; infinite when too dissimilar."""
    total = len(a) + len(b)
    allowed = int((1.0 - MIN_SIMILARITY) * total)
    if abs(len(a) - len(b)) > allowed:
        return _INF
    cost = Indel.distance(a, b, score_cutoff=allowed)
    return _INF if cost > allowed else float(cost)


def _parts_inside(whole: list[int], parts: list[list[int]]) -> bool:
    """A split or merge only if most words of each part occur, in order, in the whole.

    The joined parts can be similar enough to the whole on the strength of one part alone: a
    paragraph that lost its first half and gained an unrelated neighbour is not a split (its id
    would pass to the unrelated words).
    """
    for part in parts:
        common = math.ceil(MIN_SIMILARITY * len(part))  # words of the part found in the whole
        allowed = len(whole) + len(part) - 2 * common
        if Indel.distance(whole, part, score_cutoff=allowed) > allowed:
            return False
    return True


def _unique_anchors(old: _Side, new: _Side) -> list[tuple[int, int]]:
    """(i, j) for every text that occurs exactly once in each version, in old order."""
    count_a, count_b = Counter(old.keys), Counter(new.keys)
    where_b = {key: j for j, key in enumerate(new.keys) if count_b[key] == 1}
    return [
        (i, where_b[key]) for i, key in enumerate(old.keys)
        if count_a[key] == 1 and key in where_b and key[1]
    ]


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j also increase (O(n log n))."""
    import bisect

    tails: list[int] = []  # tails[k]: index into pairs of the smallest j ending a chain of k+1
    tail_js: list[int] = []  # the j of each tail, for bisection
    back: list[int] = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tail_js, j)
        if k > 0:
            back[idx] = tails[k - 1]
        if k == len(tails):
            tails.append(idx)
            tail_js.append(j)
        else:
            tails[k], tail_js[k] = idx, j
    chain: list[tuple[int, int]] = []
    idx = tails[-1] if tails else -1
    while idx >= 0:
        chain.append(pairs[idx])
        idx = back[idx]
    return chain[::-1]


def align_versions(old_items: Sequence[Item], new_items: Sequence[Item]) -> list[Link]:
    """Align two versions of a text, block by block; links come in reading order."""
    vocabulary: dict[str, int] = {}
    old, new = _Side(old_items, vocabulary), _Side(new_items, vocabulary)
    anchors = _unique_anchors(old, new)
    chain = _longest_chain(anchors)
    in_chain = set(chain)
    moved = [pair for pair in anchors if pair not in in_chain]
    moved_a, moved_b = {i for i, _ in moved}, {j for _, j in moved}
    links: list[Link] = []
    pi, pj = -1, -1
    for i, j in [*chain, (len(old.keys), len(new.keys))]:
        gap_a = [x for x in range(pi + 1, i) if x not in moved_a]
        gap_b = [y for y in range(pj + 1, j) if y not in moved_b]
        links.extend(_align_gap(old, new, gap_a, gap_b))
        if i < len(old.keys):
            links.append(Link("equal", (i,), (j,)))
        pi, pj = i, j
    links.extend(Link("moved", (i,), (j,)) for i, j in moved)
    return _order(_fuzzy_moves(old, new, links))


def _align_gap(old: _Side, new: _Side, ga: list[int], gb: list[int]) -> list[Link]:
    """Banded DP over one gap between anchors: the cheapest sequence of 1–1, 1–2, 2–1, 1–0, 0–1."""
    n, m = len(ga), len(gb)
    if n == 0 or m == 0:
        deleted = [Link("deleted", (i,), (), 0.0) for i in ga]
        return deleted + [Link("inserted", (), (j,), 0.0) for j in gb]
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    step: dict[tuple[int, int], tuple[int, int]] = {}
    for x, y in band(n, m):
        if (x, y) != (0, 0):
            _relax(old, new, ga, gb, cost, step, x, y)
    return _trace(old, new, ga, gb, step, cost, n, m)


def band(n: int, m: int) -> Iterator[tuple[int, int]]:
    """The cells of an n × m alignment the programmes visit, row by row.

    Normally every cell whose offset from the diagonal is within the gap's length difference
    plus :data:`_BAND`: any run of insertions or deletions fits. When that would be more than
    :data:`_CELLS_MAX` cells, a band of ±:data:`_WIDE` around the line from (0, 0) to (n, m).
    Either band joins (0, 0) to (n, m), so an alignment is always found.
    """
    low, high = min(0, m - n) - _BAND, max(0, m - n) + _BAND
    if (n + 1) * (high - low + 1) <= _CELLS_MAX:
        for x in range(n + 1):
            yield from ((x, y) for y in range(max(0, x + low), min(m, x + high) + 1))
        return
    slope = m / n if n else 0.0
    for x in range(n + 1):
        # from the previous row's centre (so rows overlap) to this row's centre, ± _WIDE
        start = max(0, round(max(x - 1, 0) * slope) - _WIDE)
        yield from ((x, y) for y in range(start, min(m, round(x * slope) + _WIDE) + 1))


def _relax(
    old: _Side, new: _Side, ga: list[int], gb: list[int],
    cost: dict[tuple[int, int], float], step: dict[tuple[int, int], tuple[int, int]],
    x: int, y: int,
) -> None:
    """Best way to reach cell (x, y): from one of five predecessor cells."""
    best, how = _INF, (0, 0)
    wa, wb = old.words, new.words
    for dx, dy in ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1)):
        px, py = x - dx, y - dy
        base = cost.get((px, py), _INF) if px >= 0 and py >= 0 else _INF
        if base == _INF:
            continue
        a_idx, b_idx = ga[px:x], gb[py:y]
        if dx and dy and not _same_kind(old, new, a_idx, b_idx):
            continue
        if dx + dy > 2 and not (_adjacent(a_idx) and _adjacent(b_idx)):
            continue  # a moved block lies between the two: they are not one paragraph
        if dx == 0:
            extra = float(max(1, len(wb[b_idx[0]])))
        elif dy == 0:
            extra = float(max(1, len(wa[a_idx[0]])))
        else:
            extra = _pair_cost(old.joined(a_idx), new.joined(b_idx))
            if dx + dy > 2 and extra < _INF:
                whole, parts = (wa[a_idx[0]], [wb[j] for j in b_idx]) if dy == 2 else (
                    wb[b_idx[0]], [wa[i] for i in a_idx])
                extra = extra + _JOIN_PENALTY if _parts_inside(whole, parts) else _INF
        if base + extra < best:
            best, how = base + extra, (dx, dy)
    if best < _INF:
        cost[(x, y)] = best
        step[(x, y)] = how


def _adjacent(indexes: list[int]) -> bool:
    return all(b == a + 1 for a, b in pairwise(indexes))


def _same_kind(old: _Side, new: _Side, a_idx: list[int], b_idx: list[int]) -> bool:
    kinds = {old.kinds[i] for i in a_idx} | {new.kinds[j] for j in b_idx}
    return len(kinds) == 1 and (len(a_idx) + len(b_idx) == 2 or kinds <= JOINABLE)


def _trace(
    old: _Side, new: _Side, ga: list[int], gb: list[int],
    step: dict[tuple[int, int], tuple[int, int]], cost: dict[tuple[int, int], float],
    n: int, m: int,
) -> list[Link]:
    out: list[Link] = []
    x, y = n, m
    while (x, y) != (0, 0):
        dx, dy = step[(x, y)]
        a_idx, b_idx = tuple(ga[x - dx : x]), tuple(gb[y - dy : y])
        # the words inserted and deleted for this step, as the programme counted them
        words = cost[(x, y)] - cost[(x - dx, y - dy)] - (_JOIN_PENALTY if dx + dy > 2 else 0)
        out.append(_link(old, new, a_idx, b_idx, round(words)))
        x, y = x - dx, y - dy
    return out[::-1]


def _link(
    old: _Side, new: _Side, a_idx: tuple[int, ...], b_idx: tuple[int, ...], words: int
) -> Link:
    if not b_idx:
        return Link("deleted", a_idx, (), 0.0)
    if not a_idx:
        return Link("inserted", (), b_idx, 0.0)
    total = sum(len(old.words[i]) for i in a_idx) + sum(len(new.words[j]) for j in b_idx)
    sim = 1.0 - words / total if total else 1.0
    if len(b_idx) > 1:
        return Link("split", a_idx, b_idx, sim)
    if len(a_idx) > 1:
        return Link("merged", a_idx, b_idx, sim)
    same = old.keys[a_idx[0]] == new.keys[b_idx[0]]
    return Link("equal" if same else "changed", a_idx, b_idx, sim)


def _fuzzy_moves(old: _Side, new: _Side, links: list[Link]) -> list[Link]:
    """Pair a deleted block with a very similar inserted one (best first) as a move."""
    deleted = [ln.a[0] for ln in links if ln.kind == "deleted"]
    inserted = [ln.b[0] for ln in links if ln.kind == "inserted"]
    if not deleted or not inserted or len(deleted) * len(inserted) > _MOVE_PAIRS_MAX:
        return links
    scored = sorted(
        (
            (similarity(old.words[i], new.words[j]), i, j)
            for i in deleted for j in inserted if old.kinds[i] == new.kinds[j]
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    moves: list[Link] = []
    for sim, i, j in scored:
        if sim < MOVE_SIMILARITY:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            moves.append(Link("moved", (i,), (j,), sim))
    kept = [
        ln for ln in links
        if not (ln.kind == "deleted" and ln.a[0] in used_a)
        and not (ln.kind == "inserted" and ln.b[0] in used_b)
    ]
    return kept + moves


def _order(links: list[Link]) -> list[Link]:
    """Reading order of the new text; a deletion comes right after its old predecessor."""
    position: dict[int, float] = {}
    for ln in links:
        if ln.b:
            for i in ln.a:
                position[i] = ln.b[-1]

    def key(ln: Link) -> tuple[float, int]:
        if ln.b:
            return (float(ln.b[0]), 0)
        before = [position[i] for i in range(ln.a[0] - 1, -1, -1) if i in position][:1]
        return ((before[0] if before else -1.0) + 0.5, ln.a[0])

    return sorted(links, key=key)
