"""Figures of a web page for the HTML reader (:mod:`transcite.ingest.readers.html`): the
image's URL and the credit, read from the page's JSON-LD or its caption."""

from __future__ import annotations

from transcite.core.model import Credit, CreditPart, Figure
from transcite.core.urls import join_url, stray_percent
from transcite.credits.lines import parse_credit
from transcite.ingest.readers.html_body import Item
from transcite.ingest.readers.html_meta import Found


def page_figure(ident: str, item: Item, section: int, found: Found) -> Figure:
    """The record's figure for a figure of the page: its image URL resolved against the
    page's, its credit from the JSON-LD image (with a note when the page shows another),
    else from the page, else the JSON-LD image's creator."""
    data = item.figure
    assert data is not None
    url = graphic_url(data.image, found.base_url or found.text("url"))
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


def graphic_url(value: str | None, base: str | None) -> str | None:
    """An image URL, resolved against the page's URL when there is one."""
    if not value:
        return None
    url = join_url(base, value)
    if url is None or stray_percent(url):
        return None
    url = url.replace(" ", "%20")
    return None if any(c < " " or c == '"' for c in url) else url
