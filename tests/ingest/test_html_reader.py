"""The HTML reader on pages written for the tests: each gives an exact expected record.

The expected values are read off the pages themselves (tests/data/html/), and the Meduza-like
page must give the same paragraphs, ids, figures and sections as the plain-text capture of the
same article (tests/data/kartsev-islamists.txt).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from transcite.core.errors import DataError
from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.ingest.readers import Ingested, IngestOptions, detect_reader, get_reader
from transcite.storage.tei import record_from_bytes, record_to_bytes

from conftest import DATA, SEED_CAPTURE, SEED_TITLE, SEED_URL

HTML = DATA / "html"
HOSTILE = Path(__file__).resolve().parent.parent / "hostile"


def read_html(path: Path, **options: Any) -> Ingested:
    return get_reader("html").read(
        path.read_bytes(), IngestOptions(id=path.stem, source_name=path.name, **options)
    )


def block_view(record: Record) -> list[tuple[Any, ...]]:
    """Every block as a tuple: id, section, text or caption, credit text and parts, image."""
    out: list[tuple[Any, ...]] = []
    for b in record.blocks:
        if isinstance(b, Paragraph | Label):
            out.append((b.id, b.section, b.text))
        else:
            assert isinstance(b, Figure)
            credit = None if b.credit is None else (
                b.credit.text, [(p.role, p.name) for p in b.credit.parts]
            )
            out.append((b.id, b.section, b.caption, credit, b.graphic_url))
    return out


def meta_view(record: Record) -> dict[str, Any]:
    return {
        "title": record.title,
        "language": record.language,
        "publisher": record.publisher,
        "url": record.url,
        "published": record.published,
        "modified": record.modified,
        "accessed": record.accessed,
        "authors": [p.full_name for p in record.authors],
        "translators": [p.full_name for p in record.translators],
        "original": record.original.to_json() if record.original else None,
        "provenance": dict(record.provenance),
        "fetched": list(record.fetched),
    }


# ---------------------------------------------------------------------- the Meduza-like page

SEED_FIG1 = "https://meduza.io/image/test/slides/fig1.jpg"


def test_meduza_page_metadata_and_origins() -> None:
    result = read_html(HTML / "kartsev-islamists.html")
    assert meta_view(result.record) == {
        "title": SEED_TITLE,
        "language": "en",
        "publisher": "Meduza",
        "url": SEED_URL,
        "published": "2019-02-13",
        "modified": "2019-02-13",
        "accessed": None,
        "authors": ["Dmitry Kartsev"],
        "translators": ["Hilah Kohen"],
        "original": {"language": "ru", "title": None, "url": None, "published": None},
        "provenance": {
            "title": "json-ld", "authors": "json-ld", "translators": "json-ld",
            "publisher": "json-ld", "url": "json-ld", "published": "json-ld",
            "modified": "json-ld", "language": "json-ld", "original.language": "json-ld",
            # fig1's credit is also in the JSON-LD image list, the others only on the page
            "fig1.credit": "json-ld", "fig2.credit": "page", "fig3.credit": "page",
        },
        "fetched": [],
    }
    assert result.report.notes == []


def test_meduza_page_furniture_is_listed_with_its_rule() -> None:
    record = read_html(HTML / "kartsev-islamists.html").record
    assert [(f.reason, f.text) for f in record.furniture] == [
        ("page header outside the article", "Meduza News Features Podcasts"),
        ("page footer outside the article", "© 2019 Meduza"),
        ("share bar", "Facebook Twitter Telegram"),
        ("donation or subscription appeal",
         "Meduza, working 24/7, always for our readers We need your help like never before"),
        ("navigation or read-more line", "Read more Another story about diplomacy"),
        ("article header or footer", "February 13, 2019"),
    ]


def test_meduza_page_and_text_capture_give_the_same_body() -> None:
    html = read_html(HTML / "kartsev-islamists.html").record
    text = get_reader("text").read(
        SEED_CAPTURE.read_bytes(), IngestOptions(id="k", original_language="ru")
    ).record
    assert [(p.id, p.n, p.text, p.section, p.fingerprint) for p in html.paragraphs] == [
        (p.id, p.n, p.text, p.section, p.fingerprint) for p in text.paragraphs
    ]
    assert len(html.paragraphs) == 16
    # figures and labels too, apart from the image URLs a text capture cannot have
    assert [v[:4] if len(v) == 5 else v for v in block_view(html)] == [
        v[:4] if len(v) == 5 else v for v in block_view(text)
    ]
    assert [f.graphic_url for f in html.figures] == [
        SEED_FIG1,
        "https://meduza.io/image/test/slides/fig2.jpg",
        "https://meduza.io/image/test/slides/fig3.jpg",
    ]
    assert (html.title, html.authors, html.translators, html.publisher) == (
        text.title, text.authors, text.translators, text.publisher
    )


def test_meduza_page_figures_and_label() -> None:
    record = read_html(HTML / "kartsev-islamists.html").record
    figures_and_labels = [v for v in block_view(record) if not v[0].startswith("p")]
    assert figures_and_labels == [
        ("fig1", 2, "Participants in the Moscow negotiations concerning the Afghan conflict pose "
         "for a photo op. November 9, 2018",
         ("Sergei Savostyanov / TASS / Vida Press",
          [("creator", "Sergei Savostyanov"), ("agency", "TASS"), ("distributor", "Vida Press")]),
         SEED_FIG1),
        ("lbl1", 2, "Russia : USA"),
        ("fig2", 3, "U.S. Special Representative for Afghanistan Reconciliation Zalmay Khalilzad "
         "in the American Embassy in Kabul, January 28, 2019",
         ("U.S Embassy / Reuters / Scanpix / LETA",
          [("creator", "U.S Embassy"), ("agency", "Reuters"), ("distributor", "Scanpix"),
           ("distributor", "LETA")]),
         "https://meduza.io/image/test/slides/fig2.jpg"),
        ("fig3", 4, "Negotiations about the Afghan conflict proceed in Moscow’s President Hotel. "
         "February 5, 2019",
         ("Yury Kadobnov / AFP / Scanpix / LETA",  # "Photo: " is a label, not the credit
          [("creator", "Yury Kadobnov"), ("agency", "AFP"), ("distributor", "Scanpix"),
           ("distributor", "LETA")]),
         "https://meduza.io/image/test/slides/fig3.jpg"),
    ]


def test_meduza_record_round_trips_through_tei() -> None:
    record = read_html(HTML / "kartsev-islamists.html", fetched=("http://a/", SEED_URL)).record
    back = record_from_bytes(record_to_bytes(record), "test")
    assert back == record


def test_options_win_over_the_page() -> None:
    record = read_html(
        HTML / "kartsev-islamists.html", url="https://meduza.io/en/x", published="2019-02-12",
        accessed="2026-12-01", original_language="uk",
    ).record
    view = meta_view(record)
    assert (view["url"], view["published"], view["accessed"]) == (
        "https://meduza.io/en/x", "2019-02-12", "2026-12-01"
    )
    assert record.original is not None and record.original.language == "uk"
    assert {k: view["provenance"][k] for k in ("url", "published", "accessed",
                                               "original.language")} == dict.fromkeys(
        ("url", "published", "accessed", "original.language"), "option"
    )


# ------------------------------------------------------------------------- the other pages


def test_wire_service_page() -> None:
    result = read_html(HTML / "wire-service.html")
    record = result.record
    assert meta_view(record) == {
        "title": "Springfield council approves river footbridge after long debate",
        "language": "en-US",
        "publisher": "The Associated Press",
        "url": "https://example.org/article/springfield-footbridge-vote-2026",
        "published": "2026-05-05",
        "modified": "2026-05-06",
        "accessed": None,
        "authors": ["Maria Lopez", "John Smith"],
        "translators": [],
        "original": None,
        "provenance": {
            "title": "json-ld", "authors": "byline", "publisher": "json-ld", "url": "json-ld",
            "published": "json-ld", "modified": "json-ld", "language": "meta",
            "fig1.credit": "page", "fig2.credit": "page", "fig3.credit": "json-ld",
        },
        "fetched": [],
    }
    assert block_view(record) == [
        ("p1", 1, "SPRINGFIELD (AP) — The city council voted 7-2 on Tuesday to build a "
         "pedestrian footbridge across the Sangamon River, ending a debate that began when the "
         "old railway bridge closed in 2019."),
        ("fig1", 1, "Council member Ana Ruiz speaks before the vote at City Hall in "
         "Springfield, Tuesday, May 5, 2026.",
         ("(AP Photo/Evan Example)", [("agency", "AP"), ("creator", "Evan Example")]),
         "https://example.org/photos/footbridge-1.jpg"),
        ("p2", 1, "Supporters said the bridge would connect two neighborhoods that have been "
         "cut off from each other for years. “People have been walking an extra two miles to "
         "get to work,” said council member Ana Ruiz."),
        ("p3", 1, "Opponents questioned the cost, estimated at $14 million, and asked for a "
         "study of traffic on the nearby road bridge first."),
        ("fig2", 1, "The closed railway bridge over the Sangamon River is seen on April 28, "
         "2026, in Springfield.",
         ("(Dana Sample/The Springfield Gazette via AP)",
          [("creator", "Dana Sample"), ("agency", "The Springfield Gazette"),
           ("distributor", "AP")]),
         "https://example.org/photos/footbridge-2.jpg"),  # relative src, resolved
        ("p4", 1, "Construction is expected to begin next spring and take about 18 months, "
         "the city’s public works director said."),
        # no credit on the page: the photographer named in the JSON-LD image object
        ("fig3", 1, "Residents look at plans for the footbridge on Monday.",
         ("Lee Example", [("creator", "Lee Example")]),
         "https://example.org/photos/footbridge-3.jpg"),
        ("p5", 1, "Associated Press writer Kim Example contributed to this report."),
    ]
    assert [(f.reason, f.text) for f in record.furniture] == [
        ("page footer outside the article", "Copyright 2026 Wire News. All rights reserved."),
        ("share bar", "Share Copy Link"),
        ("navigation or read-more line", "Related stories City budget passes"),
        ("donation or subscription appeal", "Sign up for our morning newsletter."),
        ("byline or dateline", "Updated 6:02 PM UTC, May 5, 2026"),
    ]


def test_open_graph_only_page() -> None:
    record = read_html(HTML / "open-graph-only.html").record
    assert meta_view(record) == {
        "title": "Night trains return to the northern line",
        "language": "en-GB",
        "publisher": "The Example Courier",
        "url": "https://courier.example.org/2026/03/night-trains",
        "published": "2026-03-14",
        "modified": None,
        "accessed": None,
        "authors": [],
        "translators": [],
        "original": None,
        "provenance": {
            "title": "og", "publisher": "og", "url": "og", "published": "og", "language": "og",
            "fig1.credit": "page",
        },
        "fetched": [],
    }
    assert block_view(record) == [
        ("p1", 1, "After a gap of eleven years, a sleeper service will again run between the "
         "capital and the northern coast from next month, the operator announced on Friday."),
        ("fig1", 1, "A sleeper carriage at the depot in March.",
         ("Anna Example / Example Agency",
          [("creator", "Anna Example"), ("agency", "Example Agency")]),
         # "../img/…" resolved against og:url, as a browser would against the page
         "https://courier.example.org/2026/img/night-train.jpg"),
        ("p2", 1, "Tickets go on sale on Monday. A berth in a shared compartment will cost "
         "about the same as a day-time seat, the operator said."),
    ]
    assert [(f.reason, f.text) for f in record.furniture] == [
        ("page nav outside the article", "Home Travel"),
        ("aside (sidebar or pull-out)", "Read also: The best scenic railways"),
    ]


def test_page_without_metadata_uses_what_it_shows() -> None:
    result = read_html(HTML / "no-metadata.html")
    assert meta_view(result.record) == {
        "title": "A village school reopens after the flood",
        "language": None,
        "publisher": None,
        "url": None,
        "published": None,
        "modified": None,
        "accessed": None,
        "authors": ["Olena Example"],
        "translators": ["Peter Example"],
        "original": {"language": "uk", "title": None, "url": None, "published": None},
        "provenance": {
            "title": "page", "authors": "byline", "translators": "byline",
            "original.language": "byline",
        },
        "fetched": [],
    }
    assert block_view(result.record) == [
        ("p1", 1, "Teachers and parents spent the summer drying out classrooms and replacing "
         "the floors, and on Monday the school in the valley opened its doors again."),
        ("p2", 1, "Twelve of the fifteen pupils came back; three families have moved to the "
         "town for good."),
    ]
    assert result.record.furniture == ()


def test_visible_byline_that_disagrees_is_noted() -> None:
    page = (HTML / "kartsev-islamists.html").read_bytes().replace(
        b'<p class="MaterialByline">Dmitry Kartsev</p>', b"<p>By Someone Else</p>"
    )
    result = get_reader("html").read(page, IngestOptions(id="k"))
    assert [p.full_name for p in result.record.authors] == ["Dmitry Kartsev"]
    assert result.report.notes == [
        "the visible byline names Someone Else as authors; kept Dmitry Kartsev from json-ld"
    ]


@pytest.mark.parametrize("name", ["kartsev-islamists", "wire-service", "open-graph-only",
                                  "no-metadata"])
def test_html_pages_are_detected(name: str) -> None:
    assert detect_reader((HTML / f"{name}.html").read_bytes()).name == "html"


def test_text_capture_is_not_taken_for_html() -> None:
    assert detect_reader(SEED_CAPTURE.read_bytes()).name == "text"


# ------------------------------------------------------------------------------ hostile


def test_script_inside_a_caption_never_reaches_the_record() -> None:
    record = read_html(HOSTILE / "html-script-in-caption.html").record
    assert block_view(record)[1] == (
        "fig1", 1, "Workers repair the roof of the station on Monday.",
        ("(AP Photo/Jane Example)", [("agency", "AP"), ("creator", "Jane Example")]),
        "https://example.org/photo.jpg",
    )
    assert [(f.reason, f.text) for f in record.furniture] == [
        ("script or style", "<script> (42 characters)"),
        ("script or style", "<style> (21 characters)"),
    ]
    assert "Injected" not in record_to_bytes(record).decode("utf-8")


def test_malformed_markup_is_read_as_a_browser_shows_it() -> None:
    result = read_html(HOSTILE / "html-malformed.html")
    assert result.record.title == "A page with broken markup"
    assert [p.text for p in result.record.paragraphs] == [
        "The first paragraph is never closed and runs into the second.",
        "The second paragraph has a bold overlap that is wrong, and a stray close tag.",
        "The third paragraph has an unquoted attribute link and an unknown &bogus; entity "
        "& a bare ampersand.",
    ]
    assert result.report.notes == ["JSON-LD block 1 is not valid JSON; ignored"]


def test_declared_charset_contradicted_by_utf8_bytes() -> None:
    result = read_html(HOSTILE / "html-wrong-charset-declared.html")
    assert result.record.paragraphs[0].text == (
        "The page says windows-1251 but was saved as UTF-8: “quotes”, an em dash — and "
        "Кириллица."
    )
    assert result.report.notes == [
        "the page declares 'windows-1251' in its <meta> tag but its bytes are UTF-8; "
        "read as UTF-8"
    ]


def test_utf8_declared_but_windows_1252_bytes() -> None:
    result = read_html(HOSTILE / "html-utf8-declared-cp1252.html")
    assert result.record.paragraphs[0].text == (
        "The page says UTF-8 but was saved as Windows-1252: “quotes”, an em dash — and café."
    )
    assert result.report.notes == [
        "the page declares 'utf-8' in its <meta> tag but is not valid UTF-8; "
        "read as windows-1252"
    ]


def test_http_charset_wins_over_meta_and_encoding_option_over_both() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><h1>T</h1>" \
           "<p>Кириллица в кодировке Windows-1251, объявленной в заголовке HTTP.</p></body></html>"
    data = page.encode("cp1251")
    from_http = get_reader("html").read(data, IngestOptions(id="x", http_charset="windows-1251"))
    assert from_http.record.paragraphs[0].text.startswith("Кириллица")
    assert from_http.report.notes == []
    forced = get_reader("html").read(data, IngestOptions(id="x", encoding="cp1251"))
    assert forced.record.paragraphs[0].text == from_http.record.paragraphs[0].text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("html-deeply-nested.html", "elements are nested more than 256 levels deep; refused"),
        ("html-entities.html", "declares XML entities; refused (web pages never need them)"),
        ("html-no-article.html", "no body paragraphs recognised; is this an article page?"),
    ],
)
def test_hostile_pages_are_refused_with_one_line(name: str, message: str) -> None:
    with pytest.raises(DataError) as info:
        read_html(HOSTILE / name)
    assert str(info.value) == f"{name}: {message}"


def test_enormous_page_is_refused_before_parsing() -> None:
    filler = b"<p>" + b"x" * 1000 + b"</p>\n"
    data = b"<html><body><article>" + filler * 9000 + b"</article></body></html>"
    with pytest.raises(DataError) as info:
        get_reader("html").read(data, IngestOptions(id="x", source_name="big.html"))
    assert str(info.value) == "big.html: the page is larger than 8 MiB; refused"


def test_control_characters_are_removed_with_a_note() -> None:
    data = b"<html><body><h1>T</h1><p>A paragraph with a bell\x07 in it, and more words.</p>"
    result = get_reader("html").read(data, IngestOptions(id="x"))
    assert result.record.paragraphs[0].text == "A paragraph with a bell in it, and more words."
    assert result.report.notes == ["removed 1 control characters that a record cannot store"]


# ------------------------------------------------------------------------- single rules

RULES_PAGE = """<!DOCTYPE html><html><head><title>Rules | Site</title></head><body>
<article>
<h1>Rules of the body</h1>
<div class="slide">
<p>The first paragraph says enough words to count as prose, and ends with a stop.</p>
<div class="match-score">1:0</div>
<h2>Second half</h2>
<div hidden><p>A hidden paragraph that readers never see on the page at all.</p></div>
<p style="display: none">Another hidden paragraph, hidden by its inline style attribute.</p>
<div role="navigation"><a>Previous</a> <a>Next</a></div>
<div class="comments"><p>A reader's comment that is not part of the article text.</p></div>
<div class="sponsored-content">Brought to you by a sponsor of the section.</div>
</div>
<div class="slide">
Inline text between blocks is a paragraph of its own when it is long enough to be prose.
<ul><li>A list item is a paragraph too when it reads as a full sentence of text.</li></ul>
<hr>
<p>After a rule, a new section begins, just as two blank lines do in a capture.</p>
</div>
</article></body></html>"""


def test_labels_sections_and_furniture_rules() -> None:
    result = get_reader("html").read(RULES_PAGE.encode("utf-8"), IngestOptions(id="r"))
    record = result.record
    assert record.title == "Rules of the body"
    assert (record.title, record.origin("title")) == ("Rules of the body", "page")
    assert block_view(record) == [
        ("p1", 1, "The first paragraph says enough words to count as prose, and ends with "
         "a stop."),
        ("lbl1", 1, "1:0"),
        ("lbl2", 1, "Second half"),
        ("p2", 2, "Inline text between blocks is a paragraph of its own when it is long "
         "enough to be prose."),
        ("p3", 2, "A list item is a paragraph too when it reads as a full sentence of text."),
        ("p4", 3, "After a rule, a new section begins, just as two blank lines do in a "
         "capture."),
    ]
    assert [(f.reason, f.text) for f in record.furniture] == [
        ("hidden element", "A hidden paragraph that readers never see on the page at all."),
        ("hidden element", "Another hidden paragraph, hidden by its inline style attribute."),
        ("navigation", "Previous Next"),
        ("comments", "A reader's comment that is not part of the article text."),
        ("advertisement", "Brought to you by a sponsor of the section."),
    ]


def test_byte_order_mark_outranks_the_declared_charset() -> None:
    page = "<html><head><meta charset='windows-1251'></head><body><h1>T</h1>" \
           "<p>A page with a UTF-8 byte-order mark: “quoted” words and Кириллица.</p>"
    result = get_reader("html").read(b"\xef\xbb\xbf" + page.encode("utf-8"), IngestOptions(id="x"))
    assert result.record.paragraphs[0].text == (
        "A page with a UTF-8 byte-order mark: “quoted” words and Кириллица."
    )
    assert result.report.notes == []
    utf16 = get_reader("html").read(page.encode("utf-16"), IngestOptions(id="x"))
    assert utf16.record.paragraphs == result.record.paragraphs
    assert detect_reader(page.encode("utf-16")).name == "html"
    assert detect_reader(b"\xef\xbb\xbf" + page.encode("utf-8")).name == "html"


JSON_LD_PAGE = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Person", "@id": "#kohen", "name": "Hilah Kohen"},
  {"@type": ["NewsArticle", "Article"], "name": "A headline from name",
   "author": "Anna Example and Boris Example",
   "translator": {"@id": "#kohen"},
   "publisher": "Example Media",
   "datePublished": "2019-02",
   "dateModified": "not a date",
   "inLanguage": {"@type": "Language", "name": "English", "alternateName": "en"},
   "translationOfWork": [{"@type": "NewsArticle", "headline": "Исходный заголовок",
                          "inLanguage": "ru", "url": "/ru/original",
                          "datePublished": "2019-02-11T09:00:00+03:00"}],
   "url": "https://example.org/en/story"}
]}
</script></head><body><p>Enough words in this paragraph to count as prose for the reader.</p>
</body></html>"""


def test_json_ld_shapes() -> None:
    record = get_reader("html").read(JSON_LD_PAGE.encode("utf-8"), IngestOptions(id="j")).record
    view = meta_view(record)
    assert view == {
        "title": "A headline from name",
        "language": "en",
        "publisher": "Example Media",
        "url": "https://example.org/en/story",
        "published": "2019-02",
        "modified": None,
        "accessed": None,
        "authors": ["Anna Example", "Boris Example"],
        "translators": ["Hilah Kohen"],
        "original": {"language": "ru", "title": "Исходный заголовок",
                     "url": "https://example.org/ru/original", "published": "2019-02-11"},
        "provenance": {
            "title": "json-ld", "authors": "json-ld", "translators": "json-ld",
            "publisher": "json-ld", "url": "json-ld", "published": "json-ld",
            "language": "json-ld", "original.language": "json-ld",
            "original.title": "json-ld", "original.url": "json-ld",
            "original.published": "json-ld",
        },
        "fetched": [],
    }


FIGURE_PAGE = """<html lang="en"><head><title>Talks</title></head><body><article>
<h1>Talks in Moscow</h1>
<p>The first paragraph of the article says something about talks in Moscow today.</p>
{figures}
<p>The second paragraph continues the story with more detail about the delegates.</p>
</article></body></html>"""


@pytest.mark.parametrize(("figcaption", "caption", "credit", "parts"), [
    ("Delegates arrive. © Reuters", "Delegates arrive.", "© Reuters", [("Reuters", "creator")]),
    ("A press conference. Evan Vucci via Reuters", "A press conference.",
     "Evan Vucci via Reuters", [("Evan Vucci", "creator"), ("Reuters", "distributor")]),
    ("The hall again.<br>Getty Images", "The hall again.", "Getty Images",
     [("Getty Images", "creator")]),
    ("The hall. AFP PHOTO / KIRILL KUDRYAVTSEV", "The hall.", "AFP PHOTO / KIRILL KUDRYAVTSEV",
     [("AFP", "agency"), ("KIRILL KUDRYAVTSEV", "creator")]),
    ("Talks began. Delegates came via Moscow", "Talks began. Delegates came via Moscow", None,
     None),
    ("The leaders met in Kabul. Reuters reported it", "The leaders met in Kabul. Reuters "
     "reported it", None, None),
])
def test_credit_shaped_tails_of_a_caption(
    tmp_path: Path, figcaption: str, caption: str, credit: str | None,
    parts: list[tuple[str, str]] | None,
) -> None:
    page = tmp_path / "page.html"
    figure = f'<figure><img src="/a.jpg"><figcaption>{figcaption}</figcaption></figure>'
    page.write_text(FIGURE_PAGE.format(figures=figure), encoding="utf-8")
    record = read_html(page).record
    (fig,) = record.figures
    assert fig.caption == caption
    if credit is None:
        assert fig.credit is None
        return
    assert fig.credit is not None and fig.credit.text == credit
    assert [(p.name, p.role) for p in fig.credit.parts] == parts
    assert len(record.paragraphs) == 2
