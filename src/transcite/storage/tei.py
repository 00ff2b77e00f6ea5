"""Storage of records as TEI P5 XML, written and read with lxml.

Encoding choices (see docs/record-format.md): translator as ``titleStmt/respStmt``; publisher,
record id, URL and dates in ``publicationStmt``; the original in ``sourceDesc`` through
``relatedItem type="translatedFrom"``; paragraphs as ``p`` with ``xml:id`` and ``n`` and their
fingerprint as ``ana="fp:…"`` (a private URI prefix declared in ``listPrefixDef``); figures with
``head`` (caption) and ``bibl type="credit"`` whose text is the credit line exactly as published
and whose ``name role="…"`` children are its parts; removed page furniture listed in
``editorialDecl``. Every document is checked against the project's RELAX NG schema on write and
on read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import (
    ORIGINS,
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
    check_xml_text,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
_NSMAP = {None: TEI_NS}
_NS = {"t": TEI_NS}
_FP_PREFIX = "fp:"
#: a DOCTYPE or entity declaration before the root: refused before any parsing
_DTD_MARK = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
MAX_RECORD_BYTES = 50 * 1024 * 1024
#: Limits a record is read within, and written within (so that every record written can be
#: read back): blocks (paragraphs, figures, labels) in its text or in one earlier version;
#: characters of one element's text (libxml2 refuses a text node over 10,000,000 bytes
#: without ``huge_tree``, and 1,000,000 characters are at most 4,000,000 bytes of UTF-8);
#: the value of a number (``n`` of a section, paragraph, change or version).
MAX_BLOCKS = 100_000
MAX_TEXT_CHARS = 1_000_000
MAX_NUMBER = 999_999_999
_BLOCK_TAGS = frozenset(f"{{{TEI_NS}}}{tag}" for tag in ("p", "figure", "label"))


def _parser(collect_ids: bool = True) -> etree.XMLParser:
    """A hardened parser: no DTD loading, no entity expansion, no network, no huge trees.

    ``collect_ids=False`` lets a document with duplicate ``xml:id``s be read (by
    ``transcite validate``, which reports them) instead of refused. Comments and processing
    instructions (an editor's note in a hand-edited record) are dropped while parsing, so the
    text around them is one string again: records never carry them.
    """
    return etree.XMLParser(
        remove_comments=True,
        remove_pis=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=collect_ids,
    )


@cache
def _schema() -> etree.RelaxNG:
    with open(os.path.join(os.path.dirname(__file__), "schema", "transcite-tei.rng"), "rb") as f:
        data = f.read()
    return etree.RelaxNG(etree.fromstring(data, _parser()))


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _T + tag)
    for key, value in attrs.items():
        el.set(_XML_ID if key == "xml_id" else _XML_LANG if key == "xml_lang" else key, value)
    if text is not None:
        el.text = text
    return el


def _person(parent: etree._Element, person: Person) -> None:
    pers = _el(parent, "persName")
    if person.given:
        _el(pers, "forename", person.given)
    _el(pers, "surname", person.family)


# ---------------------------------------------------------------------------------- writing


def record_to_tree(record: Record) -> etree._Element:
    """Build the TEI document of a record (not yet validated)."""
    _check_strings(record)
    if not record.blocks:
        raise DataError(f"record {record.id}: has no paragraphs, figures or labels to store")
    root = etree.Element(_T + "TEI", nsmap=_NSMAP)  # type: ignore[arg-type]
    if record.language:
        root.set(_XML_LANG, record.language)
    header = _el(root, "teiHeader")
    _file_desc(_el(header, "fileDesc"), record)
    _encoding_desc(_el(header, "encodingDesc"), record)
    if record.language or (record.original and record.original.language):
        lang_usage = _el(_el(header, "profileDesc"), "langUsage")
        for code in dict.fromkeys(
            c for c in (record.language, record.original and record.original.language) if c
        ):
            _el(lang_usage, "language", ident=code)
    if record.revisions:
        _revision_desc(_el(header, "revisionDesc"), record)
    text = _el(root, "text")
    _body(_el(text, "body"), record.blocks)
    if record.earlier:
        back = _el(text, "back")
        for version in record.earlier:
            _body(_el(back, "div", type="version", n=str(version.n)), version.blocks,
                  f"v{version.n}.")
    return root


def _revision_desc(rd: etree._Element, record: Record) -> None:
    """One ``change`` per version, the most recent first (the Guidelines' order)."""
    numbers = [r.n for r in record.revisions]
    if numbers != list(range(1, record.version + 1)):
        raise DataError(
            f"record {record.id}: its history lists versions {numbers}, "
            f"not 1 to {record.version}"
        )
    for rev in reversed(record.revisions):
        change = _el(rd, "change", rev.note, n=str(rev.n))
        if rev.when:
            change.set("when", rev.when)


def _file_desc(fd: etree._Element, record: Record) -> None:
    ts = _el(fd, "titleStmt")
    _el(ts, "title", record.title, type="main")
    for author in record.authors:
        _person(_el(ts, "author"), author)
    for translator in record.translators:
        resp = _el(ts, "respStmt")
        _el(resp, "resp", "Translated by")
        _person(resp, translator)
    if record.revisions or record.earlier:
        edition = _el(_el(fd, "editionStmt"), "edition", f"Version {record.version}")
        edition.set("n", str(record.version))
    ps = _el(fd, "publicationStmt")
    # TEI needs a publisher (or agency) before idno and date: an empty one means unknown
    _el(ps, "publisher", record.publisher or None)
    _el(ps, "idno", record.id, type="transcite")
    if record.url:
        _el(ps, "idno", record.url, type="URL")
    for n, fetched in enumerate(record.fetched, 1):
        _el(ps, "idno", fetched, type="fetched", n=str(n))
    if record.published:
        _el(ps, "date", record.published, type="published", when=record.published)
    if record.modified:
        _el(ps, "date", record.modified, type="modified", when=record.modified)
    if record.accessed:
        _el(ps, "date", record.accessed, type="accessed", when=record.accessed)
    sd = _el(fd, "sourceDesc")
    if record.original is None:
        _el(sd, "p", "Not a translation, or the original is unknown.")
        return
    bibl = _el(_el(_el(sd, "bibl"), "relatedItem", type="translatedFrom"), "bibl")
    orig = record.original
    if orig.language:
        bibl.set(_XML_LANG, orig.language)
    if orig.title is not None:
        _el(bibl, "title", orig.title)
    if orig.url is not None:
        _el(bibl, "idno", orig.url, type="URL")
    if orig.published:
        _el(bibl, "date", orig.published, when=orig.published)


def _encoding_desc(ed: etree._Element, record: Record) -> None:
    prefixes = _el(ed, "listPrefixDef")
    prefix = _el(
        prefixes, "prefixDef", ident="fp", matchPattern="([0-9a-f]+)",
        replacementPattern="urn:transcite:fingerprint:$1",
    )
    _el(prefix, "p", "fp:HEX is a paragraph's content fingerprint: the first 12 hex digits of the "
        "SHA-256 of its NFC-normalised text with white space folded to single spaces.")
    decl = _el(ed, "editorialDecl")
    if not record.furniture:
        _el(decl, "p", "No page furniture was removed.")
    else:
        _el(decl, "p", "Page furniture removed from the capture, with the rule that removed it:")
        _gloss_list(_el(decl, "p"), ((f.reason, f.text) for f in record.furniture))
    if record.provenance:
        interp = _el(decl, "interpretation")
        _el(interp, "p", "Where each metadata value was found: " + "; ".join(
            f"{key} ({value})" for key, value in ORIGINS.items()) + ".")
        _gloss_list(_el(interp, "p"), record.provenance)


def _gloss_list(parent: etree._Element, pairs: Iterable[tuple[str, str]]) -> None:
    lst = _el(parent, "list", type="gloss")
    for label, item in pairs:
        _el(lst, "label", label)
        _el(lst, "item", item)


def _body(body: etree._Element, blocks: tuple[Block, ...], prefix: str = "") -> None:
    """Sections of blocks; ``prefix`` (``v1.``) keeps an earlier version's ids unique."""
    div: etree._Element | None = None
    section = None
    for block in blocks:
        if div is None or block.section != section:
            section = block.section
            div = _el(body, "div", type="section", n=str(section))
        if isinstance(block, Paragraph):
            p = _el(div, "p", block.text, xml_id=prefix + block.id, n=str(block.n))
            p.set("ana", _FP_PREFIX + block.fingerprint)
            if block.corresp:
                p.set("corresp", block.corresp)
        elif isinstance(block, Figure):
            _figure(div, block, prefix)
        else:
            _el(div, "label", block.text, xml_id=prefix + block.id)


def _figure(div: etree._Element, fig: Figure, prefix: str = "") -> None:
    el = _el(div, "figure", xml_id=prefix + fig.id, n=fig.id.removeprefix("fig"))
    if fig.graphic_url:
        _el(el, "graphic", url=fig.graphic_url)
    _el(el, "head", fig.caption)
    if fig.credit is None:
        return
    bibl = _el(el, "bibl", type="credit")
    line, pos, last = fig.credit.text, 0, None
    for part in fig.credit.parts:
        at = line.find(part.name, pos)
        if at < 0:  # parts that are not substrings: keep the line, list parts after it
            break
        gap = line[pos:at]
        if last is None:
            bibl.text = gap
        else:
            last.tail = gap
        last = _el(bibl, "name", part.name, role=part.role)
        pos = at + len(part.name)
    else:
        if last is None:
            bibl.text = line
        else:
            last.tail = line[pos:]
        return
    raise DataError(f"{fig.id}: credit part {part.name!r} is not found in {line!r}")


def _check_strings(record: Record) -> None:
    check_xml_text(record.title, "title")
    for url in record.fetched:
        check_xml_text(url, "fetched URL")
    for item in record.furniture:
        check_xml_text(item.text, "furniture")
    for rev in record.revisions:
        check_xml_text(rev.note, f"version {rev.n} note")
    for block in (*record.blocks, *(b for v in record.earlier for b in v.blocks)):
        for value in (getattr(block, "text", ""), getattr(block, "caption", "")):
            check_xml_text(value, block.id)
        credit = getattr(block, "credit", None)
        if credit is not None:
            check_xml_text(credit.text, f"{block.id} credit")


#: elements whose text is content: never re-indented (their white space is data)
_TEXT_TAGS = frozenset(
    _T + t for t in ("p", "head", "label", "item", "title", "resp", "forename", "surname",
                     "publisher", "idno", "date", "name", "language")
)


def _indent(el: etree._Element, level: int) -> None:
    """Pretty-print structure only; mixed content (credit lines, paragraphs) is left as is."""
    children = list(el)
    if not children or el.tag in _TEXT_TAGS or el.get("type") == "credit":
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in children:
        _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def record_to_bytes(record: Record) -> bytes:
    """Serialise and validate a record; a record that would not validate, or that the reader
    would refuse (:data:`MAX_BLOCKS`, :data:`MAX_TEXT_CHARS`, :data:`MAX_RECORD_BYTES`), is
    never written."""
    where = f"record {record.id}"
    for version, blocks in ((None, record.blocks), *((v.n, v.blocks) for v in record.earlier)):
        if len(blocks) > MAX_BLOCKS:
            of = "" if version is None else f" (in version {version})"
            raise DataError(
                f"{where}: {len(blocks):,} paragraphs, figures and labels{of}; a record "
                f"holds at most {MAX_BLOCKS:,}; refused (nothing written)"
            )
    root = record_to_tree(record)
    problem = limits_problem(root)
    if problem:
        raise DataError(f"{where}: {problem}; refused (nothing written)")
    _validate(root, where, writing=True)
    _indent(root, 0)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if len(data) > MAX_RECORD_BYTES:
        raise DataError(
            f"{where}: would be {len(data) / 2**20:.1f} MiB; a record is at most "
            f"{MAX_RECORD_BYTES // 2**20} MiB; refused (nothing written)"
        )
    return data


def limits_problem(root: etree._Element) -> str | None:
    """Why a record tree is beyond what transcite reads (see :data:`MAX_BLOCKS`), or None."""
    containers: dict[Any, int] = {}
    for el in root.iter():
        for text in (el.text, el.tail):
            if text is not None and len(text) > MAX_TEXT_CHARS:
                return (
                    f"the text of {_describe(el)} is {len(text):,} characters; one element "
                    f"holds at most {MAX_TEXT_CHARS:,}"
                )
        for name, raw in el.attrib.items():
            value = str(raw)
            if len(value) > MAX_TEXT_CHARS:
                return f"an attribute of {_describe(el)} is {len(value):,} characters long"
            if name == "n" and len(value.strip().lstrip("+").lstrip("0")) > 9:
                shown = value if len(value) <= 20 else f"{value[:12]}… ({len(value):,} digits)"
                return (
                    f"{_describe(el)} has n=\"{shown}\", larger than {MAX_NUMBER:,}, the "
                    "largest number transcite reads"
                )
        if el.tag in _BLOCK_TAGS:
            parent = el.getparent()
            key = None if parent is None else parent.getparent()
            containers[key] = containers.get(key, 0) + 1
            if containers[key] > MAX_BLOCKS:
                return (
                    f"more than {MAX_BLOCKS:,} paragraphs, figures and labels in one version"
                )
    return None


def _describe(el: etree._Element) -> str:
    ident = el.get(_XML_ID)
    name = etree.QName(el).localname if isinstance(el.tag, str) else "node"
    return f"<{name} xml:id=\"{ident}\">" if ident else f"<{name}>"


# ---------------------------------------------------------------------------------- reading


def schema_problem(root: etree._Element) -> str | None:
    """Why the document does not fit the project's schema ("line 12: …"), or ``None``."""
    schema = _schema()
    if schema.validate(root):
        return None
    # A value the datatype refuses ("Type date doesn't allow value '2019-02-30'") names the
    # problem; the last error only names the element around it ("has extra content: idno").
    values = [e for e in schema.error_log if "allow value" in e.message]
    err = values[0] if values else schema.error_log.last_error
    line = f"line {err.line}: " if err and err.line else ""
    return f"{line}{err.message if err else 'invalid'}"


def _validate(root: etree._Element, where: str, *, writing: bool = False) -> None:
    problem = schema_problem(root)
    if problem is not None:
        if writing:  # a value given or found (a URL, a date) that a record cannot hold
            raise DataError(
                f"{where}: cannot be written: {problem}; check the values given or found "
                "(nothing written)"
            )
        raise DataError(
            f"{where}: not a valid transcite TEI record: {problem} "
            "(fix the file, or re-ingest the capture with --force)"
        )


def parse_bytes(data: bytes, where: str, *, collect_ids: bool = True) -> etree._Element:
    """Parse TEI bytes with the hardened parser, refusing DTDs and entity declarations."""
    if len(data) > MAX_RECORD_BYTES:
        raise DataError(f"{where}: larger than {MAX_RECORD_BYTES // 2**20} MiB; refused")
    if _DTD_MARK.search(data[: max(data.find(b"<TEI"), 0) or len(data)]):
        raise DataError(
            f"{where}: has a DOCTYPE or entity declarations; refused (records never need them)"
        )
    try:
        root = etree.fromstring(data, _parser(collect_ids))
    except etree.XMLSyntaxError as exc:
        message = re.sub(r",? line \d+, column \d+.*$", "", str(exc.msg))
        raise DataError(f"{where}: not well-formed XML: line {exc.lineno}: {message}") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise DataError(f"{where}: has a DOCTYPE; refused")
    return root


def record_from_bytes(data: bytes, where: str) -> Record:
    root = parse_bytes(data, where)
    _validate(root, where)
    try:
        return tree_to_record(root)
    except DataError as exc:
        raise DataError(f"{where}: {exc.message}") from None


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else "".join(str(t) for t in el.itertext())


def _persons(els: list[Any]) -> tuple[Person, ...]:
    return tuple(
        Person(_text(p.find("t:forename", _NS)) or "", _text(p.find("t:surname", _NS)) or "")
        for p in els
    )


def tree_to_record(root: etree._Element) -> Record:
    """Read a (validated) TEI document back into a record; a document beyond the limits
    (:data:`MAX_BLOCKS`, …) is a :class:`DataError`."""
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
            title=_text(related.find("t:title", _NS)),
            url=_text(related.find("t:idno[@type='URL']", _NS)),
            published=None if date is None else date.get("when"),
        )
    decl = "t:teiHeader/t:encodingDesc/t:editorialDecl/"
    furniture = [Furniture(text, reason) for reason, text in _read_gloss(root, decl + "t:p/t:list")]
    return Record(
        id=ident or "",
        title=_text(fd.find("t:titleStmt/t:title", _NS)) or "",
        language=root.get(_XML_LANG),
        publisher=None if ps is None else _text(ps.find("t:publisher", _NS)) or None,
        url=fd.findtext("t:publicationStmt/t:idno[@type='URL']", None, _NS),
        published=_when(ps, "published"),
        accessed=_when(ps, "accessed"),
        authors=_persons(fd.findall("t:titleStmt/t:author/t:persName", _NS)),
        translators=_persons(fd.findall("t:titleStmt/t:respStmt/t:persName", _NS)),
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
