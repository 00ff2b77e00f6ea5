"""Aligning a text with its translation from paragraph lengths alone: Gale & Church's dynamic
programme (1993, "A program for aligning sentences in bilingual corpora"), banded around the
diagonal, with the length ratio of the two texts estimated from the texts themselves. Word
overlap means nothing across languages; lengths do. Same-language alignment is
:mod:`transcite.compare.align`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from transcite.compare.align import Link, LinkKind, band

_INF = math.inf

#: prior probabilities of each pairing (Gale & Church 1993, table 5)
_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011,
}
#: variance of the length difference per character (Gale & Church 1993)
_VARIANCE = 6.8


def _gc_cost(len_a: int, len_b: int, ratio: float, prior: float) -> float:
    """−100 log P(pairing) · P(length difference): Gale & Church's distance measure."""
    if len_a == 0 and len_b == 0:
        return 0.0
    mean = (len_a + len_b / ratio) / 2.0
    delta = (len_b - len_a * ratio) / math.sqrt(mean * _VARIANCE)
    p_delta = math.erfc(abs(delta) / math.sqrt(2.0))
    return -100.0 * math.log(max(prior * p_delta, 1e-300))


def align_lengths(lengths_a: Sequence[int], lengths_b: Sequence[int]) -> list[Link]:
    """Align a text with its translation from paragraph lengths (characters) alone."""
    n, m = len(lengths_a), len(lengths_b)
    ratio = (sum(lengths_b) / sum(lengths_a)) if sum(lengths_a) and sum(lengths_b) else 1.0
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    step: dict[tuple[int, int], tuple[int, int]] = {}
    for x, y in band(n, m):
        for (dx, dy), prior in _PRIORS.items():
            base = cost.get((x - dx, y - dy), _INF) if x >= dx and y >= dy else _INF
            if base == _INF:
                continue
            total = base + _gc_cost(
                sum(lengths_a[x - dx : x]), sum(lengths_b[y - dy : y]), ratio, prior
            )
            if total < cost.get((x, y), _INF):
                cost[(x, y)], step[(x, y)] = total, (dx, dy)
    return _gc_trace(step, n, m, lengths_a, lengths_b, ratio)


def _gc_trace(
    step: dict[tuple[int, int], tuple[int, int]], n: int, m: int,
    lengths_a: Sequence[int], lengths_b: Sequence[int], ratio: float,
) -> list[Link]:
    out: list[Link] = []
    x, y = n, m
    while (x, y) != (0, 0):
        dx, dy = step[(x, y)]
        a_idx, b_idx = tuple(range(x - dx, x)), tuple(range(y - dy, y))
        la, lb = sum(lengths_a[x - dx : x]), sum(lengths_b[y - dy : y])
        prob = math.exp(-_gc_cost(la, lb, ratio, 1.0) / 100.0)
        kind: LinkKind = (
            "deleted" if not dy else "inserted" if not dx
            else "split" if dy > dx else "merged" if dx > dy else "aligned"
        )
        out.append(Link(kind, a_idx, b_idx, prob if dx and dy else 0.0))
        x, y = x - dx, y - dy
    return out[::-1]
