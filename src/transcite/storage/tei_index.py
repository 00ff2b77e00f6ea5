"""What the corpus index reads of a TEI record, straight from the tree (no :class:`Record`).

Indexing a large corpus reads every file; building the whole record costs about three times
what the index needs. :func:`index_entry` reads the same values as
:func:`transcite.storage.tei.tree_to_record` (a Hypothesis test holds them equal).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import Person
from transcite.storage.tei import persons_of
from transcite.storage.tei_xml import FP_PREFIX as _FP_PREFIX
from transcite.storage.tei_xml import XML_ID as _XML_ID
from transcite.storage.tei_xml import XML_LANG as _XML_LANG
from transcite.storage.tei_xml import T as _T
from transcite.storage.tei_xml import limits_problem, parse_bytes, parser, validate


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


def _children(el: etree._Element, *path: str) -> Iterator[etree._Element]:
    """The elements ``el.iterfind("a/b/…")`` gives for the tags ``path``, in the same order,
    walked in C by ``iterchildren`` rather than by lxml's ElementPath in Python."""
    first, rest = path[0], path[1:]
    for child in el.iterchildren(first):
        if rest:
            yield from _children(child, *rest)
        else:
            yield child


_P, _FIGURE, _LABEL, _HEAD = _T + "p", _T + "figure", _T + "label", _T + "head"


def index_entry(root: etree._Element) -> IndexEntry:
    """The :class:`IndexEntry` of a validated TEI document (see :func:`record_from_bytes`)."""
    fd = next(_children(root, _T + "teiHeader", _T + "fileDesc"), None)
    assert fd is not None  # guaranteed by the schema
    ps = next(fd.iterchildren(_T + "publicationStmt"), None)
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
    body = next(_children(root, _T + "text", _T + "body"), None)
    for div in body.iterchildren(_T + "div") if body is not None else ():
        for el in div:
            tag = el.tag
            if tag == _P:
                ident_b = el.get(_XML_ID)
                if not ident_b:
                    continue
                text = el.text or ""
                fp = (el.get("ana") or "").removeprefix(_FP_PREFIX)
                if not fp:
                    from transcite.core.model import text_fingerprint

                    fp = text_fingerprint(text)
                blocks.append((ident_b, "paragraph", fp, text))
            elif tag == _FIGURE:
                head = next(el.iterchildren(_HEAD), None)
                blocks.append((el.get(_XML_ID) or "", "figure", None, _text(head) or ""))
            elif tag == _LABEL:
                blocks.append((el.get(_XML_ID) or "", "label", None, el.text or ""))
    versions = sum(
        1 for div in _children(root, _T + "text", _T + "back", _T + "div")
        if div.get("type") == "version"
    )
    return IndexEntry(
        id=ident or "",
        title=_text(next(_children(fd, _T + "titleStmt", _T + "title"), None)) or "",
        language=root.get(_XML_LANG),
        publisher=publisher,
        url=url,
        published=dates.get("published"),
        accessed=dates.get("accessed"),
        authors=persons_of([a[0] for a in _children(fd, _T + "titleStmt", _T + "author")]),
        translators=persons_of(
            [r[1] for r in _children(fd, _T + "titleStmt", _T + "respStmt")]),
        version=versions + 1,
        blocks=tuple(blocks),
    )


_LOCAL = threading.local()


def index_entry_from_bytes(data: bytes, where: str) -> IndexEntry:
    """Parse, validate (as :func:`record_from_bytes` does) and read the index's values (with
    one parser per thread, used again for every record it reads)."""
    using = getattr(_LOCAL, "parser", None)
    if using is None:
        using = _LOCAL.parser = parser()
    root = parse_bytes(data, where, using=using)
    validate(root, where)
    problem = limits_problem(root, data)  # what the record reader refuses, the index does too
    if problem:
        raise DataError(f"{where}: {problem}; refused")
    return index_entry(root)
