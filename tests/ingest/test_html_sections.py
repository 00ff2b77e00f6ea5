"""Sections of an article that trafilatura leaves out, on pages without ``<article>``/``<main>``.

Found by ``test_html_property.py``: a slides article in a plain ``<div>``, whose closing
``<section>`` trafilatura leaves out (its own extraction drops the slide as a carousel, and
readability's, which it takes instead, keeps the slide without the section beside it). The
reader keeps a left-out section's prose when the section belongs to the series of sections
that holds the article's text and nothing but such prose stands between them
(``html_filter._left_out_sections``; docs/html-reader.md). Each page's expected paragraphs
are its own text; each test first checks that trafilatura does leave the section out, so
that it tests the rule and not trafilatura.
"""

from __future__ import annotations

import pytest

from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.ingest.readers import IngestOptions, get_reader
from transcite.ingest.readers.html_body import NOT_ARTICLE, summary
from transcite.ingest.readers.html_content import read_guide
from transcite.ingest.readers.html_source import parse_page

SLIDE = [
    "For the first time in forty years two keepers will live at the lighthouse on the northern "
    "cape this winter. The coastal authority said on Monday that the light had failed too often "
    "to be left alone through the storms. The keepers will arrive by boat in the first week of "
    "October and stay until the end of March.",
    "The light itself has been automatic since the eighties but storms have broken its lamp "
    "three times in the last two years. Each repair took a boat and a crew of four and most of "
    "a week. On the longest of those nights the cape was dark from the evening until the next "
    "afternoon.",
    "The keepers are a retired engineer and her son who grew up in the village below the cape. "
    "They will send a report on the lamp and the weather every morning by radio and mend what "
    "they can themselves. The authority will pay them the wage of a harbour master for the six "
    "months they spend there.",
    "Their cottage beside the tower has been given new windows and a stove and a water tank for "
    "the winter. The work was paid for by a grant from the regional heritage fund which also "
    "paid for a new roof on the tower last year. Visitors will not be allowed on the cape while "
    "the keepers live there.",
]
SECTION = [
    "Fishermen on the cape welcomed the news and said a dark lighthouse had kept them in harbour "
    "on some of the longest nights of the year.",
    "The authority said it would decide in the spring whether keepers should return to the two "
    "other lighthouses on the coast.",
]
CAPTION, CREDIT = "The keepers' cottage after its repair.", "Olaf Lind / AFP / Scanpix"
TEASER_TITLE = "Storm closes the coast road for a second night"
TEASER = ("Forecasters expect the wind to ease on Thursday morning but the road will stay shut "
          "until the crews have cleared it.")
FOOTER = ("The Example Gazette is published by the Example Foundation and paid for by its "
          "readers in the region.")
NAV = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"


def page(heading: str = "", after: str = "") -> str:
    """The failing page's shape: a headline and a source line in a plain ``<div>``, a slide
    that trafilatura keeps, a ``<section>`` it leaves out; navigation around them."""
    slide = "\n".join(f"<p>{text}</p>" for text in SLIDE)
    section = "\n".join(f"<p>{text}</p>" for text in SECTION)
    return f"""<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>
<title>Lighthouse keepers return to the northern cape | Example</title></head><body>
{NAV}
<div><h1>Lighthouse keepers return to the northern cape</h1><p>Source: Example</p>
<div class='slide'>
{slide}
</div>
<section>{heading}
{section}
<figure><img src='img/cottage.jpg'><figcaption><span class='caption'>{CAPTION}</span>
<span class='credit'>{CREDIT}</span></figcaption></figure>
</section>{after}
</div>{NAV}</body></html>"""


def read(html: str) -> Record:
    return get_reader("html").read(html.encode("utf-8"), IngestOptions(id="t")).record


def left_out_by_trafilatura(html: str, *texts: str) -> bool:
    guide = read_guide(parse_page(html.encode("utf-8"), "page.html", None, None).root, None)
    assert guide is not None and guide.usable
    assert SLIDE[0] in guide.text  # it found the article
    return not any(text[:40] in guide.text for text in texts)


def blocks(record: Record) -> list[tuple[str, int, str]]:
    out = []
    for b in record.blocks:
        assert isinstance(b, Paragraph | Label | Figure)
        out.append((b.id, b.section, b.caption if isinstance(b, Figure) else b.text))
    return out


def test_a_section_trafilatura_leaves_out_is_read() -> None:
    html = page()
    assert left_out_by_trafilatura(html, *SECTION, CAPTION)
    record = read(html)
    assert blocks(record) == [
        ("p1", 1, SLIDE[0]), ("p2", 1, SLIDE[1]), ("p3", 1, SLIDE[2]), ("p4", 1, SLIDE[3]),
        ("p5", 2, SECTION[0]), ("p6", 2, SECTION[1]), ("fig1", 2, CAPTION),
    ]
    assert [f.credit.text if f.credit else None for f in record.figures] == [CREDIT]
    assert record.title == "Lighthouse keepers return to the northern cape"
    assert record.publisher == "Example"
    assert not [f for f in record.furniture if f.reason == NOT_ARTICLE]


def test_the_heading_of_a_left_out_section_is_read() -> None:
    html = page(heading="<h2>What comes next</h2>")
    assert left_out_by_trafilatura(html, *SECTION, "What comes next")
    assert [text for _, _, text in blocks(read(html))][3:6] == [
        SLIDE[3], "What comes next", SECTION[0]
    ]


def test_what_follows_the_article_in_sections_is_not_read() -> None:
    # right after the article, sections of the same series: a teaser (its title a link, its
    # summary a sentence) and the site's footer line; the article ends at the teaser's title
    after = (f"\n<section><h3><a href='/storm'>{TEASER_TITLE}</a></h3><p>{TEASER}</p></section>"
             f"\n<section><p>{FOOTER}</p></section>")
    html = page(after=after)
    assert left_out_by_trafilatura(html, *SECTION, TEASER, FOOTER)
    record = read(html)
    assert [p.text for p in record.paragraphs] == [*SLIDE, *SECTION]
    dropped = [f.text for f in record.furniture if f.reason == NOT_ARTICLE]
    assert dropped == [TEASER_TITLE, summary(TEASER), summary(FOOTER)]


@pytest.mark.parametrize("wrapper", ["div", "section"])
def test_a_section_outside_the_articles_series_is_not_read(wrapper: str) -> None:
    # the footer's <section> stands beside the page's wrapper, not beside the article's
    # slide, also when the wrapper is a <section> holding the article's
    html = page().replace("<div><h1>", f"<{wrapper}><h1>").replace(
        f"</div>{NAV}</body>", f"</{wrapper}><section><p>{FOOTER}</p></section>{NAV}</body>"
    )
    assert left_out_by_trafilatura(html, *SECTION, FOOTER)
    record = read(html)
    assert [p.text for p in record.paragraphs] == [*SLIDE, *SECTION]
    assert [f.text for f in record.furniture if f.reason == NOT_ARTICLE] == [summary(FOOTER)]
