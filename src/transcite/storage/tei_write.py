"""Writing a record as TEI P5 (the encoding is described in :mod:`transcite.storage.tei` and
docs/record-format.md); a document that does not fit the schema is never returned."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import (
    BLOCK_PREFIX,
    ORIGINS,
    Block,
    Figure,
    Paragraph,
    Person,
    Record,
)
from transcite.storage import tei_xml
from transcite.storage.tei_xml import FP_PREFIX as _FP_PREFIX
from transcite.storage.tei_xml import NSMAP as _NSMAP
from transcite.storage.tei_xml import XML_ID as _XML_ID
from transcite.storage.tei_xml import XML_LANG as _XML_LANG
from transcite.storage.tei_xml import T as _T
from transcite.storage.tei_xml import check_xml_text
from transcite.storage.tei_xml import validate as _validate


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _T + tag)
    for key, value in attrs.items():
        el.set(_XML_ID if key == "xml_id" else _XML_LANG if key == "xml_lang" else key, value)
    if text is not None:
        el.text = text
    return el


def _person(parent: etree._Element, person: Person) -> None:
    """``persName`` (forename, nameLink for the particle, surname, genName for the suffix), or
    ``orgName`` for an organisation."""
    if person.organisation:
        _el(parent, "orgName", person.family)
        return
    pers = _el(parent, "persName")
    if person.given:
        _el(pers, "forename", person.given)
    if person.particle:
        _el(pers, "nameLink", person.particle)
    _el(pers, "surname", person.main_family)
    if person.suffix:
        _el(pers, "genName", person.suffix)


def _alt_titles(
    parent: etree._Element, transliteration: str | None, translation: str | None
) -> None:
    """A title's transliteration (``title type="transliteration"``) and English translation
    (``title type="translation" xml:lang="en"``)."""
    if transliteration:
        _el(parent, "title", transliteration, type="transliteration")
    if translation:
        _el(parent, "title", translation, type="translation", xml_lang="en")


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
    _alt_titles(ts, record.title_transliteration, record.title_translation)
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
    _alt_titles(bibl, orig.title_transliteration, orig.title_translation)
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
    el = _el(div, "figure", xml_id=prefix + fig.id, n=fig.id.removeprefix(BLOCK_PREFIX["figure"]))
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
    for alt in (record.title_transliteration, record.title_translation):
        check_xml_text(alt or "", "title")
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
                     "nameLink", "genName", "orgName",
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
    would refuse (the limits of :mod:`transcite.storage.tei_xml`: blocks, text length, size),
    is never written."""
    where = f"record {record.id}"
    for version, blocks in ((None, record.blocks), *((v.n, v.blocks) for v in record.earlier)):
        if len(blocks) > tei_xml.MAX_BLOCKS:
            of = "" if version is None else f" (in version {version})"
            raise DataError(
                f"{where}: {len(blocks):,} paragraphs, figures and labels{of}; a record "
                f"holds at most {tei_xml.MAX_BLOCKS:,}; refused (nothing written)"
            )
    root = record_to_tree(record)
    problem = tei_xml.limits_problem(root)
    if problem:
        raise DataError(f"{where}: {problem}; refused (nothing written)")
    _validate(root, where, writing=True)
    _indent(root, 0)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if len(data) > tei_xml.MAX_RECORD_BYTES:
        raise DataError(
            f"{where}: would be {len(data) / 2**20:.1f} MiB; a record is at most "
            f"{tei_xml.MAX_RECORD_BYTES // 2**20} MiB; refused (nothing written)"
        )
    return data
