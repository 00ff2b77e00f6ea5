"""The HTML reader's rules for real pages, each on a small page written for the test.

What a reader of each page sees as the article, its furniture and its metadata is written
down from the page itself; the reader takes the article's text from trafilatura
(``html_content.py``) and keeps or drops the page's own runs by it (``html_filter.py``,
``html_body.py``). See docs/html-reader.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from transcite.core.errors import DataError
from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.ingest.readers import IngestOptions, get_reader
from transcite.ingest.readers.html_body import NOT_ARTICLE
from transcite.ingest.readers.rules import is_label_shaped, word_count
from transcite.storage.tei import record_from_bytes, record_to_bytes


def read(page: str, **options: Any) -> Record:
    return get_reader("html").read(
        page.encode("utf-8"), IngestOptions(id="t", source_name="page.html", **options)
    ).record


def blocks(record: Record) -> list[tuple[str, str]]:
    out = []
    for b in record.blocks:
        assert isinstance(b, Paragraph | Label | Figure)
        out.append((b.id, b.caption if isinstance(b, Figure) else b.text))
    return out


def furniture(record: Record) -> list[tuple[str, str]]:
    return [(f.reason, f.text) for f in record.furniture]


FERRY = [
    "The harbour ferry between the old town and the island will run again from Monday, the "
    "city transport office said on Thursday, two years after the last boat was taken out of "
    "service.",
    "The new boat carries up to eighty passengers and twenty bicycles, and it will make the "
    "crossing every half hour during the day and every hour in the evening.",
    "Residents of the island had campaigned for the return of the service since it was "
    "stopped, saying the bus detour added almost an hour to every trip into town.",
]
FERRY_LAST = "Tickets will cost the same as a bus fare, and monthly passes will be valid on both."
SLIDE = ("The island school said that its pupils would no longer need to leave home before "
         "seven in the morning.")

# no <article> or <main>: the whole <body> is read, and trafilatura's text tells the
# article from the site's name, the "Most popular" rail, the tag list and the footer
FERRY_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour ferry returns | The Example Gazette</title></head>
<body>
<div class="top">The Example Gazette</div>
<div class="promo-strip">Read our weekend edition, out now.</div>
<div id="content">
<h1>Harbour ferry returns after two years</h1>
<p>{FERRY[0]}</p>
<p>{FERRY[1]}</p>
<p>{FERRY[2]}</p>
<div class="slide"><p>{SLIDE}</p></div>
<p>{FERRY_LAST}</p>
</div>
<div class="rail">
<h3>Most popular</h3>
<ul>
<li><a href="/a">Council votes on the new budget for schools</a></li>
<li><a href="/b">Five places to eat by the water this summer</a></li>
<li><a href="/c">Storm warning for the coast on Saturday night</a></li>
</ul>
</div>
<p>Photos by the city.</p>
<div class="tags">Tags: ferry, harbour, island, transport</div>
<div class="bottom">The Example Gazette</div>
</body></html>"""


def test_runs_outside_the_article_text_are_dropped_and_prose_is_kept() -> None:
    record = read(FERRY_PAGE)
    assert record.title == "Harbour ferry returns after two years"
    # the slide's sentence is prose in the article's flow (a slide starts a section)
    assert blocks(record) == [
        ("p1", FERRY[0]), ("p2", FERRY[1]), ("p3", FERRY[2]), ("p4", SLIDE),
        ("p5", FERRY_LAST),
    ]
    assert [p.section for p in record.paragraphs] == [1, 1, 1, 2, 2]
    assert furniture(record) == [
        ("advertisement", "Read our weekend edition, out now."),
        (NOT_ARTICLE, "The Example Gazette"),
        (NOT_ARTICLE, "Most popular"),
        (NOT_ARTICLE, "Council votes on the new budget for schools"),
        (NOT_ARTICLE, "Five places to eat by the water this summer"),
        (NOT_ARTICLE, "Storm warning for the coast on Saturday night"),
        # a sentence, but short and after the article's text: a credit line of the page
        (NOT_ARTICLE, "Photos by the city."),
        (NOT_ARTICLE, "Tags: ferry, harbour, island, transport"),
        (NOT_ARTICLE, "The Example Gazette"),
    ]


def test_the_site_name_in_the_footer_is_no_byline() -> None:
    # "The Example Gazette" is name-shaped and comes after the last paragraph, but below the
    # rail and the tags: the site's name, not the article's signature
    assert read(FERRY_PAGE).authors == ()


def test_a_name_right_after_the_text_is_the_byline() -> None:
    page = FERRY_PAGE.replace(
        f"<p>{FERRY_LAST}</p>\n</div>", f"<p>{FERRY_LAST}</p>\n<p>Marta Example</p>\n</div>"
    )
    record = read(page)
    assert [p.full_name for p in record.authors] == ["Marta Example"]
    assert [p.text for p in record.paragraphs][-1] == FERRY_LAST


DAM = [
    "Engineers began work on Tuesday to repair the spillway of the upper reservoir dam, which "
    "was damaged by the floods of last spring and has been closed to visitors since.",
    "The repairs are expected to take four months and will cost about two million euros, "
    "paid for by the regional water board and a grant from the national flood fund.",
    "The footpath across the dam will reopen once the work is finished, the board said.",
]
ADVERT = ("Holiday cottages by the lake, book now for the summer season and get a discount of "
          "twenty percent on every stay of a week or more this year.")
HIDDEN = ("Engineers said the spillway would be rebuilt with reinforced concrete and a new "
          "gate, as the older design had failed twice.")
# the theme's class names on the element holding the text say "share" and "paywall"
DAM_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Dam repairs</title></head>
<body>
<article class="post category-advertising-news">
<h1>Dam repairs begin on the upper reservoir</h1>
<div class="entry-content share-theme paywall-free">
<p>{DAM[0]}</p>
<p>{DAM[1]}</p>
<p>{DAM[2]}</p>
</div>
<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a></div>
<div class="advert-box">{ADVERT}</div>
<div class="paywall" hidden><p>{HIDDEN}</p></div>
</article>
</body></html>"""


def test_a_class_rule_does_not_remove_the_article_text() -> None:
    record = read(DAM_PAGE)
    assert blocks(record) == [("p1", DAM[0]), ("p2", DAM[1]), ("p3", DAM[2])]
    # the rules still hold where the text is not the article's, or the element is hidden
    assert furniture(record) == [
        ("share bar", "Share on Facebook Share on X"),
        ("advertisement", ADVERT[:99].rstrip() + "…"),
        ("hidden element", HIDDEN[:99].rstrip() + "…"),
    ]


def test_a_short_element_keeps_its_class_rule() -> None:
    # under 30 words: a class rule is never overruled, even for words of the article
    page = DAM_PAGE.replace(f"<p>{DAM[2]}</p>", f'<p class="share-line">{DAM[2]}</p>')
    record = read(page)
    assert [p.text for p in record.paragraphs] == DAM[:2]
    assert ("share bar", DAM[2]) in furniture(record)


AUTHORS_PAGE = """<!DOCTYPE html>
<html lang="de"><head><title>Neue Brücke | Beispiel Zeitung</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Neue Br&uuml;cke &#8222;am Fluss&#8220; er&ouml;ffnet&nbsp;heute",
 "datePublished": "0001-01-01T00:00:00Z",
 "author": [{"@type": "Person", "name": "By Anna Beispiel"},
            {"@type": "Person", "name": "admin"},
            {"@type": "Person", "name": "Anna Beispiel"},
            {"@type": "Person", "name": "Vorheriger Eintrag"},
            {"@type": "Person", "name": "Beispiel Zeitung"},
            {"@type": "Person", "name": "Karl Muster"}],
 "publisher": {"@type": "Organization", "name": "Beispiel Verlag"}}
</script></head>
<body><article>
<h1>Neue Brücke eröffnet</h1>
<p>Die neue Brücke über den Fluss wurde am Morgen für den Verkehr freigegeben, nach mehr als
drei Jahren Bauzeit und einem langen Streit über die Kosten des Projekts.</p>
<p>Fußgänger und Radfahrer können sie schon seit Montag nutzen, Autos erst ab heute, teilte
die Stadtverwaltung mit.</p>
</article></body></html>"""


def test_authors_are_cleaned_and_the_headline_decoded() -> None:
    record = read(AUTHORS_PAGE)
    # "By" removed; "admin" and a navigation label refused; the site's name (the <title>'s
    # part after the headline) refused; the same person once
    assert [p.full_name for p in record.authors] == ["Anna Beispiel", "Karl Muster"]
    assert record.title == "Neue Brücke „am Fluss“ eröffnet heute"
    assert record.publisher == "Beispiel Verlag"
    # "0001-01-01" is a placeholder, not a date; nothing else on the page states one
    assert record.published is None


@pytest.mark.parametrize("name", ["Beispiel Verlag", "beispiel-zeitung", "Impressum"])
def test_publisher_site_and_navigation_names_are_no_authors(name: str) -> None:
    page = AUTHORS_PAGE.replace('"name": "Karl Muster"', f'"name": "{name}"')
    assert [p.full_name for p in read(page).authors] == ["Anna Beispiel"]


@pytest.mark.parametrize(("headline", "title"), [
    ("Bell&#7;ring &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x1F600;",
     "Bellring <script>alert(1)</script> &amp; \U0001F600"),
    ("It&#8217;s &nbsp; here", "It’s here"),
])
def test_hostile_entities_in_a_json_ld_headline(headline: str, title: str) -> None:
    page = AUTHORS_PAGE.replace(
        "Neue Br&uuml;cke &#8222;am Fluss&#8220; er&ouml;ffnet&nbsp;heute", headline
    )
    record = read(page)
    assert record.title == title  # decoded once, control characters removed: text, not markup
    assert record_from_bytes(record_to_bytes(record), "t").title == title


def test_a_headline_of_entities_only_falls_back_to_the_page() -> None:
    page = AUTHORS_PAGE.replace(
        "Neue Br&uuml;cke &#8222;am Fluss&#8220; er&ouml;ffnet&nbsp;heute", "&nbsp;&nbsp;"
    )
    assert read(page).title == "Neue Brücke eröffnet"  # the h1
    with pytest.raises(DataError) as info:
        read(page.replace("<h1>Neue Brücke eröffnet</h1>", "").replace(
            "<title>Neue Brücke | Beispiel Zeitung</title>", ""))
    assert str(info.value) == "page.html: no headline found (no JSON-LD, og:title, h1 or title)"


MARKET = [
    "The first night market of the year opened on the quay on Friday evening, with more than "
    "sixty stalls selling food, books and crafts from across the region.",
    "The market will be held every Friday until the end of October, the organisers said, as "
    "long as the weather allows it.",
]
# the URL and the dateline say 6 March; the metadata's UTC time falls on 7 March
MARKET_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Night market</title>
<link rel="canonical" href="https://news.example.org/2026/03/06/night-market-opens">
<meta property="article:published_time" content="2026-03-07T01:30:00Z">
</head>
<body><article>
<h1>Night market opens on the quay</h1>
<p class="dateline">Published March 6, 2026</p>
<p>{MARKET[0]}</p>
<p>{MARKET[1]}</p>
</article></body></html>"""


def test_htmldate_day_wins_over_a_utc_timestamp() -> None:
    record = read(MARKET_PAGE)
    assert (record.published, record.origin("published")) == ("2026-03-06", "page")
    assert [p.text for p in record.paragraphs] == MARKET


def test_the_published_option_wins_over_htmldate() -> None:
    record = read(MARKET_PAGE, published="2026-03-05")
    assert (record.published, record.origin("published")) == ("2026-03-05", "option")


def test_a_month_in_the_metadata_gets_no_day() -> None:
    page = MARKET_PAGE.replace("2026-03-07T01:30:00Z", "2026-03")
    record = read(page)
    assert (record.published, record.origin("published")) == ("2026-03", "og")


def test_a_copyright_year_is_no_publication_date() -> None:
    # htmldate falls back to 1 January of a footer's copyright year; the page states no day
    page = (MARKET_PAGE.replace('<link rel="canonical" href="https://news.example.org/2026/03/'
                                '06/night-market-opens">', "")
            .replace('<meta property="article:published_time" content="2026-03-07T01:30:00Z">',
                     "")
            .replace('<p class="dateline">Published March 6, 2026</p>', "")
            .replace("</article>", "</article><footer>Copyright 2026 Example News</footer>"))
    assert read(page).published is None


def test_a_first_of_the_month_stated_in_the_markup_is_kept() -> None:
    page = MARKET_PAGE.replace("2026-03-07T01:30:00Z", "2026-04-01T09:00:00+02:00").replace(
        "2026/03/06", "2026/04/01").replace("March 6, 2026", "April 1, 2026")
    assert read(page).published == "2026-04-01"


TABLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Results</title></head>
<body><article>
<h1>Village football: the season in numbers</h1>
<p>The village team finished the season in third place, its best result in a decade, after
winning its last four matches in a row in front of growing crowds.</p>
<table>
<tr><th>Team</th><th>Won</th><th>Lost</th></tr>
<tr><td>Northfield</td><td>14</td><td>2</td></tr>
<tr><td>Eastbrook</td><td></td><td>4</td></tr>
<tr><td><p>Our village</p></td><td>11</td><td>5</td></tr>
</table>
<p>The coach said the team would keep the same players next season and hoped to finish
higher still.</p>
<ul><li>Top scorer: Ben Example, 19 goals</li><li>Most appearances: Sam Example</li></ul>
</article></body></html>"""


def test_table_rows_and_list_items_are_paragraphs() -> None:
    assert blocks(read(TABLE_PAGE)) == [
        ("p1", "The village team finished the season in third place, its best result in a "
         "decade, after winning its last four matches in a row in front of growing crowds."),
        ("lbl1", "Team | Won | Lost"),  # the head row labels the table
        ("p2", "Northfield | 14 | 2"),
        ("p3", "Eastbrook | 4"),  # an empty cell leaves no empty field
        ("p4", "Our village | 11 | 5"),  # one block in a cell is still a cell
        ("p5", "The coach said the team would keep the same players next season and hoped to "
         "finish higher still."),
        ("p6", "Top scorer: Ben Example, 19 goals"),
        ("p7", "Most appearances: Sam Example"),  # short, but an item, not a label
    ]


def test_a_layout_table_is_read_block_by_block() -> None:
    # an old page set out in a table: the article's paragraphs in one cell stay paragraphs
    page = f"""<html><head><title>Old page</title></head><body><table><tr>
<td><a href="/">Home</a></td>
<td><h1>Dam repairs</h1><p>{DAM[0]}</p><p>{DAM[1]}</p><p>{DAM[2]}</p></td>
</tr></table></body></html>"""
    assert [p.text for p in read(page).paragraphs] == DAM


def test_a_wide_table_row_is_one_line() -> None:
    cells = "".join(f"<td>{n}</td>" for n in range(2000))
    page = TABLE_PAGE.replace("<tr><td>Northfield", f"<tr>{cells}</tr><tr><td>Northfield")
    (row,) = [p for p in read(page).paragraphs if p.text.startswith("0 | 1 | 2")]
    assert row.text == " | ".join(str(n) for n in range(2000))


# ---------------------------------------------------------------- scripts without spaces

JAPANESE = [
    "先日、不正に改造した電話を販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを"
    "耳にしました。",
    "報道によると、今回販売されたのは、いわゆる「脱獄」した電話。",
    "通常、権利者により正規のルートで販売された商品をそのまま転売する場合は、商標権侵害にはなりま"
    "せん。",
]


def test_japanese_sentences_are_paragraphs_and_headings_labels() -> None:
    page = f"""<!DOCTYPE html><html lang="ja"><head><title>商標の話</title></head><body>
<article><h1>商品の改造が商標法違反に</h1>
<p>{JAPANESE[0]}</p><p>{JAPANESE[1]}</p><h2>転売と商標権</h2><p>{JAPANESE[2]}</p>
</article></body></html>"""
    record = read(page)
    assert blocks(record) == [
        ("p1", JAPANESE[0]), ("p2", JAPANESE[1]), ("lbl1", "転売と商標権"), ("p3", JAPANESE[2]),
    ]


@pytest.mark.parametrize(("line", "label"), [
    ("報道によると、今回販売されたのは電話。", False),  # Japanese full stop
    ("这是一个很长的中文句子没有空格但是有很多字", False),  # long: twenty characters of Chinese
    ("本周新闻", True),  # four characters: a heading
    ("यह एक वाक्य है।", False),  # Devanagari danda
    ("هل هذا سؤال؟", False),  # Arabic question mark
    ("Russia : USA", True),
    ("Second half", True),
    ("It ended.", False),
    ("「脱獄」とは何か」", False),
])
def test_label_rule_in_every_script(line: str, label: bool) -> None:
    assert is_label_shaped(line) is label


def test_word_count_of_unspaced_scripts() -> None:
    assert word_count("Russia : USA") == 3
    assert word_count("这是一个很长的中文句子") == 5  # ten characters, about two a word
    assert word_count("Kindle for PCの起動") == 3  # PCの起動: three CJK characters, one word


def test_a_teaser_repeating_the_article_is_no_part_of_it() -> None:
    # a list of top stories above the article, one of them this article with its first
    # sentence as the summary: the summary repeats the article's text further down
    teaser = FERRY[0][:120] + "…"
    stories = f"""<ul class="top-stories">
<li><a href="/x">Storm warning for the coast on Saturday night</a> Forecasters expect winds of up
to ninety kilometres an hour along the whole coast, and ferries may be cancelled…</li>
<li><a href="/y">Harbour ferry returns after two years</a> {teaser}</li>
</ul>"""
    record = read(FERRY_PAGE.replace('<div id="content">', stories + '<div id="content">'))
    assert [p.text for p in record.paragraphs] == [*FERRY, SLIDE, FERRY_LAST]
    assert (NOT_ARTICLE, "Harbour ferry returns after two years " + teaser[:61].rstrip() + "…") \
        in furniture(record)


def test_a_paragraph_a_later_caption_repeats_stays() -> None:
    # found by test_html_property: the last paragraph was dropped as a "teaser repeating the
    # article further down" because the photo's caption below it says nearly the same words;
    # a caption is not the article's text, so the paragraph stays (and so does the caption)
    last = "Divers found the wreck of the old ferry near the island on Sunday morning."
    caption = "Divers found the wreck of the old ferry near the island on Sunday."
    page = FERRY_PAGE.replace(
        f"<p>{FERRY_LAST}</p>",
        f"<p>{FERRY_LAST}</p>\n<p>{last}</p>\n<figure><img src='wreck.jpg'><figcaption>"
        f"{caption} Photo: Anna Berg / TASS</figcaption></figure>",
    )
    record = read(page)
    assert [p.text for p in record.paragraphs] == [*FERRY, SLIDE, FERRY_LAST, last]
    assert [f.caption for f in record.blocks if isinstance(f, Figure)] == [caption]


# -------------------------------------------------------------------------------- captions

CAPTION_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Dam repairs</title>
<meta property="og:image" content="https://cdn.example.org/1200x630/dam-spillway.jpg?v=2">
</head><body>
<div class="hero"><h1>Dam repairs begin on the upper reservoir</h1>
<figure><img src="https://img.example.org/full/dam-aerial.jpg">
<figcaption>The upper reservoir from the air in May [File: Reuters]</figcaption></figure></div>
<article>
<p>{DAM[0]}</p>
<div class="image"><img src="/img/ny.jpg"><figcaption>FILE PHOTO: Engineers inspect the
spillway of the dam, May 3, 2026. REUTERS/Brendan McDermid</figcaption></div>
<p>{DAM[1]}</p>
<p>{DAM[2]}</p>
</article>
<div class="gallery"><figure><img src="https://img.example.org/dam-spillway.jpg">
<figcaption>An artist's drawing of the new spillway [SpaceX via Nasa]</figcaption></figure>
<figure><img src="https://img.example.org/other.jpg"><figcaption>Another story's photo
[Reuters]</figcaption></figure></div>
</body></html>"""


def test_captions_and_their_credits_anywhere_in_the_article() -> None:
    record = read(CAPTION_PAGE)
    figures = [
        (f.id, f.caption, f.credit.text if f.credit else None,
         [(p.name, p.role) for p in f.credit.parts] if f.credit else None, f.graphic_url)
        for f in record.figures
    ]
    assert figures == [
        # outside the <article>, between the headline and the text: the lead photo
        ("fig1", "The upper reservoir from the air in May", "File: Reuters",
         [("Reuters", "creator")], "https://img.example.org/full/dam-aerial.jpg"),
        # the image the page names as the article's (og:image), wherever it stands
        ("fig2", "An artist's drawing of the new spillway", "SpaceX via Nasa",
         [("SpaceX", "creator"), ("Nasa", "distributor")],
         "https://img.example.org/dam-spillway.jpg"),
        # a <figcaption> without a <figure>: a figure still, never a paragraph
        ("fig3", "FILE PHOTO: Engineers inspect the spillway of the dam, May 3, 2026.",
         "REUTERS/Brendan McDermid", [("REUTERS", "agency"), ("Brendan McDermid", "creator")],
         "/img/ny.jpg"),  # the image beside it; no base URL to resolve it against
    ]
    assert [p.text for p in record.paragraphs] == DAM
    assert [b.id for b in record.blocks] == ["fig1", "fig2", "p1", "fig3", "p2", "p3"]
    assert "Another story's photo [Reuters]" not in [f.caption for f in record.figures]


@pytest.mark.parametrize(("figcaption", "caption", "credit"), [
    ("Troops in Kabul in 2001 [File: Reuters]", "Troops in Kabul in 2001", "File: Reuters"),
    ("A lunar lander [SpaceX via Nasa]", "A lunar lander", "SpaceX via Nasa"),
    ("Delegates arrive [AFP]", "Delegates arrive", "AFP"),
    ("A quotation [sic]", "A quotation [sic]", None),
    ("The leaders [in Kabul]", "The leaders [in Kabul]", None),
    ("Image: Jose Mourinho has agreed a deal to become manager of the club",
     "Image: Jose Mourinho has agreed a deal to become manager of the club", None),
    ("Photo: Getty Images", "", "Getty Images"),
    ("Traders on the floor. REUTERS/Brendan McDermid", "Traders on the floor.",
     "REUTERS/Brendan McDermid"),
])
def test_credit_tails_of_captions(figcaption: str, caption: str, credit: str | None) -> None:
    page = DAM_PAGE.replace(
        f"<p>{DAM[1]}</p>", f'<p>{DAM[1]}</p><figure><img src="/a.jpg"><figcaption>'
        f"{figcaption}</figcaption></figure>"
    )
    (fig,) = read(page).figures
    assert (fig.caption, fig.credit.text if fig.credit else None) == (caption, credit)


def test_a_lead_photo_above_the_text_of_an_article_is_kept() -> None:
    # inside the page's <article>, above trafilatura's text, above a tag list it leaves out
    page = DAM_PAGE.replace(
        "<h1>Dam repairs begin on the upper reservoir</h1>",
        "<h1>Dam repairs begin on the upper reservoir</h1><figure>"
        '<img src="/lead.jpg"><figcaption>The spillway in May.</figcaption></figure>'
        '<div class="tags">Tags: dams, reservoirs, floods, water board, footpaths, '
        "spillways, repairs, engineers, grants</div>",
    )
    record = read(page)
    assert [b.id for b in record.blocks] == ["fig1", "p1", "p2", "p3"]
    assert [f.caption for f in record.figures] == ["The spillway in May."]


@pytest.mark.parametrize(("value", "expected"), [
    ("JERUSALEM POST STAFF", [("JERUSALEM POST STAFF", True)]),
    ("Staff Reports", [("Staff Reports", True)]),
    ("News Nation Bureau", [("News Nation Bureau", True)]),
    ("Amy Example | NJ Advance Media for NJ.com", [("Amy Example", False)]),
    ("By Anna Example and Tim Staffer", [("Anna Example", False), ("Tim Staffer", False)]),
])
def test_collective_bylines_are_organisations(value: str, expected: list[Any]) -> None:
    page = AUTHORS_PAGE.replace(
        '"author": [{"@type": "Person", "name": "By Anna Beispiel"},',
        f'"author": [{{"@type": "Person", "name": "{value}"}},',
    ).replace('{"@type": "Person", "name": "Anna Beispiel"},', "").replace(
        '{"@type": "Person", "name": "Karl Muster"}', '{"@type": "Person", "name": "admin"}'
    )
    assert [(p.full_name, p.organisation) for p in read(page).authors] == expected


def _framed_page(header: str) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in FERRY)
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour ferry returns</title></head>
<body><article><header>{header}</header>
<h1>Harbour ferry returns</h1>
{paragraphs}
</article></body></html>"""


def test_a_name_in_the_article_header_is_its_byline() -> None:
    record = read(_framed_page("<div>Maria Keller</div>"))
    assert [p.full_name for p in record.authors] == ["Maria Keller"]


def test_a_menu_of_names_in_the_header_is_navigation_not_authors() -> None:
    # a country selector: each entry is shaped like a name, none is a person
    countries = ["Global English", "North America", "United Kingdom", "België Belgique",
                 "Switzerland Suisse Schweiz", "Partner Web"]
    menu = "".join(f'<li><a href="/{k}">{c}</a></li>' for k, c in enumerate(countries))
    record = read(_framed_page(f"<ul>{menu}</ul>"))
    assert record.authors == ()
    dropped = [text for reason, text in furniture(record) if reason.startswith("navigation")]
    assert dropped == countries
    assert [text for _, text in blocks(record)][-len(FERRY):] == FERRY


@pytest.mark.parametrize(("name", "authors"), [
    ("Karl Muster Beispiel Zeitung", ["Anna Beispiel", "Karl Muster"]),  # "Name Outlet"
    ("Beispiel Zeitung Staff Writer", ["Anna Beispiel"]),                # a desk, no person
    ("Beispiel Verlag Editor-at-large", ["Anna Beispiel"]),              # the publisher's job
    ("Karl Zeitung", ["Anna Beispiel", "Karl Zeitung"]),                 # a surname, kept
])
def test_a_byline_carrying_the_site_name(name: str, authors: list[str]) -> None:
    page = AUTHORS_PAGE.replace('"name": "Karl Muster"', f'"name": "{name}"')
    assert [p.full_name for p in read(page).authors] == authors
