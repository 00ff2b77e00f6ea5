"""What a REF quotes: the verbatim pieces of a record's text (:func:`select_excerpt`).

Nothing is changed here: an :class:`Excerpt` holds the record's own words with block ids,
fingerprints and code-point offsets; :mod:`transcite.quote.quoting` sets them by a style.
"""

from __future__ import annotations

from dataclasses import dataclass

from transcite.core.errors import UsageError
from transcite.core.model import Figure, Paragraph, Record
from transcite.core.refs import Pinpoint, Ref, SentenceRange, parse_ref, resolve_ref
from transcite.quote.sentences import Sentence, count_words, split_sentences


@dataclass(frozen=True, slots=True)
class Piece:
    """A verbatim run of one block's text: ``block text[start:end]`` (code points)."""

    block_id: str
    start: int
    end: int
    text: str
    #: the paragraph's stored fingerprint (``None`` for a caption)
    fingerprint: str | None
    #: the sentences quoted (``None``: the whole block)
    sentences: SentenceRange | None = None


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What a REF quotes: pieces in reading order; two pieces of one block mean an omission."""

    record: Record
    ref: Ref
    pinpoint: Pinpoint
    pieces: tuple[Piece, ...]
    figure: Figure | None = None
    #: the earlier version the words are quoted from (``None``: the current text)
    version: int | None = None

    @property
    def canonical_ref(self) -> str:
        """``ID#p5:s2``, or ``ID@1#p13:s3`` for words quoted as they were in version 1."""
        at = f"@{self.version}" if self.version is not None else ""
        return f"{self.record.id}{at}#{self.selector}"

    @property
    def paragraphs(self) -> tuple[tuple[Piece, ...], ...]:
        """The pieces grouped by block (a range of paragraphs gives several groups)."""
        groups: list[list[Piece]] = []
        for piece in self.pieces:
            if groups and groups[-1][0].block_id == piece.block_id:
                groups[-1].append(piece)
            else:
                groups.append([piece])
        return tuple(tuple(g) for g in groups)

    @property
    def selector(self) -> str:
        """The canonical REF selector: ``p5``, ``p5-p7``, ``p5:s2-3``, ``p5:s1,s3``, ``fig1``."""
        spans = self.ref.spans
        if not spans:
            return self.pinpoint.label
        parts = [f"s{s.first}" + (f"-{s.last}" if s.last != s.first else "") for s in spans]
        return f"{self.pinpoint.label}:{','.join(parts)}"

    @property
    def has_omission(self) -> bool:
        return any(len(group) > 1 for group in self.paragraphs)

    @property
    def words(self) -> int:
        return sum(count_words(p.text) for p in self.pieces)

    @property
    def characters(self) -> int:
        return sum(len(p.text) for p in self.pieces)


def _sentences_of(paragraph: Paragraph, ref: Ref) -> tuple[Sentence, ...]:
    sentences = split_sentences(paragraph.text)
    asked = ref.sentences
    if asked is not None and asked.last > len(sentences):
        count = len(sentences)
        has = "1 sentence (s1)" if count == 1 else f"{count} sentences (s1–s{count})"
        raise UsageError(f"no sentence s{asked.last} in {paragraph.id}; it has {has}")
    return sentences


def select_excerpt(record: Record, ref: str | Ref) -> Excerpt:
    """The verbatim pieces of ``record`` that the REF points at; a whole work cannot be quoted."""
    parsed = parse_ref(ref) if isinstance(ref, str) else ref
    pinpoint = resolve_ref(parsed, record)
    if pinpoint is None:
        raise UsageError(
            f"REF {parsed.text!r} names a whole text; quote a part of it: "
            f"{parsed.record_id}#p1, #p1-p3, #p1:s2, #p1:s1,s3 or #fig1"
        )
    if pinpoint.kind == "figure":
        fig = pinpoint.blocks[0]
        assert isinstance(fig, Figure)
        piece = Piece(fig.id, 0, len(fig.caption), fig.caption, None)
        return Excerpt(record, parsed, pinpoint, (piece,), fig)
    paragraphs = [b for b in pinpoint.blocks if isinstance(b, Paragraph)]
    if parsed.sentences is None:
        pieces = tuple(Piece(p.id, 0, len(p.text), p.text, p.fingerprint) for p in paragraphs)
        return Excerpt(record, parsed, pinpoint, pieces)
    paragraph = paragraphs[0]
    sentences = _sentences_of(paragraph, parsed)
    out = []
    for wanted in parsed.spans:
        first, last = sentences[wanted.first - 1], sentences[wanted.last - 1]
        text = paragraph.text[first.start : last.end]
        out.append(Piece(paragraph.id, first.start, last.end, text, paragraph.fingerprint, wanted))
    return Excerpt(record, parsed, pinpoint, tuple(out))


def sentences_as_in_version(ref: Ref, current: Record, then: Record) -> tuple[Record, list[str]]:
    """The record a sentence REF made against an earlier version (``ID@1#p13:s3``) quotes from.

    The current text, as for a whole paragraph, while the paragraph still has the sentences
    asked for; when it has fewer now (it was split or cut), the sentences are quoted as they
    were in the version the REF was made against, rather than refused or taken from elsewhere.
    """
    if ref.start is None or ref.sentences is None or ref.version is None:
        return current, []
    now, old = current.block(ref.start), then.block(ref.start)
    if not isinstance(now, Paragraph) or not isinstance(old, Paragraph):
        return current, []
    count_now, count_then = len(split_sentences(now.text)), len(split_sentences(old.text))
    last = ref.sentences.last
    if last <= count_now or last > count_then:
        return current, []
    return then, [
        f"{ref.start} has {count_now} sentences now, {count_then} in version {ref.version}; "
        f"quoted as it was in version {ref.version}"
    ]


def check_sentences(record: Record, ref: Ref) -> None:
    """Refuse a REF naming sentences its paragraph does not have (``ID#p5:s9``), as
    :func:`select_excerpt` does; ``transcite cite`` cites the paragraph of a valid one."""
    pinpoint = resolve_ref(ref, record)
    if ref.sentences is not None and pinpoint is not None and pinpoint.kind == "paragraph":
        block = pinpoint.blocks[0]
        assert isinstance(block, Paragraph)
        _sentences_of(block, ref)
