"""Sentence boundaries in English news prose, as code-point offsets into a paragraph.

``transcite quote ID#p5:s2`` counts sentences with these rules, so they are conservative: a
boundary is a run of ``.``, ``?``, ``!`` or ``…`` (with any closing quotation marks or brackets
after it), then white space, then something that can open a sentence (a capital letter or a
digit, optionally behind opening quotation marks or a bracket). The period is not a boundary
when the word it ends is

- a title or other abbreviation that stands before a name ("Mr.", "Dr.", "St.", "Gen."):
  never a boundary;
- an abbreviation that stands before a number but is also a word ("No. 5", "fig. 3", "art."):
  a boundary unless a number follows ("he said no. The talks ended" splits);
- an initial ("Donald J. Trump", "J. R. R. Tolkien"): never a boundary;
- a dotted acronym ("U.S.", "U.N.", "a.m.") or a word abbreviation that can end a sentence
  ("Inc.", "Jr.", "etc."): a boundary only when the next word is one that usually opens a
  sentence ("The U.S. The move…" splits, "U.S. President Donald Trump" does not).

Numbers need no rule of their own: "14,000", "3.5" and "150 – 200" have no period followed by
white space. A question or exclamation mark inside a quotation followed by a lower-case word
(“Why?” he asked) does not end the sentence.

Why not a library: pysbd (the usual rule-based splitter) has had no release since 2021 and its
character spans are known to drift; NLTK's Punkt needs a model download; spaCy is hundreds of
megabytes. These rules are tested on every paragraph of the seed record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transcite.core.text import BEFORE_NAME, BEFORE_NUMBER, MAY_END, is_dotted_abbreviation


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: words that usually open a sentence: after an acronym ("U.S.") they mark a boundary
_OPENERS = _words(
    """the a an this that these those it its he she they we i you his her their our there here
    in on at as by for from with after before during when while if but and or so yet however
    meanwhile still then now since although though because according some many most one two
    both all no not nor what who which where why how such each every another other"""
)

_CANDIDATE = re.compile(r"[.?!…]+[”’\"')\]]*(?P<gap>\s+)(?=[“‘\"'(\[]*[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_NEXT_WORD = re.compile(r"[“‘\"'(\[]*([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """Sentence ``n`` (1-based): ``text[start:end]`` of its paragraph, no surrounding space."""

    n: int
    start: int
    end: int
    text: str


def _is_boundary(text: str, end: int, after: int) -> bool:
    """Decide a candidate: the terminator ends at ``end``; the next sentence starts at
    ``after``."""
    word_match = _LAST_WORD.search(text, 0, end)
    word = word_match.group(1) if word_match else ""
    word = word.lstrip("“‘\"'([")
    if text[end - 1] != "." or word.endswith(".."):
        return True  # ?, !, … or an ellipsis: the capital after it opens a sentence
    bare = word.rstrip(".”’\"')]").lower()
    if _INITIAL.match(word) or bare in BEFORE_NAME:
        return False
    if bare in BEFORE_NUMBER:
        return not text[after : after + 1].isdigit()
    if is_dotted_abbreviation(word.rstrip("”’\"')]")) or bare in MAY_END:
        following = _NEXT_WORD.match(text, after)
        return following is not None and following.group(1).lower() in _OPENERS
    return True


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` in order; their texts, rejoined with the white space between
    them, give back ``text`` (leading and trailing white space aside)."""
    sentences: list[Sentence] = []
    start = len(text) - len(text.lstrip())
    for match in _CANDIDATE.finditer(text):
        end, after = match.start("gap"), match.end("gap")
        if end <= start or not _is_boundary(text, _terminator_end(text, end), after):
            continue
        sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
        start = after
    stop = len(text.rstrip())
    if stop > start:
        sentences.append(Sentence(len(sentences) + 1, start, stop, text[start:stop]))
    return tuple(sentences)


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation's period ("the U.S.", "Acme Inc.", "5 p.m."),
    closing quotation marks aside: that period belongs to the word, so a quotation keeps it."""
    match = _LAST_WORD.search(text.rstrip("”’\"')]"))
    if match is None or not match.group(1).endswith("."):
        return False
    word = match.group(1).lstrip("“‘\"'([")
    return is_dotted_abbreviation(word) or word[:-1].lower() in MAY_END


def _terminator_end(text: str, end: int) -> int:
    """The offset just after the terminator, before any closing quotes or brackets."""
    while end > 0 and text[end - 1] in "”’\"')]":
        end -= 1
    return end


def count_words(text: str) -> int:
    """Words as style manuals count them: runs with a letter or digit ("14,000" is one word,
    a dash standing alone is none)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))
