"""Reader for web pages: a saved HTML file or a page fetched by ``transcite ingest URL``.

Metadata comes from the page's schema.org JSON-LD first, then Open Graph and other head tags,
then what the page shows (``h1``, bylines such as "Translated by …", ``<time>``); the origin
of every value is kept in ``Record.provenance`` (see :mod:`transcite.ingest.readers.html_meta`). The
body (see :mod:`transcite.ingest.readers.html_body`) is classified with the same rules as a
plain-text
capture (:mod:`transcite.ingest.readers.rules`), so one article gives the same paragraphs and ids
whether it was saved as text or as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from transcite.core.errors import DataError
from transcite.core.model import (
    BLOCK_PREFIX,
    Block,
    BlockKind,
    Credit,
    CreditPart,
    Figure,
    Furniture,
    Label,
    Original,
    Paragraph,
    Person,
    Record,
    block_id,
)
from transcite.core.urls import join_url, stray_percent
from transcite.credits.lines import looks_like_credit, parse_credit
from transcite.ingest.readers import Ingested, IngestOptions, IngestReport, register
from transcite.ingest.readers.html_authors import without_site_names
from transcite.ingest.readers.html_body import (
    DATELINE,
    FRAME,
    Item,
    Walker,
    lead_figures,
    prepare,
)
from transcite.ingest.readers.html_content import Guide, read_guide
from transcite.ingest.readers.html_filter import guided, trailing_byline
from transcite.ingest.readers.html_meta import (
    Found,
    clean_url,
    head_title,
    not_site_names,
    page_date,
    persons_from_names,
    read_head,
    read_json_ld,
)
from transcite.ingest.readers.html_source import looks_like_html, parse_page
from transcite.ingest.readers.rules import (
    SOURCE,
    TRANSLATOR,
    byline_names,
    byline_notice,
    furniture_reason,
    is_label_shaped,
    is_name_shaped,
    language_code,
    looks_like_byline,
    split_names,
)
from transcite.ingest.readers.summary import summarise

#: fields of ``Record.provenance``, in the order they are stored (figure credits follow)
PROVENANCE_FIELDS = (
    "title", "authors", "translators", "publisher", "url", "published", "modified", "accessed",
    "language", "original.language", "original.title", "original.url", "original.published",
)


#: name-shaped lines in the article's header or footer that can be its byline: more are a
#: menu (a country selector, section links), not the people who wrote it
MAX_FRAME_NAMES = 4


class HtmlReader:
    """Web pages: metadata from JSON-LD / Open Graph / meta tags, body from ``<article>``."""

    name = "html"
    description = "web page: a saved HTML file or a fetched http(s) URL"

    def sniff(self, data: bytes) -> bool:
        return looks_like_html(data)

    def read(self, data: bytes, options: IngestOptions) -> Ingested:
        source = parse_page(data, options.source_name, options.encoding, options.http_charset)
        return _Page(options, source.notes).run(source.root)


register(HtmlReader())


@dataclass(slots=True)
class _Bylines:
    authors: list[Person] = field(default_factory=list)
    translators: list[Person] = field(default_factory=list)
    publisher: str | None = None
    language: str | None = None


class _Page:
    def __init__(self, options: IngestOptions, notes: list[str]) -> None:
        self.options = options
        self.report = IngestReport(notes=list(notes))
        self.furniture: list[Furniture] = []
        self.bylines = _Bylines()
        #: lines that start like a byline but were not taken as one (a notice each)
        self.byline_like: list[str] = []
        self.guide: Guide | None = None
        #: the parts of ``<title>`` after the headline ("Headline | Site"): the site's name
        self.site_names: list[str] = []

    def run(self, root: etree._Element) -> Ingested:
        found = Found(base_url=self._base(root))
        self._offer_options(found)
        read_json_ld(root, found)
        read_head(root, found)
        guide = read_guide(root, found.text("url") or found.base_url)
        self.guide = guide if guide is not None and guide.usable else None
        main, body = prepare(root, self.guide)
        Walker(body, self.guide).run(main)
        body.items[:0] = lead_figures(root, main, found.image_files)
        self.furniture.extend(body.furniture)
        contained = main.tag != "body"
        items, dropped = guided(
            self._metadata(body.items, found), self.guide, contained, found.text("title")
        )
        self.furniture.extend(dropped)
        kept = {item.text for item in items if item.kind == "text"}
        self.report.notes.extend(byline_notice(t, t in kept) for t in self.byline_like)
        blocks = self._blocks(items, found)
        self._offer_page(root, main, found)
        if guide is not None:
            self._offer_guide(guide, found)
        record = self._record(found, blocks)
        self.report.notes.extend(found.notes)
        self.report.dropped.extend((f.text, f.reason) for f in self.furniture)
        summarise(record, self.report)
        return Ingested(record, self.report)

    def _base(self, root: etree._Element) -> str | None:
        page = self.options.fetched[-1] if self.options.fetched else self.options.url
        base = root.find(".//base[@href]")
        if base is not None:
            return clean_url(base.get("href"), page) or page
        if page is None:  # a saved file: the page's own URL, as it states it
            for link in root.iter("link"):
                if "canonical" in (link.get("rel") or "").lower().split():
                    return clean_url(link.get("href"), None)
        return page

    def _offer_options(self, found: Found) -> None:
        opts = self.options
        found.offer("url", opts.url, "option")
        found.offer("published", opts.published, "option")
        found.offer("accessed", opts.accessed, "option")
        found.offer("accessed", opts.fetched_on, "http")
        found.offer("language", opts.language, "option")
        found.offer("original.language", opts.original_language, "option")

    def _offer_page(self, root: etree._Element, main: etree._Element, found: Found) -> None:
        """The lowest-priority values: visible h1, <title>, bylines, <time>, fetched URL."""
        h1 = next(main.iter("h1"), None)
        h1 = h1 if h1 is not None else root.find(".//h1")
        if h1 is not None:
            found.offer("title", " ".join("".join(str(t) for t in h1.itertext()).split()), "page")
        found.offer("title", head_title(root), "meta")
        self.site_names.extend(_TITLE_PARTS.split(head_title(root) or "")[1:])
        by = self.bylines
        found.offer("authors", tuple(by.authors), "byline")
        found.offer("translators", tuple(by.translators), "byline")
        found.offer("publisher", by.publisher, "byline")
        found.offer("original.language", by.language, "byline")
        for time in main.iter("time"):
            found.offer("published", page_date(time.get("datetime")), "page")
        if self.options.fetched:
            found.offer("url", self.options.fetched[-1], "http")

    def _offer_guide(self, guide: Guide, found: Found) -> None:
        """The date htmldate finds (JSON-LD, meta, ``<time>``, URL, visible datelines).

        It wins over a full day in the page's own metadata (not over ``--published``), never
        adding a day to a month: a timestamp in UTC often falls on the day after the one the
        publisher's URL and dateline state. When both agree, the origin of the page's value
        is kept.
        """
        day = page_date(guide.date)
        if day is None:
            return
        stated = found.text("published") or ""
        overridable = found.origin("published") not in (None, "option")
        if overridable and len(stated) == 10 and stated != day:
            found.values["published"] = (day, "page")
        found.offer("published", day, "page")

    def _drop(self, text: str, reason: str) -> None:
        self.furniture.append(Furniture(text, reason))

    def _metadata(self, items: list[Item], found: Found) -> list[Item]:
        """Take bylines, translator and source lines and furniture out of the text items."""
        rest: list[Item] = []
        by = self.bylines
        frame_names: list[str] = []
        for item in items:
            text = item.text
            if item.kind != "text":
                rest.append(item)
                continue
            reason = furniture_reason(text)
            translator = TRANSLATOR.match(text)
            byline = byline_names(text)
            source = SOURCE.match(text)
            if reason:
                self._drop(text, reason)
            elif source:
                by.publisher = by.publisher or source["name"]
            elif translator:
                by.translators.extend(split_names(translator["names"]))
                by.language = by.language or language_code(translator["lang"])
            elif byline is not None:
                by.authors.extend(byline)
            elif item.byline and is_name_shaped(text):
                by.authors.extend(split_names(text))
            elif item.frame and is_name_shaped(text):
                frame_names.append(text)
            else:
                if looks_like_byline(text):  # not taken: a notice once its fate is known
                    self.byline_like.append(text)
                self._not_metadata(item, rest)
        if len(frame_names) <= MAX_FRAME_NAMES:  # a byline in the article's header/footer
            by.authors.extend(n for text in frame_names for n in split_names(text))
        else:  # many name-shaped lines there: a menu (countries, sections, links)
            for text in frame_names:
                self._drop(text, "navigation (one of many names in the page's frame)")
        rest, authors = trailing_byline(rest, self.guide)
        self.bylines.authors.extend(authors)
        return rest

    def _not_metadata(self, item: Item, rest: list[Item]) -> None:
        """A stray credit line, a frame's or dateline's text (dropped), or content (kept)."""
        if looks_like_credit(item.text):
            self.report.notes.append(f"credit line without a caption kept out: {item.text}")
            self._drop(item.text, "credit line without a caption")
        elif item.frame or item.byline:
            self._drop(item.text, FRAME if item.frame else DATELINE)
        else:
            rest.append(item)

    def _blocks(self, items: list[Item], found: Found) -> list[Block]:
        blocks: list[Block] = []
        section, seen_body, title_seen = 1, False, False
        counts = dict.fromkeys(BLOCK_PREFIX, 0)

        def next_id(kind: BlockKind) -> str:
            counts[kind] += 1
            return block_id(kind, counts[kind])

        for item in items:
            if item.break_before and seen_body:
                section += 1
            if item.kind == "heading" and item.heading_level == 1 and not title_seen:
                title_seen = True  # the headline: metadata, not a block
            elif item.kind == "figure" and item.figure is not None:
                blocks.append(self._figure(next_id("figure"), item, section, found))
                seen_body = True
            elif item.kind in ("heading", "label") or (
                is_label_shaped(item.text) and item.tag not in _LISTED
            ):
                blocks.append(Label(next_id("label"), item.text, section))
            else:
                ident = next_id("paragraph")
                blocks.append(Paragraph(ident, counts["paragraph"], item.text, section))
                seen_body = True
        return blocks

    def _figure(self, ident: str, item: Item, section: int, found: Found) -> Figure:
        data = item.figure
        assert data is not None
        url = _graphic_url(data.image, found.base_url or found.text("url"))
        meta = found.images.get(url or "")
        credit: Credit | None = None
        if meta is not None and meta.credit_text:
            credit = parse_credit(meta.credit_text)
            found.values[f"{ident}.credit"] = (credit, "json-ld")
            if data.credit and data.credit != meta.credit_text:
                found.notes.append(
                    f"{ident}: the page shows the credit {data.credit!r}; kept "
                    f"{meta.credit_text!r} from json-ld"
                )
        elif data.credit:
            credit = parse_credit(data.credit)
            found.values[f"{ident}.credit"] = (credit, "page")
        elif meta is not None and meta.creator:
            credit = Credit(meta.creator, (CreditPart(meta.creator, "creator"),))
            found.values[f"{ident}.credit"] = (credit, "json-ld")
        return Figure(ident, data.caption, credit, section, graphic_url=url)

    def _authors(self, found: Found) -> tuple[Person, ...]:
        """The authors, without the site's or the publisher's name."""
        sitename = self.guide.sitename if self.guide is not None else None
        host = urlsplit(found.text("url") or "").hostname or ""
        site = host.removeprefix("www.").split(".")[0] if host else None
        sites = [found.text("publisher"), sitename, site, *self.site_names]
        names = without_site_names([p.full_name for p in found.persons("authors")], sites)
        return not_site_names(persons_from_names(names), sites)

    def _record(self, found: Found, blocks: list[Block]) -> Record:
        source = self.options.source_name
        if not any(isinstance(b, Paragraph) for b in blocks):
            raise DataError(f"{source}: no body paragraphs recognised; is this an article page?")
        title = found.text("title")
        if title is None:
            raise DataError(f"{source}: no headline found (no JSON-LD, og:title, h1 or title)")
        translators = found.persons("translators")
        original = None
        fields = ("original.language", "original.title", "original.url", "original.published")
        if translators or any(found.text(f) for f in fields):
            original = Original(*(found.text(f) for f in fields))
            if original.language is None:
                self.report.notes.append(
                    "original language unknown: pass --original-language (e.g. ru)"
                )
        provenance = [(f, o) for f in PROVENANCE_FIELDS if (o := found.origin(f))]
        provenance += [
            (f"{b.id}.credit", o) for b in blocks if (o := found.origin(f"{b.id}.credit"))
        ]
        return Record(
            id=self.options.id, title=title, language=found.text("language"),
            publisher=found.text("publisher"), url=found.text("url"),
            published=found.text("published"), accessed=found.text("accessed"),
            authors=self._authors(found), translators=translators, original=original,
            blocks=tuple(blocks), furniture=tuple(self.furniture),
            modified=found.text("modified"), provenance=tuple(provenance),
            fetched=self.options.fetched,
        )


#: a list item or a table row is a paragraph of its own whatever its shape: content, never
#: a section label (``docs/html-reader.md``, "Lists and tables")
_LISTED = frozenset(("li", "tr"))
#: "Headline | Site", "Headline - Site", "Headline — Site · Section"
_TITLE_PARTS = re.compile(r"\s+[|\-–—·:]{1,2}\s+")
def _graphic_url(value: str | None, base: str | None) -> str | None:
    """An image URL, resolved against the page's URL when there is one."""
    if not value:
        return None
    url = join_url(base, value)
    if url is None or stray_percent(url):
        return None
    url = url.replace(" ", "%20")
    return None if any(c < " " or c == '"' for c in url) else url
