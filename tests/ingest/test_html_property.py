"""The HTML reader on generated pages: paragraphs, sections and credits come back exactly.

Each generated article is rendered twice, as a plain-text capture and as a web page in one of
the shapes news sites use (inline markup, character references, odd white space, sections or
slides, figures with credit elements or credit tails, furniture and scripts in between). Both
readers must give the article's own paragraph texts, ids and sections, and the same figures.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.model import Figure, Record
from transcite.ingest.readers import IngestOptions, get_reader
from transcite.ingest.readers.rules import BYLINE, SOURCE, TRANSLATOR, furniture_reason

word = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x4FF),
               min_size=1, max_size=10)
sentence = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(word, min_size=9, max_size=25),
    st.sampled_from([".", "!", "?", ".”", " & more <b>.", " — “quoted”."]),
)


def _plain_prose(text: str) -> bool:
    """Not a line the shared rules take for a byline, a source line or furniture."""
    return not (furniture_reason(text) or BYLINE.match(text) or TRANSLATOR.match(text)
                or SOURCE.match(text))


paragraph = st.builds(" ".join, st.lists(sentence, min_size=1, max_size=3)).filter(_plain_prose)
name = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
credit = st.builds(
    lambda a, b, ag: f"{a} {b} / {ag} / Scanpix", name, name, st.sampled_from(["TASS", "AFP"])
)
FURNITURE = (
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
    "<div class='share-bar'><a>Share on Facebook</a></div>",
    "<div class='DonationBlock'><p>Support our journalism</p></div>",
    "<aside><h3>Read more</h3><a>Another story</a></aside>",
    "<script>var x = '<p>not text</p>';</script>",
    "<div class='ad'>Advertisement</div>",
)


@dataclass(frozen=True)
class Article:
    sections: list[list[str]]
    photos: list[tuple[int, str, str]]  # (section index, caption, credit)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    sections = draw(st.lists(st.lists(paragraph, min_size=1, max_size=4), min_size=1, max_size=4))
    photos = [
        (i, draw(paragraph), draw(credit)) for i in range(len(sections)) if draw(st.booleans())
    ]
    return Article(sections, photos)


def as_text(article: Article) -> str:
    lines = ["A headline about things", "", "Source: Example", ""]
    for i, body in enumerate(article.sections):
        for text in body:
            lines += [text, ""]
        for _, caption, line in (p for p in article.photos if p[0] == i):
            lines += [caption, line]
        lines += ["", ""]
    return "\n".join(lines)


@st.composite
def marked_up(draw: st.DrawFn, text: str) -> str:
    """Text as HTML: escaped, some words wrapped in inline tags, some characters as references,
    white space stretched over lines."""
    out = []
    for i, piece in enumerate(text.split(" ")):
        escaped = html.escape(piece, quote=False)
        style = draw(st.sampled_from(["plain", "plain", "b", "a", "ref", "script"]))
        if style == "b":
            escaped = f"<b>{escaped}</b>"
        elif style == "a":
            escaped = f"<a href='/x?a=1&amp;b=2'>{escaped}</a>"
        elif style == "ref" and piece:
            escaped = f"&#{ord(piece[0])};{html.escape(piece[1:], quote=False)}"
        elif style == "script":
            escaped += "<script>document.write('x')</script>"
        out.append(escaped if i == 0 else draw(st.sampled_from([" ", "\n  ", "  "])) + escaped)
    return "".join(out)


@st.composite
def pages(draw: st.DrawFn, article: Article) -> str:
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>A headline about things | Example</title></head><body>",
             draw(st.sampled_from(FURNITURE))]
    container = draw(st.sampled_from(["article", "main", "div"]))
    parts.append(f"<{container}><h1>A headline about things</h1><p>Source: Example</p>")
    for i, body in enumerate(article.sections):
        tag = draw(st.sampled_from(["section", "div"]))
        parts.append("<section>" if tag == "section" else "<div class='slide'>")
        for text in body:
            parts.append(f"<p>{draw(marked_up(text))}</p>")
            if draw(st.integers(0, 4)) == 0:
                parts.append(draw(st.sampled_from(FURNITURE)))
        for _, caption, line in (p for p in article.photos if p[0] == i):
            parts.append(draw(figure(caption, line)))
        parts.append(f"</{tag}>")
    parts.append(f"</{container}>{draw(st.sampled_from(FURNITURE))}</body></html>")
    return "\n".join(parts)


@st.composite
def figure(draw: st.DrawFn, caption: str, line: str) -> str:
    cap, cred = html.escape(caption, quote=False), html.escape(line, quote=False)
    shape = draw(st.sampled_from(["span", "br", "tail", "p"]))
    inner = {
        "span": f"<span class='caption'>{cap}</span> <span class='credit'>{cred}</span>",
        "br": f"{cap}<br>{cred}",
        "tail": f"{cap} {cred}",
        "p": f"<p>{cap}</p><p class='photo-credit'>Photo: {cred}</p>",
    }[shape]
    return f"<figure><img src='img/{len(caption)}.jpg'><figcaption>{inner}</figcaption></figure>"


def _body(record: Record) -> list[tuple[str, int, str]]:
    return [(p.id, p.section, p.text) for p in record.paragraphs]


def _figures(record: Record) -> list[tuple[str, int, str, str | None]]:
    return [
        (f.id, f.section, f.caption, f.credit.text if f.credit else None)
        for f in record.blocks if isinstance(f, Figure)
    ]


@pytest.mark.slow  # each generated page is read twice (HTML and text): ~0.2 s an example
@given(st.data())
def test_generated_pages_give_the_articles_paragraphs(data: st.DataObject) -> None:
    article = data.draw(articles())
    page = data.draw(pages(article))
    options = IngestOptions(id="gen")
    from_html = get_reader("html").read(page.encode("utf-8"), options).record
    from_text = get_reader("text").read(as_text(article).encode("utf-8"), options).record
    n = 0
    expected = []
    for section, body in enumerate(article.sections, 1):
        for text in body:
            n += 1
            expected.append((f"p{n}", section, " ".join(text.split())))
    assert _body(from_html) == expected
    assert _body(from_html) == _body(from_text)
    assert _figures(from_html) == _figures(from_text)
    assert [f.credit.text for f in from_html.figures if f.credit] == [p[2] for p in article.photos]
    assert from_html.title == "A headline about things"
    assert from_html.publisher == "Example"
    assert "not text" not in "".join(p.text for p in from_html.paragraphs)


TOKENS = st.sampled_from([
    "<p>", "</p>", "<div class='slide'>", "</div>", "<figure>", "</figure>", "<figcaption>",
    "</figcaption>", "<img src='a b.jpg'>", "<img src='javascript:x'>", "<br>", "<h1>", "</h1>",
    "<article>", "<script>", "</script>", "<script type='application/ld+json'>", "{", "}",
    '"@type": "NewsArticle"', '"headline": ', '"author": ', '"image": ', "[", "]", ",", ":",
    '"x"', "null", "<meta property='og:title' content='T'>", "<time datetime='2019-02-30'>",
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "\x00", "\x07",
    " / ", "(AP Photo/", ")", "By ", "Translated by ", "Source: ", "Donate", ".", "\n",
    "<nav>", "<section>", "<hr>", "<base href='::'>", "<link rel=canonical href='//x'>",
    "<h1>A headline</h1>", "<title>A title</title>",
    "<p>A sentence with enough words in it to be read as prose by the reader.</p>",
    "A sentence with enough words in it to be read as prose by the reader.",
    "<figure><img src='/i.jpg'><figcaption>A caption. Ann Lee / TASS</figcaption></figure>",
])


@given(st.lists(st.one_of(TOKENS, st.text(max_size=20)), max_size=60), st.binary(max_size=40))
def test_any_page_gives_a_record_or_one_clear_error(tokens: list[str], noise: bytes) -> None:
    """Nothing a page holds makes the reader or the TEI writer fail other than by DataError."""
    from transcite.core.errors import DataError
    from transcite.storage.tei import record_from_bytes, record_to_bytes

    start = "<html><body><h1>A headline</h1><p>A first paragraph long enough to be prose.</p>"
    data = (start + "".join(tokens)).encode("utf-8", "surrogatepass") + noise
    try:
        record = get_reader("html").read(data, IngestOptions(id="fuzz")).record
        back = record_from_bytes(record_to_bytes(record), "fuzz")
    except DataError as exc:
        assert "\n" not in str(exc)
        return
    assert back.paragraphs == record.paragraphs
