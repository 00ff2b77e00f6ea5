"""A quotation as a W3C Web Annotation (Web Annotation Data Model, W3C Recommendation 2017).

One annotation, ``motivation: highlighting`` (the model's 13 motivations have no "quoting": a
quotation marks a passage of the target, and the citation describes it), with one target per
quoted run of text (an omission gives two runs of one paragraph; a range of paragraphs one run
per paragraph). Each target is the article's URL with two alternative selectors, both a
``FragmentSelector`` naming the paragraph (or caption) refined by

- a ``TextQuoteSelector``: the exact words with up to 32 characters before and after them in
  the same paragraph (``prefix``/``suffix`` are left out at a paragraph's edge), and
- a ``TextPositionSelector``: start and end offsets in the paragraph's text, in Unicode code
  points (the model's unit; Python string indexes).

The fragment value is the block id of the transcite record (``p5``, ``fig1``), an ``xml:id`` of
its TEI file, hence ``conformsTo`` RFC 3023 (XML fragment identifiers): the publisher's page has
no paragraph ids, and the text selectors anchor the quote within that paragraph. The bodies
describe the target: the reference entry (which names the translator) and, for a caption, its
photo credit.
"""

from __future__ import annotations

from typing import Any

from transcite.core.model import Figure, Paragraph
from transcite.quote.quoting import Piece, Quotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
XML_FRAGMENT = "http://tools.ietf.org/rfc/rfc3023"
CONTEXT_CHARS = 32


def _block_text(quotation: Quotation, block_id: str) -> str:
    block = quotation.record.block(block_id)
    if isinstance(block, Paragraph):
        return block.text
    assert isinstance(block, Figure)
    return block.caption


def _selectors(piece: Piece, text: str) -> list[dict[str, Any]]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": piece.text}
    prefix = text[max(0, piece.start - CONTEXT_CHARS) : piece.start]
    suffix = text[piece.end : piece.end + CONTEXT_CHARS]
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    position = {"type": "TextPositionSelector", "start": piece.start, "end": piece.end}
    return [
        {
            "type": "FragmentSelector",
            "conformsTo": XML_FRAGMENT,
            "value": piece.block_id,
            "refinedBy": refined,
        }
        for refined in (quote, position)
    ]


def _body(value: str, language: str | None) -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
            "value": value}
    if language:
        body["language"] = language
    return body


def annotation(quotation: Quotation) -> dict[str, Any]:
    """The annotation as a JSON-LD object (serialise with ``json.dumps``)."""
    record = quotation.record
    source = record.url or f"urn:transcite:record:{record.id}"
    excerpt = quotation.excerpt
    at = f"@{excerpt.version}" if excerpt.version is not None else ""
    bodies = [_body(quotation.reference.render("text"), record.language)]
    figure = quotation.excerpt.figure
    if figure is not None and figure.credit is not None:
        bodies.append(_body(f"Photo: {figure.credit.text}", record.language))
    return {
        "@context": CONTEXT,
        "id": f"urn:transcite:quote:{record.id}{at}:{excerpt.selector}",
        "type": "Annotation",
        "motivation": "highlighting",
        "body": bodies,
        "target": [
            {
                "type": "SpecificResource",
                "source": source,
                "selector": _selectors(piece, _block_text(quotation, piece.block_id)),
            }
            for piece in quotation.excerpt.pieces
        ],
    }
