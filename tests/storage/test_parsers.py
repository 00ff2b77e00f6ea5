"""The project's hardened parsers (storage/parsers.py), shared by records, CSL styles, web
pages and manuscripts: what each refuses to do, shown on hostile documents."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from transcite.storage.parsers import html_parser, too_deep, xml_parser


def test_xml_parser_reads_no_external_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    doc = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           "<r>&x;</r>").encode()
    root = etree.fromstring(doc, xml_parser())
    assert "SECRET" not in etree.tostring(root, encoding="unicode")


def test_xml_parser_drops_comments_and_pis() -> None:
    root = etree.fromstring(b"<r>a<!-- note -->b<?pi x?>c</r>", xml_parser())
    assert root.text == "abc"


def test_xml_parser_keeps_libxml2_text_limit() -> None:
    doc = b"<r>" + b"x" * 10_000_001 + b"</r>"
    try:
        root = etree.fromstring(doc, xml_parser())
    except etree.XMLSyntaxError:
        return
    raise AssertionError(f"a {len(root.text or '')}-character text node was built")


def test_html_parser_reports_deep_nesting() -> None:
    parser = html_parser()
    etree.fromstring(b"<html><body>" + b"<div>" * 400 + b"x" + b"</div>" * 400, parser)
    assert too_deep(parser)
    shallow = html_parser()
    etree.fromstring(b"<html><body>" + b"<div>" * 20 + b"x" + b"</div>" * 20, shallow)
    assert not too_deep(shallow)


def test_html_parser_drops_comments() -> None:
    root = etree.fromstring(b"<p>a<!-- b -->c</p>", html_parser())
    assert "".join(root.itertext()) == "ac"


def test_each_call_is_a_new_parser() -> None:
    assert xml_parser() is not xml_parser()
    assert html_parser() is not html_parser()
