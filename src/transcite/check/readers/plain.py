"""Plain text manuscripts: paragraphs are separated by blank lines; a paragraph whose lines
are all indented (four spaces or a tab) is a block quotation."""

from __future__ import annotations

import re

from transcite.check.manuscript import BlockKind, Manuscript, lines_block
from transcite.check.readers import MANUSCRIPT_READERS, decode

_HEADING = re.compile(r"^(references|bibliography|works cited|sources)\s*:?\s*$", re.I)


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    text = decode(data, name)
    manuscript = Manuscript(name, "plain")
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if not para:
            return
        indented = all(line[:1] == "\t" or line.startswith("    ") for _, line in para)
        rows = []
        parts = []
        for number, line in para:
            stripped = line.lstrip() if indented else line
            rows.append((number, len(line) - len(stripped) + 1))
            parts.append(stripped)
        body = "\n".join(parts)
        kind: BlockKind = "blockquote" if indented else (
            "heading" if len(para) == 1 and _HEADING.match(body.strip()) else "paragraph")
        manuscript.blocks.append(lines_block(kind, body, rows))
        para.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            para.append((number, line.rstrip()))
        else:
            flush()
    flush()
    return manuscript


MANUSCRIPT_READERS.register("plain", read)
