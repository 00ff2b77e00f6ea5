"""A set :class:`~transcite.quote.quoting.Quotation` written out: text, Markdown, HTML, LaTeX, JSON.

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

import html
import re
from collections.abc import Callable
from typing import Any

from transcite.core.errors import UsageError
from transcite.quote.quoting import Piece, Quotation
from transcite.render.richtext import Emph, Link, Node, Quoted, Span, get_backend, render

FORMATS = ("text", "markdown", "html", "latex", "json", "annotation")

_SUPERSCRIPT_ONE = "¹"
_NEST_DOUBLE = str.maketrans({"“": "‘", "”": "’"})
_US_PAIRS = ("'\\201C' '\\201D'", "'\\2018' '\\2019'")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def credit_line(quotation: Quotation) -> str | None:
    """"Photo: Sergei Savostyanov / TASS / Vida Press" for a caption with a credit."""
    figure = quotation.excerpt.figure
    if figure is None or figure.credit is None:
        return None
    return f"Photo: {figure.credit.text}"


def _outer(quotation: Quotation, inner: Node) -> Node:
    return Quoted(inner, british=quotation.rules.british)


# ------------------------------------------------------------------------------ text, markdown


def _plain(quotation: Quotation, fmt: str) -> list[str]:
    """The quotation and its citation in ``text`` or ``markdown``, as paragraphs."""
    cite = quotation.citation.render(fmt)
    mark = {"text": _SUPERSCRIPT_ONE, "markdown": "[^1]"}[fmt]
    after = mark if quotation.is_note else f" {cite}{quotation.trailing}"
    if quotation.setting == "run-in":
        return [render(_outer(quotation, quotation.paragraphs[0]), fmt) + after]
    bodies = [render(node, fmt) for node in quotation.paragraphs]
    bodies[-1] += mark if quotation.is_note else f" {cite}{quotation.trailing}"
    if fmt == "markdown":
        return ["\n>\n".join(f"> {_md_line_start(b)}" for b in bodies)]
    return [f"    {b}" for b in bodies]


_MD_LIST_START = re.compile(r"^(\d+)([.)])(?=\s)|^([-+])(?=\s)")


def _md_line_start(line: str) -> str:
    """A paragraph that starts like a list item ("1. ", "- ") would become a list inside the
    ``>`` quotation: escape its marker (CommonMark backslash escapes)."""
    return _MD_LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def _plain_note(quotation: Quotation, fmt: str) -> str:
    label = "1." if fmt == "text" else "[^1]:"
    return f"{label} {quotation.citation.render(fmt)}"


def _text_like(fmt: str) -> Callable[[Quotation, bool, str | None], str]:
    def write(quotation: Quotation, with_reference: bool, link: str | None) -> str:
        parts = _plain(quotation, fmt)
        credit = credit_line(quotation)
        if credit:
            parts.append(get_backend(fmt).text(credit))
        if quotation.is_note:
            parts.append(_plain_note(quotation, fmt))
        if with_reference:
            parts.append(quotation.reference.render(fmt))
        if link:
            parts.append(render(Link(link), fmt))
        return "\n\n".join(parts)

    return write


write_text = _text_like("text")
write_markdown = _text_like("markdown")


# ------------------------------------------------------------------------------ html


def _source_marks(node: Quoted, depth: int) -> tuple[str, str]:
    """The source's own marks for a quotation ``depth`` levels in: “…”, then ‘…’ inside; a
    ‘…’ of the source at the top level (``british``) stays single."""
    single = depth % 2 == 1 or (depth == 0 and node.british)
    return ("‘", "’") if single else ("“", "”")


def _html_inline(node: Node, nest: bool, depth: int = 0) -> str:
    """Quote content as HTML: inner quotations become nested ``<q>`` in a run-in quotation
    (``nest``); a block keeps the source's marks as characters."""
    if isinstance(node, str):  # a mark left unpaired turns single too, as in text output
        return html.escape(node.translate(_NEST_DOUBLE) if nest else node, quote=False)
    if isinstance(node, Span):
        return "".join(_html_inline(c, nest, depth) for c in node.children)
    if isinstance(node, Quoted):
        inner = _html_inline(node.child, nest, depth + 1)
        left, right = _source_marks(node, depth)
        return f"<q>{inner}</q>" if nest else f"{left}{inner}{right}"
    return render(node, "html")  # pragma: no cover - quotations hold only text and quotes


def _depth(node: Node) -> int:
    """How many quotations deep ``node`` nests."""
    if isinstance(node, Quoted):
        return 1 + _depth(node.child)
    if isinstance(node, Span):
        return max((_depth(c) for c in node.children), default=0)
    return 0


def _quotes_style(node: Node, british: bool) -> str:
    """The CSS ``quotes`` pairs for a run-in ``<q>``, when the browser's own will not do.

    Browsers draw nested ``<q>`` with the ``quotes`` pairs and repeat the last pair once they
    run out; their English default has two pairs (“…” then ‘…’). British marks start with
    ‘…’; a quotation three deep needs a third pair (“… ‘… “…” …’ …”)."""
    levels = 1 + _depth(node)
    if not british and levels < 3:
        return ""
    first, second = _US_PAIRS[::-1] if british else _US_PAIRS
    pairs = [first, second, first] if levels >= 3 else [first, second]
    return f' style="quotes: {" ".join(pairs)}"'


def _html_quote(quotation: Quotation) -> str:
    url = quotation.record.url
    cite_attr = f' cite="{html.escape(url, quote=True)}"' if url else ""
    # browsers set <cite> in italics; in-text citations are roman in every style
    citation = f'<cite style="font-style: normal">{quotation.citation.render("html")}</cite>'
    mark = '<sup><a href="#transcite-note-1" id="transcite-ref-1">1</a></sup>'
    if quotation.setting == "run-in":
        style = _quotes_style(quotation.paragraphs[0], quotation.rules.british)
        body = f"<q{cite_attr}{style}>{_html_inline(quotation.paragraphs[0], True)}</q>"
        return body + (mark if quotation.is_note else f" {citation}{quotation.trailing}")
    paragraphs = [_html_inline(node, False) for node in quotation.paragraphs]
    paragraphs[-1] += mark if quotation.is_note else f" {citation}{quotation.trailing}"
    inner = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<blockquote{cite_attr}>\n{inner}\n</blockquote>"


def write_html(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    parts = [_html_quote(quotation)]
    credit = credit_line(quotation)
    if credit:
        parts.append(f'<p class="credit">{html.escape(credit, quote=False)}</p>')
    if quotation.is_note:
        note = quotation.citation.render("html")
        parts.append(f'<ol class="notes">\n<li id="transcite-note-1">{note}</li>\n</ol>')
    if with_reference:
        parts.append(f'<p class="reference">{quotation.reference.render("html")}</p>')
    if link:
        parts.append(f"<p>{render(Link(link, 'Open the quoted words'), 'html')}</p>")
    return "\n".join(parts)


# ------------------------------------------------------------------------------ latex


def _latex_inline(node: Node, nest: bool, depth: int = 0) -> str:
    """Quote content as LaTeX: inner quotations become nested ``\\textquote`` in a run-in
    quotation (``nest``); a block keeps the source's marks as characters."""
    if isinstance(node, str):  # a mark left unpaired turns single too, as in text output
        return get_backend("latex").text(node.translate(_NEST_DOUBLE) if nest else node)
    if isinstance(node, Span):
        return "".join(_latex_inline(c, nest, depth) for c in node.children)
    if isinstance(node, Quoted):
        inner = _latex_inline(node.child, nest, depth + 1)
        left, right = _source_marks(node, depth)
        return rf"\textquote{{{inner}}}" if nest else f"{left}{inner}{right}"
    if isinstance(node, Emph | Link):  # pragma: no cover - quotations hold only text and quotes
        return render(node, "latex")
    raise AssertionError(node)  # pragma: no cover


def latex_citation(quotation: Quotation) -> str:
    """``\\parencite[para.~5]{kartsev-islamists}``: the style's pinpoint as postnote."""
    from transcite.cite.styles import get_style
    from transcite.cite.work import work_of

    pinpoint = quotation.excerpt.pinpoint
    locator = get_style(quotation.style).locator(work_of(quotation.record), pinpoint, [])
    post = f"[{get_backend('latex').text(locator).replace(' ', '~')}]" if locator else ""
    return f"{quotation.rules.latex_cite}{post}{{{quotation.record.id}}}"


def _latex_quote(quotation: Quotation) -> str:
    cite = latex_citation(quotation)
    if quotation.setting == "run-in":
        body = rf"\textquote{{{_latex_inline(quotation.paragraphs[0], True)}}}"
        return body + (cite if quotation.is_note else f" {cite}{quotation.trailing}")
    paragraphs = [_latex_inline(node, False) for node in quotation.paragraphs]
    paragraphs[-1] += cite if quotation.is_note else f" {cite}{quotation.trailing}"
    inner = "\n\n".join(paragraphs)
    return f"\\begin{{displayquote}}\n{inner}\n\\end{{displayquote}}"


def write_latex(quotation: Quotation, with_reference: bool, link: str | None) -> str:
    parts = [_latex_quote(quotation)]
    credit = credit_line(quotation)
    if credit:
        parts.append(get_backend("latex").text(credit))
    if with_reference:
        parts.append(quotation.reference.render("latex"))
    if link:
        parts.append(render(Link(link), "latex"))
    return "\n\n".join(parts)


# ------------------------------------------------------------------------------ json


def quoted_text(quotation: Quotation) -> str:
    """The quoted words as set (marks, ellipses), without citation: paragraphs apart by a
    blank line."""
    if quotation.setting == "run-in":
        return render(_outer(quotation, quotation.paragraphs[0]))
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
