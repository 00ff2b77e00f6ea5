"""Figures of a web page: caption, credit and image URL of a ``<figure>`` (or of a
``<figcaption>`` outside any), as the HTML reader finds them (see docs/html-reader.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from transcite.core.model import fold_whitespace
from transcite.credits.lines import credit_after_caption, split_caption_credit, strip_credit_label

_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|byline|source", re.I)


@dataclass(frozen=True, slots=True)
class FigureData:
    """A ``<figure>`` as found: caption and credit text, the credit's source, image URL."""

    caption: str
    credit: str | None
    image: str | None


def class_and_id(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def element_text(el: etree._Element) -> str:
    """All text of an element, white space folded (``<br>`` already turned into a newline)."""
    return fold_whitespace("".join(str(t) for t in el.itertext()))




def figure_of(el: etree._Element) -> FigureData | None:
    """A ``<figure>``, or a ``<figcaption>`` outside any (its image is its parent's)."""
    figure = read_figure(el)
    if figure is not None and el.tag == "figcaption" and figure.image is None:
        parent = el.getparent()
        image = _image_url(parent) if parent is not None else None
        figure = FigureData(figure.caption, figure.credit, image)
    return figure


def read_figure(figure: etree._Element) -> FigureData | None:
    """Caption, credit and image URL of a ``<figure>``; ``None`` for an empty one."""
    image = _image_url(figure)
    credit_els = [
        el for el in figure.iter()
        if el is not figure and isinstance(el.tag, str)
        and (_CREDIT_CLASS.search(class_and_id(el)) or el.tag in ("cite", "small"))
    ]
    credit = None
    for el in credit_els:
        text = element_text(el)
        if text and credit is None:
            credit = strip_credit_label(text)
    caption_el = figure.find(".//figcaption")
    raw = _text_without(caption_el if caption_el is not None else figure, credit_els)
    lines = [fold_whitespace(line) for line in raw.split("\n")]
    lines = [line for line in lines if line]
    if credit is None and len(lines) > 1 and credit_after_caption(lines[-1]):
        credit, lines = lines[-1], lines[:-1]
    caption = fold_whitespace(" ".join(lines))
    if credit is None:
        caption, credit = split_caption_credit(caption)
    if not caption and credit is None and image is None:
        return None
    return FigureData(caption, credit, image)


def _text_without(el: etree._Element, skip: list[etree._Element]) -> str:
    """Text of ``el`` leaving out the subtrees in ``skip`` (their tails are kept)."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child not in skip:
                visit(child)
            parts.append(child.tail or "")

    visit(el)
    return "".join(parts)


def _image_url(figure: etree._Element) -> str | None:
    for img in figure.iter("img", "source"):
        for attr in ("src", "data-src", "data-original", "srcset", "data-srcset"):
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                return value.split(",")[0].split()[0] if "srcset" in attr else value
    return None
