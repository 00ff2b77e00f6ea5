"""What the corpus index reads of a TEI record, straight from the tree (no :class:`Record`).

Indexing a large corpus reads every file; building the whole record costs about three times
what the index needs. :func:`index_entry` reads the same values as
:func:`transcite.storage.tei.tree_to_record` (a Hypothesis test holds them equal).
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import Person
from transcite.storage.tei import persons_of
from transcite.storage.tei_xml import FP_PREFIX as _FP_PREFIX
from transcite.storage.tei_xml import XML_ID as _XML_ID
from transcite.storage.tei_xml import XML_LANG as _XML_LANG
from transcite.storage.tei_xml import T as _T
from transcite.storage.tei_xml import limits_problem, parse_bytes, validate


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else "".join(str(t) for t in el.itertext())
class IndexEntry(NamedTuple):
    """What the corpus index keeps of a record, read straight from its (validated) tree.

    The same values as :func:`tree_to_record` gives, without building the record: indexing
    a large corpus reads every file, and this is about three times quicker.
    """

    id: str
    title: str
    language: str | None
    publisher: str | None
    url: str | None
    published: str | None
    accessed: str | None
    #: read with the record reader's own rule (storage.tei.persons_of)
    authors: tuple[Person, ...]
    translators: tuple[Person, ...]
    version: int
    #: (id, kind, fingerprint or None, text or caption) of each block of the current version
    blocks: tuple[tuple[str, str, str | None, str], ...]


def index_entry(root: etree._Element) -> IndexEntry:
    """The :class:`IndexEntry` of a validated TEI document (see :func:`record_from_bytes`)."""
    fd = root.find(f"{_T}teiHeader/{_T}fileDesc")
    assert fd is not None  # guaranteed by the schema
    ps = fd.find(_T + "publicationStmt")
    ident = url = None
    publisher = None
    dates: dict[str, str | None] = {}
    if ps is not None:
        for el in ps:
            tag = el.tag
            if tag == _T + "idno":
                kind = el.get("type")
                if kind == "transcite" and ident is None:
                    ident = el.text
                elif kind == "URL" and url is None:
                    url = el.text
            elif tag == _T + "publisher":
                publisher = _text(el) or None
            elif tag == _T + "date":
                dates.setdefault(el.get("type") or "", el.get("when"))
    blocks: list[tuple[str, str, str | None, str]] = []
    body = root.find(f"{_T}text/{_T}body")
    for div in body.iterfind(_T + "div") if body is not None else ():
        for el in div:
            tag = el.tag
            ident_b = el.get(_XML_ID) or ""
            if tag == _T + "p" and ident_b:
                text = el.text or ""
                fp = (el.get("ana") or "").removeprefix(_FP_PREFIX)
                if not fp:
                    from transcite.core.model import text_fingerprint

                    fp = text_fingerprint(text)
                blocks.append((ident_b, "paragraph", fp, text))
            elif tag == _T + "figure":
                blocks.append((ident_b, "figure", None, _text(el.find(_T + "head")) or ""))
            elif tag == _T + "label":
                blocks.append((ident_b, "label", None, el.text or ""))
    versions = sum(1 for _ in root.iterfind(f"{_T}text/{_T}back/{_T}div[@type='version']"))
    return IndexEntry(
        id=ident or "",
        title=_text(fd.find(f"{_T}titleStmt/{_T}title")) or "",
        language=root.get(_XML_LANG),
        publisher=publisher,
        url=url,
        published=dates.get("published"),
        accessed=dates.get("accessed"),
        authors=persons_of([a[0] for a in fd.iterfind(f"{_T}titleStmt/{_T}author")]),
        translators=persons_of([r[1] for r in fd.iterfind(f"{_T}titleStmt/{_T}respStmt")]),
        version=versions + 1,
        blocks=tuple(blocks),
    )


def index_entry_from_bytes(data: bytes, where: str) -> IndexEntry:
    """Parse, validate (as :func:`record_from_bytes` does) and read the index's values."""
    root = parse_bytes(data, where)
    validate(root, where)
    problem = limits_problem(root, data)  # what the record reader refuses, the index does too
    if problem:
        raise DataError(f"{where}: {problem}; refused")
    return index_entry(root)
