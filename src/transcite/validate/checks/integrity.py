"""Integrity: the file fits the schema, ids are unique and well-formed, numbering is
contiguous, fingerprints match their text and every ``#id`` pointer resolves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from transcite.core.model import BLOCK_PREFIX, text_fingerprint
from transcite.storage.tei import XML_NS, schema_problem
from transcite.validate.checks.base import (
    Document,
    Finding,
    Subject,
    document_check,
    error,
    record_check,
)

_XML_ID = f"{{{XML_NS}}}id"
_BLOCK_ID = {
    kind: (re.compile(rf"{prefix}[1-9][0-9]*"), f"{prefix}1, {prefix}2")
    for kind, prefix in BLOCK_PREFIX.items()
}


def _elements(doc: Document) -> Iterator[etree._Element]:
    return doc.root.iter(etree.Element)


def _line(el: etree._Element) -> int | None:
    line: Any = el.sourceline  # lxml-stubs type it loosely
    return int(line) if line else None


@document_check("schema-invalid", gate=True)
def fits_schema(doc: Document) -> Iterator[Finding]:
    problem = schema_problem(doc.root)
    if problem is not None:
        yield error(
            "schema-invalid", None,
            f"not a valid transcite TEI record: {problem}; fix that element, or re-ingest the "
            "capture with --force",
        )


@document_check("duplicate-id")
def ids_unique(doc: Document) -> Iterator[Finding]:
    first_line: dict[str, int | None] = {}
    for el in _elements(doc):
        ident = el.get(_XML_ID)
        if ident is None:
            continue
        if ident not in first_line:
            first_line[ident] = _line(el)
            continue
        yield error(
            "duplicate-id", ident,
            f"xml:id “{ident}” is used twice (lines {first_line[ident]} and {_line(el)}); "
            "ids must be unique: give the second block its own id",
        )


@document_check("dangling-pointer")
def pointers_resolve(doc: Document) -> Iterator[Finding]:
    pointers: Any = doc.root.xpath("//@*[contains(., '#')]")
    if not pointers:
        return
    ids = {el.get(_XML_ID) for el in _elements(doc)}
    for attr in pointers:
        el, name = attr.getparent(), etree.QName(attr.attrname).localname
        for token in str(attr).split():
            if token.startswith("#") and token[1:] not in ids:
                yield error(
                    "dangling-pointer", el.get(_XML_ID),
                    f"{name}=\"{token}\" (line {_line(el)}) points at no element: "
                    f"nothing has xml:id “{token[1:]}”; correct the pointer or remove it",
                )


@record_check("id-mismatch")
def record_id_matches_file(subject: Subject) -> Iterator[Finding]:
    if subject.record.id != subject.file_id:
        yield error(
            "id-mismatch", None,
            f"the record's id (idno type=\"transcite\") is “{subject.record.id}” but the file "
            f"is {subject.file_id}.xml; rename the file or correct the idno",
        )


@record_check("bad-id")
def block_ids_well_formed(subject: Subject) -> Iterator[Finding]:
    for block in subject.record.blocks:
        pattern, example = _BLOCK_ID[block.kind]
        if not pattern.fullmatch(block.id):
            yield error(
                "bad-id", block.id,
                f"{block.kind} id “{block.id}” is not of the form {example}…; references such "
                f"as ID#{block.id} depend on it: rename it to the next free id of that form",
            )


@record_check("numbering")
def numbering_contiguous(subject: Subject) -> Iterator[Finding]:
    expected = 1
    for para in subject.record.paragraphs:
        if para.n != expected:
            yield error(
                "numbering", para.id,
                f"{para.id} is numbered {para.n} where {expected} comes next: paragraph numbers "
                f"(n) run 1, 2, 3… in reading order without gaps; set n=\"{expected}\" and "
                "renumber the paragraphs after it",
            )
        expected = para.n + 1


@record_check("stale-fingerprint")
def fingerprints_match(subject: Subject) -> Iterator[Finding]:
    for para in subject.record.paragraphs:
        actual = text_fingerprint(para.text)
        if actual != para.fingerprint:
            yield error(
                "stale-fingerprint", para.id,
                f"the text of {para.id} has changed since it was stored (fingerprint "
                f"fp:{para.fingerprint}, text now gives fp:{actual}); restore the published "
                f"text, or if the change is a deliberate correction set ana=\"fp:{actual}\"",
            )
