"""HTML manuscripts, parsed by lxml's HTML parser hardened as for web captures (no network,
no huge trees): paragraphs, headings, list items and ``<blockquote>``; ``<q>`` elements are
read as quotations in “…” (their marks are the browser's, not the text's)."""

from __future__ import annotations

from typing import Any

from transcite.check.manuscript import Block, BlockKind, Manuscript
from transcite.check.readers import MANUSCRIPT_READERS, decode
from transcite.core.errors import DataError

_BLOCKS: dict[str, BlockKind] = {
    "p": "paragraph", "li": "item", "h1": "heading", "h2": "heading", "h3": "heading",
    "h4": "heading", "h5": "heading", "h6": "heading", "dd": "paragraph", "figcaption":
    "paragraph", "td": "paragraph",
}


def _text(element: Any) -> str:
    """The text of an element, ``<q>`` set in quotation marks (“…”, and ‘…’ for a ``<q>``
    inside another, as browsers set them), scripts and styles left out."""
    parts: list[str] = []

    def walk(node: Any, depth: int) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "template"):
            parts.append(node.tail or "")
            return
        inner = depth + (tag == "q")
        if tag == "q":
            parts.append("‘" if inner % 2 == 0 else "“")
        if tag == "br":
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child, inner)
        if tag == "q":
            parts.append("’" if inner % 2 == 0 else "”")
        parts.append(node.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child, 0)
    return " ".join("".join(parts).split())


def parse(text: str, name: str, fragment: bool = False) -> Any:
    """The root of an HTML document, or of a fragment (raw HTML in Markdown: None when it
    holds no element), parsed by the project's hardened parser; one line (exit 3) for what
    is not HTML or is nested too deep."""
    from lxml import etree

    from transcite.storage.parsers import html_parser, too_deep

    parser = html_parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        if fragment:
            return None
        raise DataError(f"{name}: not an HTML document ({exc})") from None
    if too_deep(parser):
        raise DataError(f"{name}: HTML elements are nested more than 256 levels deep; refused")
    if root is None and not fragment:
        raise DataError(f"{name}: not an HTML document")
    return root


def html_blocks(root: Any, source: list[str], first_line: int = 1,
                inside_quote: bool = False) -> list[Block]:
    """The blocks of a parsed HTML document or fragment. ``source``: the lines of the file;
    ``first_line``: the line of the file the fragment's first line is; ``inside_quote``: the
    fragment is inside a block quotation opened before it (raw HTML in Markdown)."""
    blocks: list[Block] = []
    for element in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                             "dd", "figcaption", "td"):
        tag = element.tag
        if tag == "blockquote" and element.find(".//p") is not None:
            continue  # its paragraphs are read one by one, as block quotation paragraphs
        kind: BlockKind
        if tag == "blockquote" or inside_quote or any(
                a.tag == "blockquote" for a in element.iterancestors()):
            kind = "blockquote"
        else:
            kind = _BLOCKS[tag]
        body = _text(element)
        if not body:
            continue
        line = (element.sourceline if isinstance(element.sourceline, int) else 1) + first_line - 1
        raw = source[line - 1] if line <= len(source) else ""
        column = 1
        for size in (20, 8, 3):  # the block's first characters, as far as its line has them
            start = raw.find(body[:size])
            if start >= 0:
                column = start + 1
                break
        blocks.append(Block(kind, body, ((0, line, column),)))
    return blocks


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    text = decode(data, name)
    manuscript = Manuscript(name, "html")
    manuscript.blocks.extend(html_blocks(parse(text, name), text.split("\n")))
    return manuscript


MANUSCRIPT_READERS.register("html", read)
