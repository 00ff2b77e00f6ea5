"""The article body of a parsed page, as a flat list of items in reading order.

The content root is the largest ``<article>``, else ``<main>`` (or ``role=main``), else
``<body>``. Page furniture is removed by element (``nav``, ``aside``, forms, hidden elements)
and by class or id (share bars, donation and newsletter appeals, related / read-more blocks,
advertising, comments), each removal recorded with its reason. What is left becomes items:
text runs (a leaf block such as ``<p>``, or inline text between blocks), headings, labels
(elements whose class names a score or label), figures, and section breaks (``<section>``,
an element whose class names a slide, ``<hr>``). Classifying text runs as paragraphs,
bylines or labels is left to the reader, which applies the rules shared with text captures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from transcite.core.model import Furniture, fold_whitespace
from transcite.credits.lines import credit_after_caption, split_caption_credit, strip_credit_label
from transcite.ingest.readers.html_content import Guide
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
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|byline|source", re.I)
_BYLINE_MARK = re.compile(r"byline|author|translator", re.I)
_SUMMARY_MAX = 100

ItemKind = Literal["text", "heading", "label", "figure"]


@dataclass(frozen=True, slots=True)
class FigureData:
    """A ``<figure>`` as found: caption and credit text, the credit's source, image URL."""

    caption: str
    credit: str | None
    image: str | None


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


def _attrs(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


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
    names = _attrs(el) if names is None else names
    if names.strip():
        for pattern, reason in _CLASS_FURNITURE:
            if pattern.search(names):
                return reason
    return None


def element_text(el: etree._Element) -> str:
    """All text of an element, white space folded (``<br>`` already turned into a newline)."""
    return fold_whitespace("".join(str(t) for t in el.itertext()))


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
        sized = sorted(candidates, key=lambda el: len("".join(str(t) for t in el.itertext())))
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

    def run(self, main: etree._Element) -> Body:
        for el in main.iter(*_BLOCK):
            if el is not main:
                self._has_block.update(el.iterancestors())
        self._children(main, frame=False, byline=False)
        return self.body

    def _emit(self, item: Item) -> None:
        if self.pending_break:
            item = Item(item.kind, item.text, True, item.frame, item.byline, item.figure,
                        item.heading_level, item.tag, item.slide)
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
        tag, names = str(el.tag), _attrs(el)
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
        if tag in ("section", "hr") or _BREAK_CLASS.search(names):
            self.pending_break = True
        slide = bool(_BREAK_CLASS.search(names))
        self._slides += slide
        try:
            self._content(el, tag, names, frame, byline)
        finally:
            self._slides -= slide

    def _content(
        self, el: etree._Element, tag: str, names: str, frame: bool, byline: bool
    ) -> None:
        if tag == "figure":
            figure = read_figure(el)
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
            self._emit(Item("heading", text, frame=frame, heading_level=level))


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


# ---------------------------------------------------------------------------------- figures


def read_figure(figure: etree._Element) -> FigureData | None:
    """Caption, credit and image URL of a ``<figure>``; ``None`` for an empty one."""
    image = _image_url(figure)
    credit_els = [
        el for el in figure.iter()
        if el is not figure and isinstance(el.tag, str)
        and (_CREDIT_CLASS.search(_attrs(el)) or el.tag in ("cite", "small"))
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
