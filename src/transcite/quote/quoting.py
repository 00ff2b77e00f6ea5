"""Quotations by REF: the exact words of a record, set the way a citation style wants them.

Two steps, both plain data:

1. :func:`select_excerpt` turns a REF (``ID#p5``, ``ID#p5-p7``, ``ID#p5:s2``, ``ID#p5:s2-3``,
   ``ID#p5:s1,s3`` with an omission, ``ID#fig1`` for a caption) into an :class:`Excerpt`: the
   verbatim :class:`Piece` s of the record's text, with block ids, fingerprints and code-point
   offsets. Nothing is changed here.
2. :func:`set_quotation` applies a style's :class:`QuoteRules` (``Style.quote_rules``): run-in
   or block by the style's threshold, inner quotation marks nested, the style's ellipsis
   between omitted sentences, the final period placed before or after the citation, the
   citation itself from the style (``transcite.cite.citation.render_citation``, so pinpoint
   notices are the ones ``transcite cite`` gives). Every change to the quoted words is listed
   in :attr:`Quotation.alterations`.

Rendering to text, Markdown, HTML, LaTeX and JSON is in ``transcite.quote.formats``; W3C Web
Annotations in ``transcite.quote.annotation``; scroll-to-text links in
``transcite.quote.textfragment``.
Rules and their sources: ``docs/quoting.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from transcite.cite.citation import Citation, render_citation
from transcite.cite.quote_rules import QuoteRules
from transcite.cite.styles import get_style
from transcite.core.model import Paragraph, Record
from transcite.core.refs import Ref
from transcite.quote.excerpt import (
    Excerpt,
    Piece,
    check_sentences,
    select_excerpt,
    sentences_as_in_version,
)
from transcite.quote.sentences import ends_with_abbreviation
from transcite.render.richtext import Node, Quoted, Span, span

Setting = Literal["run-in", "block"]

#: the excerpt names are defined in ``quote.excerpt``; re-exported here, where quoting starts
__all__ = [
    "Excerpt",
    "Piece",
    "Quotation",
    "QuoteRules",
    "Setting",
    "check_sentences",
    "nested",
    "quote_ref",
    "rules_for",
    "select_excerpt",
    "sentences_as_in_version",
    "set_quotation",
    "setting_for",
]


# ------------------------------------------------------------------------------ style rules


def rules_for(style: str) -> tuple[QuoteRules, tuple[str, ...]]:
    """The quotation rules of ``style`` (the style carries them); a style without rules of its
    own gets APA's, with a notice."""
    rules = get_style(style).quote_rules
    if rules is not None:
        return rules, ()
    fallback = get_style("apa").quote_rules
    assert fallback is not None
    return fallback, (f"{style} has no quotation rules of its own; set by APA's",)


def setting_for(excerpt: Excerpt, rules: QuoteRules) -> Setting:
    """Block for more than one paragraph (no run-in quotation can show a paragraph break),
    else by the style's threshold. A caption is always run in."""
    if excerpt.figure is not None:
        return "run-in"
    if len(excerpt.paragraphs) > 1:
        return "block"
    if rules.measure == "words":
        return "block" if excerpt.words >= rules.threshold else "run-in"
    return "block" if excerpt.characters > rules.threshold else "run-in"


# ------------------------------------------------------------------------------ setting

_INNER = re.compile(r"“([^“”]*)”")
_FINAL_PERIOD = re.compile(r"(?<!\.)\.(?P<close>[”’]*)$")
_TERMINAL = re.compile(r"[.?!…][”’\"')\]]*$")


#: a ‘…’ pair: the opening mark starts a word, the closing one ends a word; a ’ inside a word
#: ("they’re", "the deal’s") is an apostrophe and does not close it
_INNER_SINGLE = re.compile(r"(?<!\w)‘((?:[^‘’]|’(?=\w))*)’(?!\w)")


def nested(text: str) -> Span:
    """Text with each “…” pair as a :class:`Quoted` node, and each ‘…’ pair inside one as a
    :class:`Quoted` inside that, so that marks alternate by depth as the style nests them:
    in a US run-in quotation the “…” turn single and a ‘…’ inside them double again; a block
    keeps the source's marks.

    A ‘…’ pair outside any “…” is a :class:`Quoted` marked ``british`` (single marks at the
    top level): a block keeps it single, and inside a run-in quotation it nests like any
    inner quotation (single in US marks, double in British ones).
    """
    parts: list[Node] = []
    pos = 0
    for match in _INNER.finditer(text):
        inner = _pairs(match.group(1), british=False)
        parts += [_pairs(text[pos : match.start()], british=True), Quoted(inner)]
        pos = match.end()
    parts.append(_pairs(text[pos:], british=True))
    return span(*parts)


def _pairs(text: str, british: bool) -> Span:
    """``text`` with each ‘…’ pair as a :class:`Quoted` node."""
    parts: list[Node] = []
    pos = 0
    for match in _INNER_SINGLE.finditer(text):
        parts += [text[pos : match.start()], Quoted(match.group(1), british=british)]
        pos = match.end()
    parts.append(text[pos:])
    return span(*parts)


def _has_top_single(text: str) -> bool:
    return any(_INNER_SINGLE.search(part) for part in _INNER.split(text)[::2])


def _has_nested_single(text: str) -> bool:
    return any(_INNER_SINGLE.search(m.group(1)) for m in _INNER.finditer(text))


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation set in a style: the quoted content and its citation, ready to render."""

    excerpt: Excerpt
    style: str
    rules: QuoteRules
    setting: Setting
    #: one rich-text node per quoted paragraph, without the outer quotation marks
    paragraphs: tuple[Node, ...]
    citation: Citation
    reference: Citation
    #: the final period, moved after the citation (parenthetical styles), or "" for none
    trailing: str
    alterations: tuple[str, ...] = ()
    #: what the user must be told about the quotation and its citation; the reference entry's
    #: own notices are in ``reference.notices`` (shown when the entry is)
    notices: tuple[str, ...] = field(default=())

    def notices_with_reference(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.notices, *self.reference.notices)))

    @property
    def record(self) -> Record:
        return self.excerpt.record

    @property
    def is_note(self) -> bool:
        return self.rules.form == "note"


def _paragraph_node(pieces: tuple[Piece, ...], ellipsis: str) -> Node:
    parts: list[Node] = []
    for i, piece in enumerate(pieces):
        if i:
            parts.append(f" {ellipsis} ")
        parts.append(nested(piece.text))
    return span(*parts)


def _ellipsis(excerpt: Excerpt, rules: QuoteRules) -> str:
    """MLA brackets its ellipsis when the quoted text has one of its own (MLA 9)."""
    own = any("..." in p.text or "…" in p.text for p in excerpt.pieces)
    return f"[{rules.ellipsis}]" if own and rules.bracket_own_ellipsis else rules.ellipsis


def _final_punctuation(
    last: Piece, setting: Setting, rules: QuoteRules
) -> tuple[Piece, str, str | None]:
    """The last piece as quoted, what follows the citation, and the alteration made if any.

    Run in with a parenthetical or numeric citation, the quoted sentence's period moves after
    the citation: “… interests” (Kartsev, n.d., para. 5). A question or exclamation mark stays
    and the period still follows (APA 8.26; MLA and Chicago author-date alike). With a note, the
    period stays inside the closing mark and the note number follows (CMOS 6.9); a quotation
    with no closing punctuation of its own gets one there. A block keeps its punctuation and
    the citation follows it.
    """
    if setting == "block" and not rules.block_cite_inside:
        return last, "", None
    text = last.text
    if rules.form == "note":
        if _TERMINAL.search(text):
            return last, "", None
        added = Piece(last.block_id, last.start, last.end, text + ".", last.fingerprint,
                      last.sentences)
        return added, "", "a period added inside the closing quotation mark (US style)"
    match = _FINAL_PERIOD.search(text)
    if match is None or ends_with_abbreviation(text):
        return last, ".", None
    cut = text[: match.start()] + match.group("close")
    moved = Piece(last.block_id, last.start, last.end, cut, last.fingerprint, last.sentences)
    return moved, ".", "the final period moved after the citation"


def _alterations(excerpt: Excerpt, setting: Setting, rules: QuoteRules) -> list[str]:
    out = []
    if setting == "run-in" and not rules.british and any(
        "“" in p.text or "”" in p.text for p in excerpt.pieces
    ):
        out.append("double quotation marks inside the quotation set as single ones")
        if any(_has_nested_single(p.text) for p in excerpt.pieces):
            out.append("single quotation marks inside those set as double ones")
    if setting == "run-in" and rules.british and any(_has_top_single(p.text)
                                                      for p in excerpt.pieces):
        out.append("single quotation marks inside the quotation set as double ones")
    if excerpt.has_omission:
        out.append(f"omitted sentences marked with “{_ellipsis(excerpt, rules)}”")
    return out


def _skipped_blocks(excerpt: Excerpt) -> tuple[str, ...]:
    """A range of paragraphs that runs past a caption or section label says so: they are not
    body text and are left out of the quotation."""
    blocks = excerpt.record.blocks
    ids = [b.id for b in blocks]
    first, last = ids.index(excerpt.pieces[0].block_id), ids.index(excerpt.pieces[-1].block_id)
    skipped = [b for b in blocks[first:last] if not isinstance(b, Paragraph)]
    if not skipped:
        return ()
    kinds = {"figure": "a photo caption", "label": "a section label"}
    names = ", ".join(f"{b.id} ({kinds.get(b.kind, b.kind)})" for b in skipped)
    notice = f"{excerpt.selector} runs past {names}, left out of the quotation"
    if blocks[first].section != blocks[last].section:
        notice += "; the paragraphs are in different sections"
    return (notice,)


def set_quotation(
    excerpt: Excerpt, style: str = "apa", *, accessed: str | None = None
) -> Quotation:
    """The excerpt set as ``style`` sets quotations, with its citation and reference entry."""
    rules, notices = rules_for(style)
    setting = setting_for(excerpt, rules)
    alterations = _alterations(excerpt, setting, rules)
    groups = [list(g) for g in excerpt.paragraphs]
    last, trailing, change = _final_punctuation(groups[-1][-1], setting, rules)
    groups[-1][-1] = last
    if change:
        alterations.append(change)
    ellipsis = _ellipsis(excerpt, rules)
    nodes = tuple(_paragraph_node(tuple(g), ellipsis) for g in groups)
    record = excerpt.record
    citation = render_citation(record, style, rules.form, excerpt.pinpoint, accessed=accessed)
    reference = render_citation(record, style, "reference", accessed=accessed)
    credit_notice: tuple[str, ...] = _skipped_blocks(excerpt)
    if excerpt.figure is not None and excerpt.figure.credit is None:
        credit_notice += (f"{excerpt.figure.id} has no photo credit in the record; find it "
                         "before you publish the caption",)
    return Quotation(
        excerpt, style, rules, setting, nodes, citation, reference, trailing,
        tuple(alterations),
        tuple(dict.fromkeys((*notices, *citation.notices, *credit_notice))),
    )


def quote_ref(
    record: Record, ref: str | Ref, style: str = "apa", *, accessed: str | None = None
) -> Quotation:
    """Select and set in one call: ``quote_ref(record, "kartsev-islamists#p5:s2", "mla")``."""
    return set_quotation(select_excerpt(record, ref), style, accessed=accessed)
