"""The project's hardened lxml parsers, one factory each, for every package that parses XML
or HTML it did not write: records, CSL styles, web pages, manuscripts (HTML, the parts of a
DOCX file).

Each call returns a new parser (an lxml parser keeps its error log and is not shared between
threads). Both refuse the network, DTD loading and entity expansion, and keep libxml2's limits
(no ``huge_tree``: a text node over 10,000,000 bytes, or elements nested more than 256 deep in
HTML, are not built); comments and processing instructions are dropped while parsing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    import lxml.html


def xml_parser(collect_ids: bool = True) -> etree.XMLParser:
    """A hardened XML parser: no DTD loading, no entity expansion, no network, no huge trees.

    ``collect_ids=False`` lets a document with duplicate ``xml:id``s be read instead of
    refused (``transcite validate`` reports them)."""
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


def html_parser() -> lxml.html.HTMLParser:
    """libxml2's HTML parser, hardened: no network, no huge trees, no comments or PIs; input
    given as UTF-8 bytes.

    ``lxml.html``'s flavour of it (the same parser, building ``HtmlElement``s), so that a tree
    can be handed to trafilatura as it is. ``lxml.html`` is imported here, on first use: reading
    a record must not import it."""
    import lxml.html

    return lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True,
        remove_pis=True,
    )


def too_deep(parser: etree.XMLParser | etree.HTMLParser) -> bool:
    """Whether the document a parser just read was cut short for being nested too deep (more
    than 256 levels of HTML elements without ``huge_tree``)."""
    return any(error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message
               for error in parser.error_log)


__all__ = ["html_parser", "too_deep", "xml_parser"]
