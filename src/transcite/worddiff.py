"""Word-level differences between two texts, with diff-match-patch.

diff-match-patch diffs characters. Here every word, run of white space and punctuation mark
becomes one character of a private alphabet (the ``linesToChars`` technique of its own
documentation, applied to words), so the diff and its semantic cleanup can only cut at word
boundaries; the result is decoded back to text.

``Diff_Timeout`` is set to 0 (no time limit) on purpose: with its default of one second a long
text can come back as "delete everything, insert everything" without any sign that the answer
is not the real one (field notes §5). The diff is run per aligned paragraph on word tokens, so
it stays small: Myers' algorithm is O(N·D) in tokens and edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

Op = Literal["equal", "delete", "insert"]
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_OPS: dict[int, Op] = {0: "equal", -1: "delete", 1: "insert"}
#: first code point of the private alphabet; surrogates are skipped when counting up
_FIRST = 0x100


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is the same in both texts, or only in the old or only in the new."""

    op: Op
    text: str

    def to_json(self) -> list[str]:
        return [self.op, self.text]


def tokens(text: str) -> list[str]:
    """Words, white-space runs and single punctuation marks, in order; joined they are ``text``."""
    return _TOKEN.findall(text)


def _code(index: int) -> str:
    point = _FIRST + index
    if point >= 0xD800:
        point += 0x800  # step over the surrogate block
    return chr(point)


def word_diff(old: str, new: str) -> list[Piece]:
    """The differences from ``old`` to ``new``, cut at word boundaries, semantically cleaned."""
    if old == new:
        return [Piece("equal", old)] if old else []
    alphabet: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokens(text):
            code = alphabet.get(tok)
            if code is None:
                code = alphabet[tok] = _code(len(words))
                words.append(tok)
            out.append(code)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.0
    diffs = dmp.diff_main(encode(old), encode(new), False)
    dmp.diff_cleanupSemantic(diffs)
    decode = {code: tok for tok, code in alphabet.items()}
    pieces = [
        Piece(_OPS[op], "".join(decode[c] for c in data)) for op, data in diffs if data
    ]
    return pieces


def old_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "insert")


def new_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "delete")
