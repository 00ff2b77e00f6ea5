"""REFs: how users point at a text or a part of it, and their resolution against a record.

Grammar (one line, no spaces)::

    REF       = ID [ "@" VERSION ] [ "#" SELECTOR ]
    SELECTOR  = PARA [ ":" SENTENCES ] | PARA "-" PARA | FIGURE
    PARA      = "p" N                       e.g. p5
    SENTENCES = SPAN { "," SPAN }           e.g. s2, s2-3, s2-s3, s1,s3 (sentences of one paragraph)
    SPAN      = "s" N [ "-" ["s"] N ]       a comma leaves out the sentences between two spans
    FIGURE    = "fig" N                     e.g. fig1
    ID        = a record id (letters, digits, ".", "_", "-")
    VERSION   = N: the version of the record the REF was made against (``transcite revise``)

``p5-7`` is read as ``p5-p7``. :func:`parse_ref` checks only the shape and raises
:class:`~transcite.core.errors.UsageError` for a malformed REF; :func:`resolve_ref` checks it
against a
record ("no paragraph p40; kartsev-islamists has p1–p16") and returns a :class:`Pinpoint` (or
``None`` for the whole work). Sentence numbers are parsed here but checked by whoever splits the
paragraph into sentences (``transcite quote``); citations cite the paragraph.

Example::

    >>> ref = parse_ref("kartsev-islamists#p5-p7")
    >>> (ref.record_id, ref.start, ref.end)
    ('kartsev-islamists', 'p5', 'p7')
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from transcite.core.errors import UsageError
from transcite.core.model import Figure, Paragraph, Record

_REF = re.compile(
    r"""^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]{0,99})
    (?:@(?P<version>\d{1,6}))?
    (?:\#(?:
        (?P<p>p(?P<pn>\d{1,6}))
        (?: -p?(?P<pend>\d{1,6})
          | :(?P<spans>s\d{1,4}(?:-s?\d{1,4})?(?:,s?\d{1,4}(?:-s?\d{1,4})?)*) )?
      | (?P<fig>fig(?P<fn>\d{1,6}))
    ))?$""",
    re.X | re.ASCII,
)
SHAPES = "ID, ID#p5, ID#p5-p7, ID#p5:s2, ID#p5:s2-3 or ID#fig1 (ID@2#p5: as in version 2)"

PinpointKind = Literal["paragraph", "figure"]


# Value classes here are NamedTuples, not frozen dataclasses: every CLI start creates them, and
# a NamedTuple class costs about a quarter as much to create (start-up: bench/bench_cite.py).
class SentenceRange(NamedTuple):
    """Sentences ``first``..``last`` (1-based, inclusive) of one paragraph."""

    first: int
    last: int


class Ref(NamedTuple):
    """A parsed REF: the record id and, optionally, the blocks it points at."""

    text: str
    record_id: str
    start: str | None = None
    end: str | None = None
    sentences: SentenceRange | None = None
    #: the sentence spans quoted, low to high: one span, or several with omissions between
    #: them (``s1,s3``); ``sentences`` covers them all
    spans: tuple[SentenceRange, ...] = ()
    #: the version of the record the REF was made against (``ID@2#p5``), if it says
    version: int | None = None

    @property
    def kind(self) -> Literal["work", "paragraph", "figure"]:
        if self.start is None:
            return "work"
        return "figure" if self.start.startswith("fig") else "paragraph"


class Pinpoint(NamedTuple):
    """A resolved part of a record: paragraphs ``first``..``last`` or one figure."""

    kind: PinpointKind
    first: int
    last: int
    blocks: tuple[Paragraph, ...] | tuple[Figure, ...]
    sentences: SentenceRange | None = None

    @property
    def is_range(self) -> bool:
        return self.last != self.first

    @property
    def label(self) -> str:
        """The pinpoint as a REF selector: ``p5``, ``p5-p7``, ``fig1``.

        REFs name block ids, which stay put when ``transcite revise`` renumbers the
        paragraphs (p14 can be the 15th paragraph), so the label is made of ids, not numbers.
        """
        first, last = self.blocks[0].id, self.blocks[-1].id
        return first + (f"-{last}" if last != first else "")


def parse_ref(text: str) -> Ref:
    """Parse a REF, refusing anything that does not have one of the documented shapes."""
    match = _REF.fullmatch(text)  # not match: its $ also matches before a final newline
    if match is None:
        raise UsageError(f"malformed REF {text!r}: use {SHAPES}")
    ref = _parse_selector(text, match)
    if match["version"] is None:
        return ref
    version = int(match["version"])
    if version < 1:
        raise UsageError(f"bad version in REF {text!r}: versions count from 1")
    return ref._replace(version=version)


def _parse_selector(text: str, match: re.Match[str]) -> Ref:
    if match["fig"]:
        return Ref(text, match["id"], start=match["fig"])
    if not match["p"]:
        return Ref(text, match["id"])
    first = int(match["pn"])
    if match["pend"] is not None:
        last = int(match["pend"])
        if last < first:
            raise UsageError(f"reversed range in REF {text!r}: write p{last}-p{first}")
        end = f"p{last}" if last != first else None
        return Ref(text, match["id"], start=f"p{first}", end=end)
    if match["spans"] is None:
        return Ref(text, match["id"], start=f"p{first}")
    spans = _sentence_spans(text, match["spans"])
    sentences = SentenceRange(spans[0].first, spans[-1].last)
    return Ref(text, match["id"], start=f"p{first}", sentences=sentences, spans=spans)


_SPAN = re.compile(r"s?(\d+)(?:-s?(\d+))?", re.ASCII)


def _sentence_spans(text: str, spans: str) -> tuple[SentenceRange, ...]:
    """``s2``, ``s2-3``, ``s1,s3-4``: ranges low to high; touching ranges are merged."""
    out: list[SentenceRange] = []
    for part in spans.split(","):
        match = _SPAN.fullmatch(part)
        assert match is not None  # the REF pattern admitted it
        first = int(match[1])
        last = int(match[2]) if match[2] is not None else first
        if first < 1 or last < first or (out and first <= out[-1].last):
            raise UsageError(
                f"bad sentence range in REF {text!r}: sentences count from s1, low to high"
            )
        if out and first == out[-1].last + 1:
            out[-1] = SentenceRange(out[-1].first, last)
        else:
            out.append(SentenceRange(first, last))
    return tuple(out)


def _span(ids: list[str]) -> str:
    return f"{ids[0]}–{ids[-1]}" if len(ids) > 1 else ids[0]


def _runs(ids: list[str]) -> str:
    """Ids in reading order, consecutive numbers as one run: ``p1–p16``; after a revision
    that moved or removed paragraphs ``p1, p5, p3–p4, p2, p6–p16``."""
    runs: list[list[str]] = []
    for ident in ids:
        if runs and _follows(runs[-1][-1], ident):
            runs[-1].append(ident)
        else:
            runs.append([ident])
    return ", ".join(_span(run) for run in runs)


_NUMBERED = re.compile(r"([a-z]+)(\d+)", re.ASCII)


def _follows(before: str, ident: str) -> bool:
    """``p4`` follows ``p3``."""
    a, b = _NUMBERED.fullmatch(before), _NUMBERED.fullmatch(ident)
    return bool(a and b and a[1] == b[1] and int(a[2]) + 1 == int(b[2]))


def _missing(record: Record, what: str, block_id: str, ids: list[str],
             version: int | None) -> UsageError:
    """``no paragraph p40; ID has p1–p16``, naming the version a versioned REF looked in,
    or the latest earlier version that still has a block a revision took away."""
    if version is not None:
        had = f"had {_runs(ids)}" if ids else f"had no {what}s"
        return UsageError(f"no {what} {block_id} in version {version}; {record.id} {had}")
    has = f"has {_runs(ids)}" if ids else f"has no {what}s"
    hint = ""
    for earlier in reversed(record.earlier):
        if any(block.id == block_id for block in earlier.blocks):
            hint = f" ({block_id} is in version {earlier.n}: {record.id}@{earlier.n}#{block_id})"
            break
    return UsageError(f"no {what} {block_id}; {record.id} {has}{hint}")


def _paragraph(record: Record, block_id: str, version: int | None) -> Paragraph:
    block = record.block(block_id)
    if isinstance(block, Paragraph):
        return block
    ids = [p.id for p in record.paragraphs]
    raise _missing(record, "paragraph", block_id, ids, version)


def _figure(record: Record, block_id: str, version: int | None) -> tuple[int, Figure]:
    figures = record.figures
    for number, fig in enumerate(figures, start=1):
        if fig.id == block_id:
            return number, fig
    raise _missing(record, "figure", block_id, [f.id for f in figures], version)


def resolve_ref(ref: Ref, record: Record, version: int | None = None) -> Pinpoint | None:
    """The part of ``record`` the REF points at (``None``: the whole work).

    ``version``: the record is version N of a revised record (errors then say so).
    """
    if ref.record_id != record.id:
        raise UsageError(f"REF {ref.text!r} names {ref.record_id!r}, not {record.id!r}")
    if ref.start is None:
        return None
    if ref.kind == "figure":
        number, fig = _figure(record, ref.start, version)
        return Pinpoint("figure", number, number, (fig,))
    first = _paragraph(record, ref.start, version)
    if ref.end is None:
        return Pinpoint("paragraph", first.n, first.n, (first,), ref.sentences)
    last = _paragraph(record, ref.end, version)
    paragraphs = record.paragraphs
    i, j = paragraphs.index(first), paragraphs.index(last)
    if i > j:  # ids are stable, so a revision that moves paragraphs can reorder them
        raise UsageError(
            f"{first.id}–{last.id} is not a range in {record.id}: {first.id} (paragraph "
            f"{first.n}) comes after {last.id} (paragraph {last.n}) since a revision; cite the "
            "paragraphs one by one"
        )
    return Pinpoint("paragraph", first.n, last.n, paragraphs[i : j + 1])
