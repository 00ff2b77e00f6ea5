"""Markdown manuscripts, parsed by markdown-it-py (CommonMark): paragraphs, headings, list
items, and block quotations (``>``); the text of each is the raw inline source, so that a
finding points at the line and column of the file."""

from __future__ import annotations

from markdown_it import MarkdownIt

from transcite.check.manuscript import BlockKind, Manuscript, lines_block
from transcite.check.readers import MANUSCRIPT_READERS, decode


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    text = decode(data, name)
    source = text.split("\n")
    manuscript = Manuscript(name, "markdown")
    quote_depth = 0
    in_item = 0
    heading = False
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.map is not None:
            kind: BlockKind = ("heading" if heading else "blockquote" if quote_depth
                               else "item" if in_item else "paragraph")
            rows = []
            for i, line in enumerate(token.content.split("\n")):
                number = token.map[0] + i + 1
                raw = source[number - 1] if number <= len(source) else ""
                column = raw.find(line) if line else -1
                rows.append((number, column + 1 if column >= 0 else 1))
            manuscript.blocks.append(lines_block(kind, token.content, rows))
    return manuscript


MANUSCRIPT_READERS.register("markdown", read)
