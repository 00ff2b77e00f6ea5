"""A set :class:`~transcite.quote.quoting.Quotation` written out: text, Markdown, HTML, LaTeX, JSON.

The quotation is built as one rich-text document (:func:`quotation_tree`) and rendered by the
same backends as citations (``transcite.render``): a new output format is a new backend.

Every format carries the same parts in the same order: the quotation with its citation (or
note number), the photo credit of a caption, the note itself (notes styles), then on request
the reference entry (``with_reference``) and a scroll-to-text link (``link``). The quoted words
come from the quotation's rich-text nodes, so the formats cannot disagree about them.

- ``text``: curly quotes; a block is indented four spaces; a note number is a superscript
  digit with the note below ("1. …").
- ``markdown``: a block is a ``>`` quotation; notes are footnotes (``[^1]``).
- ``html``: ``<q cite>`` (nested ``<q>`` for inner quotations; the browser draws the marks) or
  ``<blockquote cite>``, the citation in ``<cite>``, all text escaped.
- ``latex``: csquotes ``\\textquote`` (nested for inner quotations) or the ``displayquote``
  environment, and a biblatex citation with the record id as key and the style's pinpoint as
  postnote (``\\parencite[para.~5]{kartsev-islamists}``; ``\\footcite`` for notes).
- ``json``: the parts as data (see :func:`quotation_json`).
"""

from __future__ import annotations

from typing import Any

from transcite.core.errors import UsageError
from transcite.quote.quoting import Piece, Quotation
from transcite.render.richtext import (
    Block,
    BlockQuote,
    Citing,
    Doc,
    InlineQuote,
    Note,
    Para,
    Permalink,
    get_backend,
    render,
    span,
)

FORMATS = ("text", "markdown", "html", "latex", "json", "annotation")


def check_format(fmt: str) -> str:
    """One of ``FORMATS``, or any other registered output backend (a new format is one
    backend class: ``transcite.render``)."""
    if fmt not in FORMATS:
        try:
            get_backend(fmt)
        except UsageError:
            raise UsageError(
                f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}"
            ) from None
    return fmt


def credit_line(quotation: Quotation) -> str | None:
    """"Photo: Sergei Savostyanov / TASS / Vida Press" for a caption with a credit."""
    figure = quotation.excerpt.figure
    if figure is None or figure.credit is None:
        return None
    return f"Photo: {figure.credit.text}"


def _citing(quotation: Quotation) -> Citing:
    """The citation as the style prints it, with what a biblatex citation needs: the record
    id as key and the style's pinpoint (``para. 5``) as postnote."""
    from transcite.cite.styles import get_style
    from transcite.cite.work import work_of

    pinpoint = quotation.excerpt.pinpoint
    locator = get_style(quotation.style).locator(work_of(quotation.record), pinpoint, [])
    return Citing(
        quotation.citation.content, quotation.record.id, quotation.rules.latex_cite, locator,
        1 if quotation.is_note else None,
    )


def quotation_tree(quotation: Quotation, with_reference: bool, link: str | None) -> Doc:
    """The quotation as a rich-text document: the quoted words with their citation (or note
    mark), the photo credit of a caption, the note, the reference entry and the link."""
    citing = _citing(quotation)
    after = citing if quotation.is_note else span(" ", citing, quotation.trailing)
    url = quotation.record.url
    first: Block
    if quotation.setting == "run-in":
        quoted = InlineQuote(quotation.paragraphs[0], quotation.rules.british, url)
        first = span(quoted, after)
    else:
        paragraphs = list(quotation.paragraphs)
        paragraphs[-1] = span(paragraphs[-1], after)
        first = BlockQuote(tuple(paragraphs), url)
    blocks: list[Block] = [first]
    credit = credit_line(quotation)
    if credit:
        blocks.append(Para(credit, "credit"))
    if quotation.is_note:
        blocks.append(Note(1, quotation.citation.content))
    if with_reference:
        blocks.append(Para(quotation.reference.content, "reference"))
    if link:
        blocks.append(Para(Permalink(link, "Open the quoted words")))
    return Doc(tuple(blocks))


def write(quotation: Quotation, fmt: str, with_reference: bool, link: str | None) -> str:
    """The quotation in ``text``, ``markdown``, ``html`` or ``latex`` (see the module)."""
    return render(quotation_tree(quotation, with_reference, link), fmt)


def write_text(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    return write(quotation, "text", with_reference, link)


def write_markdown(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    return write(quotation, "markdown", with_reference, link)


def write_html(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    return write(quotation, "html", with_reference, link)


def write_latex(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    return write(quotation, "latex", with_reference, link)


# ------------------------------------------------------------------------------ json


def quoted_text(quotation: Quotation) -> str:
    """The quoted words as set (marks, ellipses), without citation: paragraphs apart by a
    blank line."""
    if quotation.setting == "run-in":
        return render(InlineQuote(quotation.paragraphs[0], quotation.rules.british))
    return "\n\n".join(render(node) for node in quotation.paragraphs)


def _piece_json(piece: Piece, kind: str) -> dict[str, Any]:
    return {
        "id": piece.block_id,
        "kind": kind,
        "fingerprint": piece.fingerprint,
        "start": piece.start,
        "end": piece.end,
        "sentences": [piece.sentences.first, piece.sentences.last] if piece.sentences else None,
        "text": piece.text,
    }


def quotation_json(quotation: Quotation, link: str | None) -> dict[str, Any]:
    """The quotation as data: what was quoted (verbatim, with offsets and fingerprints), how it
    was set, its citation and reference entry, the translators and any photo credit."""
    excerpt = quotation.excerpt
    record = quotation.record
    figure = excerpt.figure
    kind = "figure" if figure is not None else "paragraph"
    return {
        "ref": excerpt.canonical_ref,
        "record": record.id,
        "style": quotation.style,
        "setting": quotation.setting,
        "rule": quotation.rules.rule,
        "words": excerpt.words,
        "characters": excerpt.characters,
        "quotation": quoted_text(quotation),
        "blocks": [_piece_json(piece, kind) for piece in excerpt.pieces],
        "alterations": list(quotation.alterations),
        "citation": {
            "form": quotation.citation.form,
            "text": quotation.citation.render("text"),
        },
        "reference": quotation.reference.render("text"),
        "translators": [p.to_json() for p in record.translators],
        "credit": figure.credit.to_json() if figure is not None and figure.credit else None,
        "url": record.url,
        "link": link,
        "notices": list(quotation.notices_with_reference()),
    }
