"""The TEI XML layer shared by reading and writing records: namespaces, the hardened parser and
the project's RELAX NG schema (see :mod:`transcite.storage.tei`)."""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

from lxml import etree

from transcite.core.errors import DataError
from transcite.storage.parsers import xml_parser

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
NSMAP = {None: TEI_NS}
NS = {"t": TEI_NS}
FP_PREFIX = "fp:"
#: a DOCTYPE or entity declaration before the root: refused before any parsing
DTD_MARK = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)

#: characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF)
XML_INVALID = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
MAX_RECORD_BYTES = 50 * 1024 * 1024
#: Limits a record is read within, and written within (so that every record written can be
#: read back): blocks (paragraphs, figures, labels) in its text or in one earlier version;
#: characters of one element's text (libxml2 refuses a text node over 10,000,000 bytes
#: without ``huge_tree``, and 1,000,000 characters are at most 4,000,000 bytes of UTF-8);
#: the value of a number (``n`` of a section, paragraph, change or version).
MAX_BLOCKS = 100_000
MAX_TEXT_CHARS = 1_000_000
MAX_NUMBER = 999_999_999
_BLOCK_TAGS = frozenset(f"{T}{tag}" for tag in ("p", "figure", "label"))


def parser(collect_ids: bool = True) -> etree.XMLParser:
    """The project's hardened XML parser (:func:`transcite.storage.parsers.xml_parser`).

    ``collect_ids=False`` lets a document with duplicate ``xml:id``s be read (by
    ``transcite validate``, which reports them) instead of refused. Comments and processing
    instructions (an editor's note in a hand-edited record) are dropped while parsing, so the
    text around them is one string again: records never carry them.
    """
    return xml_parser(collect_ids)


@cache
def schema() -> etree.RelaxNG:
    # os.path, not pathlib: reading a record must not import pathlib (docs/architecture.md)
    with open(os.path.join(os.path.dirname(__file__), "schema", "transcite-tei.rng"), "rb") as f:
        data = f.read()
    return etree.RelaxNG(etree.fromstring(data, parser()))


def schema_problem(root: etree._Element) -> str | None:
    """Why the document does not fit the project's schema ("line 12: …"), or ``None``."""
    rng = schema()
    if rng.validate(root):
        return None
    # A value the datatype refuses ("Type date doesn't allow value '2019-02-30'") names the
    # problem; the last error only names the element around it ("has extra content: idno").
    values = [e for e in rng.error_log if "allow value" in e.message]
    err = values[0] if values else rng.error_log.last_error
    line = f"line {err.line}: " if err and err.line else ""
    return f"{line}{err.message if err else 'invalid'}"


def limits_problem(root: etree._Element, data: bytes | None = None) -> str | None:
    """Why a record tree is beyond what transcite reads (see :data:`MAX_BLOCKS`), or None.

    ``data``, the bytes the tree was parsed from, allows a quick answer: a file of at most
    :data:`MAX_TEXT_CHARS` bytes holds no longer text (a character takes at least a byte) and
    one with at most :data:`MAX_BLOCKS` ``<`` no more blocks, so only its ``n`` numbers are
    looked at (libxml2 finds them); otherwise every element is.
    """
    if (
        data is not None and len(data) <= MAX_TEXT_CHARS and data.count(b"<") <= MAX_BLOCKS
        and not any(_too_large(str(n)) for n in _strings(root.xpath("//@n[string-length() > 9]")))
    ):
        return None
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
            if name == "n" and _too_large(value):
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
                return f"more than {MAX_BLOCKS:,} paragraphs, figures and labels in one version"
    return None


def _strings(found: object) -> list[object]:
    return found if isinstance(found, list) else []


def _too_large(number: str) -> bool:
    return len(number.strip().lstrip("+").lstrip("0")) > 9


def _describe(el: etree._Element) -> str:
    ident = el.get(XML_ID)
    name = etree.QName(el).localname if isinstance(el.tag, str) else "node"
    return f"<{name} xml:id=\"{ident}\">" if ident else f"<{name}>"


def validate(root: etree._Element, where: str, *, writing: bool = False) -> None:
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


def parse_bytes(
    data: bytes, where: str, *, collect_ids: bool = True, using: etree.XMLParser | None = None
) -> etree._Element:
    """Parse TEI bytes with the hardened parser, refusing DTDs and entity declarations;
    ``using``: a parser made by :func:`parser` for this thread to use again (making one costs
    a third of parsing a record: a rebuild reads every record)."""
    if len(data) > MAX_RECORD_BYTES:
        raise DataError(f"{where}: larger than {MAX_RECORD_BYTES // 2**20} MiB; refused")
    if DTD_MARK.search(data[: max(data.find(b"<TEI"), 0) or len(data)]):
        raise DataError(
            f"{where}: has a DOCTYPE or entity declarations; refused (records never need them)"
        )
    try:
        root = etree.fromstring(data, using or parser(collect_ids))
    except etree.XMLSyntaxError as exc:
        message = re.sub(r",? line \d+, column \d+.*$", "", str(exc.msg))
        raise DataError(f"{where}: not well-formed XML: line {exc.lineno}: {message}") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise DataError(f"{where}: has a DOCTYPE; refused")
    return root


def check_xml_text(value: str, what: str) -> str:
    """Refuse text that an XML 1.0 document cannot hold, naming where it was found."""
    bad = re.search(XML_INVALID, value)  # compiled on first use (re caches it): writers only
    if bad:
        raise DataError(
            f"{what} contains the character U+{ord(bad.group()):04X}, which XML cannot store"
        )
    return value
