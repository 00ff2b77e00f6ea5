"""Storage of records as TEI P5 XML, written and read with lxml.

Encoding choices (see docs/record-format.md): translator as ``titleStmt/respStmt``; publisher,
record id, URL and dates in ``publicationStmt``; the original in ``sourceDesc`` through
``relatedItem type="translatedFrom"``; paragraphs as ``p`` with ``xml:id`` and ``n`` and their
fingerprint as ``ana="fp:…"`` (a private URI prefix declared in ``listPrefixDef``); figures with
``head`` (caption) and ``bibl type="credit"`` whose text is the credit line exactly as published
and whose ``name role="…"`` children are its parts; removed page furniture listed in
``editorialDecl``. Every document is checked against the project's RELAX NG schema on write and
on read. Reading is here; writing is :mod:`transcite.storage.tei_write`, the parser and schema
:mod:`transcite.storage.tei_xml`.
"""


from __future__ import annotations

from typing import Any

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import (
    Block,
    Credit,
    CreditPart,
    CreditRole,
    Figure,
    Furniture,
    Label,
    Original,
    Paragraph,
    Person,
    Record,
    Revision,
    Version,
)
from transcite.storage.tei_xml import FP_PREFIX as _FP_PREFIX
from transcite.storage.tei_xml import (
    MAX_RECORD_BYTES,
    TEI_NS,
    XML_NS,
    limits_problem,
    parse_bytes,
    schema_problem,
)
from transcite.storage.tei_xml import NS as _NS
from transcite.storage.tei_xml import XML_ID as _XML_ID
from transcite.storage.tei_xml import XML_LANG as _XML_LANG
from transcite.storage.tei_xml import T as _T
from transcite.storage.tei_xml import validate as _validate

#: the public names of the TEI storage, wherever they are defined
__all__ = [
    "MAX_RECORD_BYTES", "TEI_NS", "XML_NS", "parse_bytes", "record_from_bytes",
    "record_to_bytes", "record_to_tree", "schema_problem", "tree_to_record",
]


def record_to_bytes(record: Record) -> bytes:
    """Serialise and validate a record; a record that would not validate is never written
    (:mod:`transcite.storage.tei_write`, imported here on first use: reading never needs it)."""
    from transcite.storage.tei_write import record_to_bytes as write

    return write(record)


def record_to_tree(record: Record) -> etree._Element:
    """Build the TEI document of a record (not yet validated)."""
    from transcite.storage.tei_write import record_to_tree as build

    return build(record)


def record_from_bytes(data: bytes, where: str) -> Record:
    root = parse_bytes(data, where)
    _validate(root, where)
    try:
        return tree_to_record(root)
    except DataError as exc:
        raise DataError(f"{where}: {exc.message}") from None


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else "".join(str(t) for t in el.itertext())


_NAME_LINK, _SURNAME, _FORENAME, _GEN_NAME = (
    _T + "nameLink", _T + "surname", _T + "forename", _T + "genName")


def persons_of(els: list[Any]) -> tuple[Person, ...]:
    out: list[Person] = []
    for el in els:
        if el.tag == _T + "orgName":
            out.append(Person("", _text(el) or "", organisation=True))
            continue
        # the first child of each kind (as ``find`` gives it), in one walk of the children
        first: dict[str, Any] = {}
        for child in el.iterchildren(_NAME_LINK, _SURNAME, _FORENAME, _GEN_NAME):
            first.setdefault(child.tag, child)
        family = " ".join(
            t for t in (_text(first.get(_NAME_LINK)), _text(first.get(_SURNAME))) if t
        )
        given = _text(first.get(_FORENAME)) or ""
        out.append(Person(given, family, suffix=_text(first.get(_GEN_NAME)) or ""))
    return tuple(out)


def _untyped_title(bibl: etree._Element) -> etree._Element | None:
    for title in bibl.iterfind("t:title", _NS):
        if title.get("type") is None:
            return title
    return None


def tree_to_record(root: etree._Element) -> Record:
    """Read a (validated) TEI document back into a record; a document beyond the limits
    (:func:`~transcite.storage.tei_xml.limits_problem`) is a :class:`DataError`."""
    problem = limits_problem(root)
    if problem:
        raise DataError(f"{problem}; refused")
    fd = root.find("t:teiHeader/t:fileDesc", _NS)
    assert fd is not None  # guaranteed by the schema
    ps = fd.find("t:publicationStmt", _NS)
    ident = fd.findtext("t:publicationStmt/t:idno[@type='transcite']", None, _NS)
    original = None
    related = fd.find("t:sourceDesc/t:bibl/t:relatedItem[@type='translatedFrom']/t:bibl", _NS)
    if related is not None:
        date = related.find("t:date", _NS)
        original = Original(
            language=related.get(_XML_LANG),
            title=_text(_untyped_title(related)),
            title_transliteration=_text(related.find("t:title[@type='transliteration']", _NS)),
            title_translation=_text(related.find("t:title[@type='translation']", _NS)),
            url=_text(related.find("t:idno[@type='URL']", _NS)),
            published=None if date is None else date.get("when"),
        )
    decl = "t:teiHeader/t:encodingDesc/t:editorialDecl/"
    furniture = [Furniture(text, reason) for reason, text in _read_gloss(root, decl + "t:p/t:list")]
    return Record(
        id=ident or "",
        title=_text(fd.find("t:titleStmt/t:title[@type='main']", _NS)) or "",
        title_transliteration=_text(
            fd.find("t:titleStmt/t:title[@type='transliteration']", _NS)),
        title_translation=_text(fd.find("t:titleStmt/t:title[@type='translation']", _NS)),
        language=root.get(_XML_LANG),
        publisher=None if ps is None else _text(ps.find("t:publisher", _NS)) or None,
        url=fd.findtext("t:publicationStmt/t:idno[@type='URL']", None, _NS),
        published=_when(ps, "published"),
        accessed=_when(ps, "accessed"),
        authors=persons_of([a[0] for a in fd.iterfind("t:titleStmt/t:author", _NS)]),
        translators=persons_of([
            r[1] for r in fd.iterfind("t:titleStmt/t:respStmt", _NS)
        ]),
        original=original,
        blocks=tuple(_blocks(root.find("t:text/t:body", _NS))),
        furniture=tuple(furniture),
        modified=_when(ps, "modified"),
        provenance=_read_gloss(root, decl + "t:interpretation/t:p/t:list"),
        fetched=tuple(
            _text(el) or "" for el in fd.findall("t:publicationStmt/t:idno[@type='fetched']", _NS)
        ),
        revisions=tuple(sorted(
            (Revision(int(c.get("n") or 0), c.get("when"), c.text or "")
             for c in root.iterfind("t:teiHeader/t:revisionDesc/t:change", _NS)),
            key=lambda r: r.n,
        )),
        earlier=tuple(
            Version(int(v.get("n") or 0), tuple(_blocks(v, f"v{v.get('n')}.")))
            for v in root.iterfind("t:text/t:back/t:div[@type='version']", _NS)
        ),
    )


def _read_gloss(root: etree._Element, path: str) -> tuple[tuple[str, str], ...]:
    """``(label, item)`` pairs of a ``list type="gloss"``; empty when the list is absent."""
    gloss = root.find(path, _NS)
    if gloss is None:
        return ()
    labels = gloss.findall("t:label", _NS)
    items = gloss.findall("t:item", _NS)
    return tuple(
        (_text(lb) or "", _text(i) or "") for lb, i in zip(labels, items, strict=True)
    )


def _when(ps: etree._Element | None, kind: str) -> str | None:
    if ps is None:
        return None
    date = ps.find(f"t:date[@type='{kind}']", _NS)
    return None if date is None else date.get("when")


def _blocks(container: etree._Element | None, prefix: str = "") -> list[Block]:
    """The blocks of the section ``div``s of ``body`` or of an earlier version's ``div``."""
    out: list[Block] = []
    if container is None:
        return out
    for div in container.iterfind("t:div", _NS):
        section = int(div.get("n") or 1)
        for el in div:
            tag = etree.QName(el).localname
            ident = (el.get(_XML_ID) or "").removeprefix(prefix)
            if tag == "p" and ident:
                ana = el.get("ana") or ""
                out.append(
                    Paragraph(
                        ident, int(el.get("n") or 0), el.text or "", section,
                        corresp=el.get("corresp"), fingerprint=ana.removeprefix(_FP_PREFIX),
                    )
                )
            elif tag == "figure":
                out.append(_read_figure(el, ident, section))
            elif tag == "label":
                out.append(Label(ident, el.text or "", section))
    return out


def _read_figure(el: etree._Element, ident: str, section: int) -> Figure:
    graphic = el.find("t:graphic", _NS)
    bibl = el.find("t:bibl[@type='credit']", _NS)
    credit = None
    if bibl is not None:
        parts = tuple(
            CreditPart(_text(n) or "", _role(n.get("role"))) for n in bibl.findall("t:name", _NS)
        )
        credit = Credit(_text(bibl) or "", parts)
    return Figure(
        ident,
        _text(el.find("t:head", _NS)) or "",
        credit,
        section,
        graphic_url=None if graphic is None else graphic.get("url"),
    )


def _role(value: str | None) -> CreditRole:
    if value == "creator":
        return "creator"
    if value == "agency":
        return "agency"
    return "distributor"
