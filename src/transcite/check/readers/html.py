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
    """The text of an element, ``<q>`` set in quotation marks, scripts and styles left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "template"):
            parts.append(node.tail or "")
            return
        if tag == "q":
            parts.append("“")
        if tag == "br":
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if tag == "q":
            parts.append("”")
        parts.append(node.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
    return " ".join("".join(parts).split())


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    from lxml import etree

    from transcite.ingest.readers.html_source import _parser

    text = decode(data, name)
    source = text.split("\n")
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{name}: not an HTML document ({exc})") from None
    if root is None:
        raise DataError(f"{name}: not an HTML document")
    manuscript = Manuscript(name, "html")
    for element in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                             "dd", "figcaption", "td"):
        tag = element.tag
        inner = element.find(".//p")
        if tag == "blockquote" and inner is not None:
            kind: BlockKind = "blockquote"
            continue  # its paragraphs are read one by one, as block quotation paragraphs
        if tag != "blockquote" and any(
            a.tag == "blockquote" for a in element.iterancestors()
        ):
            kind = "blockquote"
        else:
            kind = "blockquote" if tag == "blockquote" else _BLOCKS[tag]
        body = _text(element)
        if not body:
            continue
        line = element.sourceline if isinstance(element.sourceline, int) else 1
        raw = source[line - 1] if line <= len(source) else ""
        start = raw.find(body[:20])
        column = start + 1 if start >= 0 else 1
        manuscript.blocks.append(Block(kind, body, ((0, line, column),)))
    return manuscript


MANUSCRIPT_READERS.register("html", read)
