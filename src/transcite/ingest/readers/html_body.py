"""The article body of a parsed page, as a flat list of items in reading order.

The content root is the smallest ``<article>``, ``<main>`` (or ``role=main``) or ``<body>``
holding most of trafilatura's text (without it: the largest ``<article>``, else ``<main>``,
else ``<body>``); the article's figures outside it are found too. Page furniture is
removed by element (``nav``, ``aside``, forms, hidden elements) and by class or id (share
bars, donation and newsletter appeals, related / read-more blocks, advertising, comments),
each removal recorded with its reason. What is left becomes items: text runs (a leaf block
such as ``<p>``, or inline text between blocks), headings, labels (elements whose class
names a score or label), figures, and section breaks (``<section>``, an element whose class
names a slide, ``<hr>``). Classifying text runs as paragraphs, bylines or labels is left to
the reader, which applies the rules shared with text captures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from lxml import etree

from transcite.core.model import Furniture, fold_whitespace
from transcite.ingest.readers.html_content import Guide
from transcite.ingest.readers.html_figures import (
    FigureData,
    class_and_id,
    element_text,
    figure_of,
)
from transcite.ingest.readers.html_meta import image_file
from transcite.ingest.readers.rules import APPEAL, READ_MORE

#: furniture reasons of the HTML reader (the text rules' reasons are in ``rules``)
NAVIGATION = "navigation"
ASIDE = "aside (sidebar or pull-out)"
FORM = "form or button"
SHARE = "share bar"
ADVERT = "advertisement"
COMMENTS = "comments"
HIDDEN = "hidden element"
SCRIPT = "script or style"
FRAME = "article header or footer"
DATELINE = "byline or dateline"
NOT_ARTICLE = "not in the article's text (trafilatura)"
#: a furniture element that trafilatura reads as the article is kept when it holds this many
#: words and this share of them is the article's text
_OVERRIDE_WORDS = 30
_OVERRIDE_SHARE = 0.6
#: the content root is the smallest candidate holding this share of the article's text
_ROOT_COVER = 0.8

#: removed with their content before anything is read (their text is never page text)
_SKIP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
         "canvas", "math", "select", "textarea", "button", "input", "dialog")
_BLOCK = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd", "hr",
    "form", "address", "details", "summary", "fieldset", "center", "hgroup", "menu",
))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_TAG_FURNITURE = {"nav": NAVIGATION, "aside": ASIDE, "form": FORM, "menu": NAVIGATION}
_ROLE_FURNITURE = {"navigation": NAVIGATION, "complementary": ASIDE, "search": FORM}
_CLASS_FURNITURE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"donat|newsletter|subscri|paywall|membership", re.I), APPEAL),
    (re.compile(r"share|social", re.I), SHARE),
    (re.compile(r"related|read-?more|recommend|more-?stories|see-?also|teaser", re.I),
     READ_MORE),
    (re.compile(r"advert|sponsor|(?:^|[\s_-])(?:ad|ads|promo|banner)(?:$|[\s_-])", re.I), ADVERT),
    (re.compile(r"breadcrumb|(?:^|[\s_-])(?:nav|navbar|menu)(?:$|[\s_-])", re.I), NAVIGATION),
    (re.compile(r"comment", re.I), COMMENTS),
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BREAK_CLASS = re.compile(r"(?:^|\s)slide(?:$|\s|[-_]?\d)", re.I)
_LABEL_CLASS = re.compile(r"score|label|kicker|rubric", re.I)
_BYLINE_MARK = re.compile(r"byline|author|translator", re.I)
_SUMMARY_MAX = 100

ItemKind = Literal["text", "heading", "label", "figure"]


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of the body in reading order."""

    kind: ItemKind
    text: str
    break_before: bool = False
    #: inside the article's own header or footer (where bylines and datelines live)
    frame: bool = False
    #: marked up as a byline (class, ``rel=author`` or ``itemprop=author``)
    byline: bool = False
    figure: FigureData | None = None
    heading_level: int = 0
    #: the element the text came from (``li``, ``tr``, ``p`` …; empty for inline runs)
    tag: str = ""
    #: inside an element whose class names a slide (a section of a slides article)
    slide: bool = False
    #: the elements that start a section (``<section>``, a slide) and hold the item,
    #: outermost first
    sections: tuple[etree._Element, ...] = ()
    #: a heading that is a link (a teaser's title, pointing to another page)
    link: bool = False


def furniture_of(el: etree._Element, names: str | None = None) -> str | None:
    """Why an element is page furniture, or ``None`` when it may hold content.

    ``names`` is the element's class and id (:func:`_attrs`) when the caller has it already.
    """
    tag = str(el.tag)
    if tag in _TAG_FURNITURE:
        return _TAG_FURNITURE[tag]
    role = (el.get("role") or "").strip().lower()
    if role in _ROLE_FURNITURE:
        return _ROLE_FURNITURE[role]
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return HIDDEN
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return HIDDEN
    names = class_and_id(el) if names is None else names
    if names.strip():
        for pattern, reason in _CLASS_FURNITURE:
            if pattern.search(names):
                return reason
    return None


def spaced_text(el: etree._Element) -> str:
    """All text of an element with a space between blocks ("Related" + "<li>A" -> "Related A")."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        block = node.tag in _BLOCK
        parts.append(" " if block else "")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    visit(el)
    return fold_whitespace("".join(parts))


def summary(text: str) -> str:
    return text if len(text) <= _SUMMARY_MAX else text[: _SUMMARY_MAX - 1].rstrip() + "…"


def content_root(root: etree._Element, guide: Guide | None = None) -> etree._Element:
    """The element holding the article.

    With trafilatura's text (``guide``): the smallest ``<article>``, ``<main>`` (or
    ``role=main``) or ``<body>`` that holds most of that text. Without: the largest
    ``<article>``, else the first ``<main>``, else ``<body>``.
    """
    if guide is not None and guide.usable:
        candidates = [
            el for el in root.iter()
            if el.tag in ("article", "main") or (el.get("role") or "").lower() == "main"
        ]
        # the smallest first: the first that covers the text is the root (larger ones,
        # often the whole page, are not tokenised at all)
        sized = sorted(candidates, key=_text_length)
        for el in sized:
            if guide.cover(el) >= _ROOT_COVER:
                return el
        body = root.find("body")
        return body if body is not None else root
    articles = list(root.iter("article"))
    if articles:
        return max(articles, key=lambda el: len("".join(str(t) for t in el.itertext())))
    for el in root.iter("main"):
        return el
    for el in root.iter():
        if (el.get("role") or "").lower() == "main":
            return el
    body = root.find("body")
    return body if body is not None else root


def _text_length(el: etree._Element) -> float:
    """Characters of text in an element, counted by libxml2 (no Python string built)."""
    length = el.xpath("string-length(.)")
    return length if isinstance(length, float) else 0.0


@dataclass(slots=True)
class Body:
    """Items of the article body and the furniture removed to get them."""

    items: list[Item] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)


def prepare(root: etree._Element, guide: Guide | None = None) -> tuple[etree._Element, Body]:
    """Strip scripts and other non-text elements, choose the content root, list furniture."""
    body = Body()
    in_article = {el for tag in ("article", "main") for el in root.iter(tag)}
    for el in list(root.iter(*_SKIP)):
        if str(el.tag) in ("script", "style") and any(a in in_article for a in el.iterancestors()):
            chars = len("".join(str(t) for t in el.itertext()))
            body.furniture.append(Furniture(f"<{el.tag}> ({chars} characters)", SCRIPT))
    etree.strip_elements(root, *_SKIP, with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    main = content_root(root, guide)
    if main.tag != "body":
        _outside(root, main, body)
    return main, body


def lead_figures(root: etree._Element, main: etree._Element, images: set[str]) -> list[Item]:
    """The article's figures outside its content root: its lead photo, set between the
    headline and the text (``<h1>``, then the figure, then the ``<article>``), or a figure
    whose image file is the one the page names as the article's (``og:image``, JSON-LD)."""
    if main.tag == "body":
        return []
    inside = set(main.iter())
    order = {el: n for n, el in enumerate(root.iter())}
    h1 = next((el for el in root.iter("h1") if el not in inside), None)
    start = order[h1] if h1 is not None else len(order)
    items: list[Item] = []
    for fig in root.iter("figure", "figcaption"):
        if fig in inside or any(a.tag in ("nav", "aside", "footer") for a in fig.iterancestors()):
            continue
        if fig.tag == "figcaption" and any(a.tag == "figure" for a in fig.iterancestors()):
            continue  # read with its figure
        data = figure_of(fig)
        if data is None or not data.caption:
            continue
        named = data.image is not None and image_file(data.image) in images
        if named or start < order[fig] < order[main]:
            items.append(Item("figure", data.caption, figure=data))
    return items


def _outside(root: etree._Element, main: etree._Element, body: Body) -> None:
    """List the page's own header, navigation, sidebars and footer outside the article."""
    around = set(main.iterancestors())
    for el in root.iter("header", "nav", "aside", "footer"):
        if el in around or any(a.tag in ("header", "nav", "aside", "footer")
                               for a in el.iterancestors()):
            continue
        if any(a is main for a in el.iterancestors()):
            continue
        text = spaced_text(el)
        if text:
            body.furniture.append(Furniture(summary(text), f"page {el.tag} outside the article"))


class Walker:
    """Turns the content root into items (see the module docstring)."""

    def __init__(self, body: Body, guide: Guide | None = None) -> None:
        self.body = body
        self.guide = guide if guide is not None and guide.usable else None
        self.pending_break = False
        self._has_block: set[etree._Element] = set()
        self._slides = 0
        self._sections: tuple[etree._Element, ...] = ()

    def run(self, main: etree._Element) -> Body:
        for el in main.iter(*_BLOCK):
            if el is not main:
                self._has_block.update(el.iterancestors())
        self._children(main, frame=False, byline=False)
        return self.body

    def _emit(self, item: Item) -> None:
        if self.pending_break or self._sections:
            item = replace(item, break_before=self.pending_break, sections=self._sections)
            self.pending_break = False
        self.body.items.append(item)

    def _text(self, text: str, frame: bool, byline: bool, tag: str = "") -> None:
        text = fold_whitespace(text)
        if text:
            self._emit(Item("text", text, frame=frame, byline=byline, tag=tag,
                            slide=self._slides > 0))

    def _children(self, el: etree._Element, frame: bool, byline: bool) -> None:
        """Walk the children of a block that holds other blocks, grouping inline runs."""
        run = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if child in self._has_block or child.tag in _BLOCK:
                self._text("".join(run), frame, byline)
                self._element(child, frame, byline)
                run = [child.tail or ""]
            else:
                run.extend(("".join(str(t) for t in child.itertext()), child.tail or ""))
        self._text("".join(run), frame, byline)

    def _element(self, el: etree._Element, frame: bool, byline: bool) -> None:
        tag, names = str(el.tag), class_and_id(el)
        reason = furniture_of(el, names)
        if reason and self._article_text(el, tag):
            reason = None
        if reason:
            text = spaced_text(el)
            if text:
                self.body.furniture.append(Furniture(summary(text), reason))
            return
        frame = frame or tag in ("header", "footer")
        byline = byline or bool(_BYLINE_MARK.search(names)) or _is_author_link(el)
        slide = bool(_BREAK_CLASS.search(names))
        if tag in ("section", "hr") or slide:
            self.pending_break = True
        outer = self._sections
        if tag == "section" or slide:
            self._sections = (*outer, el)
        self._slides += slide
        try:
            self._content(el, tag, names, frame, byline)
        finally:
            self._slides -= slide
            self._sections = outer

    def _content(
        self, el: etree._Element, tag: str, names: str, frame: bool, byline: bool
    ) -> None:
        if tag == "figure" or tag == "figcaption":  # a caption outside any <figure> too
            figure = figure_of(el)
            if figure is not None:
                self._emit(Item("figure", figure.caption, figure=figure))
        elif tag in _HEADINGS:
            self._heading(el, int(tag[1]), frame)
        elif _LABEL_CLASS.search(names) and el not in self._has_block:
            text = element_text(el)
            if text:
                self._emit(Item("label", text, frame=frame))
        elif tag == "tr" and _simple_row(el):
            cells = [cell for cell in el if cell.tag in ("td", "th")]
            line = " | ".join(t for cell in cells if (t := element_text(cell)))
            if line and all(cell.tag == "th" for cell in cells):
                self._emit(Item("label", line, frame=frame, tag=tag))  # the table's head
            else:
                self._text(line, frame, byline, tag)
        elif el in self._has_block:
            self._children(el, frame, byline)
        else:
            self._text("".join(str(t) for t in el.itertext()), frame, byline, tag)

    def _article_text(self, el: etree._Element, tag: str) -> bool:
        """A class rule (or a page-wide ``<form>``) must not remove the article's own text:
        true when trafilatura reads most of the element as the article."""
        if self.guide is None or (tag in _TAG_FURNITURE and tag != "form"):
            return False
        if (el.get("role") or "").strip().lower() in _ROLE_FURNITURE:
            return False
        if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
            return False
        if _HIDDEN_STYLE.search(el.get("style") or ""):
            return False
        text = spaced_text(el)
        if len(text.split()) < _OVERRIDE_WORDS and not self.guide.wide(text):
            return False
        return self.guide.share_in_text(text) >= _OVERRIDE_SHARE

    def _heading(self, el: etree._Element, level: int, frame: bool) -> None:
        text = element_text(el)
        if text:
            linked = "".join(str(t) for a in el.iter("a") for t in a.itertext())
            link = fold_whitespace(linked) == text or any(a.tag == "a" for a in el.iterancestors())
            self._emit(Item("heading", text, frame=frame, heading_level=level, link=link))


#: a cell holding one of these is part of a page's layout, not a row of data
_LAYOUT_IN_CELL = ("table", "figure", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6")


def _simple_row(row: etree._Element) -> bool:
    """A table row of data: read as one line, cells joined by " | ".

    Each cell holds text, or one block of text (``<td><p>…</p></td>``); a cell holding a
    table, a list, a figure, a heading or several blocks is layout (an old page set out in a
    table), and its blocks are read one by one.
    """
    for cell in row:
        if cell.tag not in ("td", "th"):
            continue
        blocks = [el for el in cell.iterdescendants() if el.tag in _BLOCK]
        if len(blocks) > 1 or any(el.tag in _LAYOUT_IN_CELL for el in blocks):
            return False
    return True


def _is_author_link(el: etree._Element) -> bool:
    return "author" in (el.get("rel") or "").split() or el.get("itemprop") in (
        "author", "translator"
    )
