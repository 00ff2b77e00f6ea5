"""Markdown manuscripts, parsed by markdown-it-py (CommonMark): paragraphs, headings, list
items, and block quotations (``>``); the text of each is the raw inline source, so that a
finding points at the line and column of the file.

Raw HTML, as CommonMark allows it, is read as HTML: a block of it (``<blockquote>``, ``<p>``,
…) through the HTML reader, its block quotations as block quotations (Markdown paragraphs
between a raw ``<blockquote>`` and its ``</blockquote>`` too); inline, a ``<q>`` element is a
quotation set in “…” (‘…’ inside another), ``<br>`` a space, and the other tags (``<em>``,
``<cite>``, a comment) are left out of the words. Columns stay those of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from markdown_it import MarkdownIt

from transcite.check.manuscript import Block, BlockKind, Manuscript
from transcite.check.readers import MANUSCRIPT_READERS, decode
from transcite.check.readers.html import html_blocks, parse

_OPEN_Q = re.compile(r"<q(?:\s[^<>]*)?>\Z", re.I)
_CLOSE_Q = re.compile(r"</q\s*>\Z", re.I)
_BR = re.compile(r"<br\s*/?>\Z", re.I)
_RAW_QUOTE = re.compile(r"<(/?)blockquote\b", re.I)


def _inline_html(token: Any) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``token.content`` for each raw HTML tag of an inline
    token: ``<q>`` a quotation mark, ``<br>`` a space, any other tag nothing."""
    raw = token.content
    cursor = 0
    depth = 0
    out: list[tuple[int, int, str]] = []
    for child in token.children or ():
        if not child.content:
            continue
        at = raw.find(child.content, cursor)
        if at < 0:
            continue  # a text child with escapes or entities: its raw form differs
        cursor = at + len(child.content)
        if child.type != "html_inline":
            continue
        tag = child.content
        if _OPEN_Q.match(tag):
            depth += 1
            out.append((at, cursor, "“" if depth % 2 else "‘"))
        elif _CLOSE_Q.match(tag) and depth:
            out.append((at, cursor, "”" if depth % 2 else "’"))
            depth -= 1
        else:
            out.append((at, cursor, " " if _BR.match(tag) else ""))
    return out


def _inline_block(kind: BlockKind, token: Any, source: list[str]) -> Block:
    """The block of an inline token: its raw source with the raw HTML replaced, and an
    anchor at each line's start and after each replacement, so that every offset maps back
    to the file's line and column."""
    raw = token.content
    places: list[tuple[int, int]] = []  # (line, column) of each raw line's first character
    for i, line in enumerate(raw.split("\n")):
        number = token.map[0] + i + 1
        text = source[number - 1] if number <= len(source) else ""
        column = text.find(line) if line else -1
        places.append((number, column + 1 if column >= 0 else 1))
    starts = [0] + [i + 1 for i, char in enumerate(raw) if char == "\n"]

    def place(offset: int) -> tuple[int, int]:
        row = bisect_right(starts, offset) - 1
        line, column = places[row]
        return line, column + offset - starts[row]

    text = ""
    anchors: list[tuple[int, int, int]] = []
    pos = 0
    for start, end, replacement in sorted([(s, s, "") for s in starts] + _inline_html(token)):
        if start < pos:
            continue  # a line break inside a tag that is left out
        text += raw[pos:start] + replacement
        pos = end
        anchors.append((len(text), *place(end)))
    text += raw[pos:]
    return Block(kind, text, tuple(anchors))


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    text = decode(data, name)
    source = text.split("\n")
    manuscript = Manuscript(name, "markdown")
    quote_depth = 0
    raw_quotes = 0  # raw <blockquote>s opened in an HTML block and not yet closed
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
        elif token.type == "html_block" and token.map is not None:
            root = parse(token.content, name, fragment=True)
            if root is not None:
                manuscript.blocks.extend(html_blocks(
                    root, source, token.map[0] + 1, inside_quote=bool(quote_depth or raw_quotes)))
            for match in _RAW_QUOTE.finditer(token.content):
                raw_quotes = max(raw_quotes + (-1 if match.group(1) else 1), 0)
        elif token.type == "inline" and token.map is not None:
            kind: BlockKind = ("heading" if heading else "blockquote" if quote_depth
                               or raw_quotes else "item" if in_item else "paragraph")
            manuscript.blocks.append(_inline_block(kind, token, source))
    return manuscript


MANUSCRIPT_READERS.register("markdown", read)
