"""DOCX manuscripts, read with python-docx: the body's paragraphs in order, those in the
"Quote" or "Intense Quote" style (or a style based on them) as block quotations, "Heading"
and "Title" styles as headings. A finding's place is ``PARAGRAPH:COLUMN``: the paragraph's
number in the document (1-based, empty ones counted) and the character in it.

The file is checked as a zip before python-docx opens it: not a zip, a zip whose entries
would unpack to more than 200 MiB or more than 100 times their packed size (a zip bomb), or
one without ``word/document.xml`` is refused in one line."""

from __future__ import annotations

import io
import zipfile

from transcite.check.manuscript import Block, BlockKind, Manuscript
from transcite.check.readers import MANUSCRIPT_READERS
from transcite.core.errors import DataError

MAX_UNPACKED = 200 * 2**20
MAX_RATIO = 100


def _check_zip(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DataError(f"{name}: not a DOCX file (not a zip archive)") from None
    with archive:
        infos = archive.infolist()
        unpacked = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 2**16):
            raise DataError(
                f"{name}: the DOCX would unpack to {unpacked // 2**20} MiB from "
                f"{len(data) // 1024} KiB (a zip bomb?); refused")
        if "word/document.xml" not in archive.namelist():
            raise DataError(f"{name}: a zip archive but not a DOCX (no word/document.xml)")


def _style_kind(paragraph: object) -> BlockKind:
    style = getattr(paragraph, "style", None)
    while style is not None:
        style_name = (getattr(style, "name", "") or "").lower()
        if style_name in ("quote", "intense quote", "block text", "block quote"):
            return "blockquote"
        if style_name.startswith("heading") or style_name in ("title", "subtitle"):
            return "heading"
        style = getattr(style, "base_style", None)
    return "paragraph"


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    _check_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DataError(f"{name}: not a DOCX file that can be read ({type(exc).__name__})"
                        ) from None
    manuscript = Manuscript(name, "docx")
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text.replace("\t", " ").replace("\n", " ")
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        manuscript.blocks.append(Block(_style_kind(paragraph), text.strip(),
                                       ((0, number, lead + 1),)))
    return manuscript


MANUSCRIPT_READERS.register("docx", read)
