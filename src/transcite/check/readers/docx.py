"""DOCX manuscripts, read with python-docx: the body's paragraphs in order, those in the
"Quote", "Intense Quote" or "Block Text" style (or a style based on them) as block
quotations, "Heading" and "Title" styles as headings. A finding's place is
``PARAGRAPH:COLUMN``: the paragraph's number in the document (1-based, empty ones counted)
and the character in it.

Footnotes and endnotes: python-docx does not read them, so their parts (found through the
document's relationships, as Word finds them) are parsed with the project's hardened XML
parser. A note's reference in a paragraph is read as the mark ``[^N]`` (``N`` the note's
number as Word shows it: footnotes 1, 2, … in the order of their references; endnotes
``e1``, ``e2``, …) and its text as a note block just after the paragraph, so that a
citation in a footnote is the citation of the quotation the mark follows, as in Markdown.
A column after a mark is still the column of the paragraph's own text.

The file is checked as a zip before python-docx opens it: not a zip, a zip whose entries
would unpack to more than 200 MiB or more than 100 times their packed size (a zip bomb), or
one without ``word/document.xml`` is refused in one line."""

from __future__ import annotations

import io
import zipfile
from typing import Any

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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: relationship type of a notes part -> (its note element, the reference element in a run)
_NOTES = {
    _RELATIONSHIPS + "footnotes": (f"{_W}footnote", f"{_W}footnoteReference"),
    _RELATIONSHIPS + "endnotes": (f"{_W}endnote", f"{_W}endnoteReference"),
}
#: a reference element -> the prefix of its notes' labels
_LABEL = {f"{_W}footnoteReference": "", f"{_W}endnoteReference": "e"}


def _note_texts(document: Any, name: str) -> dict[tuple[str, str], str]:
    """(reference element, note id) -> the text of that footnote or endnote."""
    from lxml import etree

    from transcite.storage.parsers import xml_parser

    texts: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        if rel.reltype not in _NOTES or rel.is_external:
            continue
        tag, reference = _NOTES[rel.reltype]
        try:
            root = etree.fromstring(rel.target_part.blob, xml_parser())
        except etree.XMLSyntaxError:
            raise DataError(f"{name}: its notes ({rel.target_ref}) are not well-formed XML"
                            ) from None
        for note in root.iter(tag):
            if note.get(f"{_W}type") not in (None, "normal"):
                continue  # the separator lines Word draws above the notes
            words = (t.text or "" if t.tag == f"{_W}t" else " "
                     for t in note.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"))
            texts[(reference, note.get(f"{_W}id") or "")] = " ".join("".join(words).split())
    return texts


def _runs(paragraph: Any) -> Any:
    """The runs of a paragraph, those inside its hyperlinks included, in order."""
    from docx.text.run import Run

    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            yield item
        else:
            yield from item.runs


def _with_marks(paragraph: Any, number: int, notes: dict[tuple[str, str], str],
                count: dict[str, int]) -> tuple[str, list[tuple[int, int, int]],
                                                 list[tuple[str, str, int]]]:
    """A paragraph's text with a mark ``[^LABEL]`` after each note reference, the anchors
    after the marks (offset, paragraph, column of its own text) and the (label, text, column
    of the reference) of its notes."""
    text = ""
    own = 0
    anchors: list[tuple[int, int, int]] = []
    found: list[tuple[str, str, int]] = []
    for run in _runs(paragraph):
        piece = run.text
        text += piece
        own += len(piece)
        for child in run.element:
            key = (child.tag, child.get(f"{_W}id") or "")
            if key not in notes:
                continue
            prefix = _LABEL[child.tag]
            count[prefix] = count.get(prefix, 0) + 1
            label = f"{prefix}{count[prefix]}"
            text += f"[^{label}]"
            anchors.append((len(text), number, own + 1))
            found.append((label, notes[key], own + 1))
    return text, anchors, found


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    _check_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DataError(f"{name}: not a DOCX file that can be read ({type(exc).__name__})"
                        ) from None
    notes = _note_texts(document, name)
    count: dict[str, int] = {}
    manuscript = Manuscript(name, "docx")
    for number, paragraph in enumerate(document.paragraphs, start=1):
        anchors: list[tuple[int, int, int]] = []
        found: list[tuple[str, str, int]] = []
        if notes:
            text, anchors, found = _with_marks(paragraph, number, notes, count)
        else:
            text = paragraph.text
        text = text.replace("\t", " ").replace("\n", " ")
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        shifted = tuple((offset - lead, line, column) for offset, line, column in anchors)
        manuscript.blocks.append(Block(_style_kind(paragraph), body,
                                       ((0, number, lead + 1), *shifted)))
        for label, note, column in found:
            manuscript.blocks.append(Block("note", note, ((0, number, column),), label=label))
    return manuscript


MANUSCRIPT_READERS.register("docx", read)
