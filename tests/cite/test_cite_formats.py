"""Every citation, in every output format, read back by a real parser of that format.

HTML by lxml, Markdown by markdown-it-py (CommonMark), LaTeX by pylatexenc's LaTeX-to-text
converter: each must give back exactly the plain-text citation, so no format drops, doubles or
mis-escapes a character. Hypothesis adds titles full of characters that are special somewhere.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style, style_names
from transcite.core.model import Record
from transcite.render.richtext import backend_names

from latex_text import latex_to_text
from variants import PINPOINTS, variants

VARIANTS = variants()
MARKDOWN = MarkdownIt()


def from_html(fragment: str) -> str:
    return html.fragment_fromstring(fragment, create_parent="div").text_content()


def from_markdown(text: str) -> str:
    return from_html(MARKDOWN.renderInline(text))


READERS = {"html": from_html, "markdown": from_markdown, "latex": latex_to_text}


def test_every_output_format_but_text_has_a_reader() -> None:
    assert {*READERS, "text"} == set(backend_names())


def cases() -> list[tuple[str, str, str, str]]:
    out = []
    for variant in sorted(VARIANTS):
        for style in style_names():
            for form in get_style(style).forms:
                pins = PINPOINTS if form != "reference" else ("",)
                out += [(variant, style, form, pin) for pin in pins]
    return out


def cite(record: Record, style: str, form: str, pin: str, fmt: str) -> str:
    return cite_ref(record, f"{record.id}#{pin}" if pin else record.id, style, form).render(fmt)


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize(("variant", "style", "form", "pin"), cases())
def test_format_reads_back_as_the_plain_text(
    variant: str, style: str, form: str, pin: str, fmt: str
) -> None:
    record = VARIANTS[variant]
    plain = cite(record, style, form, pin, "text")
    # a locator's no-break space ("para. 5") is a plain space in text, U+00A0 or ~ elsewhere
    assert READERS[fmt](cite(record, style, form, pin, fmt)).replace("\u00a0", " ") == plain


TITLE = st.text(
    alphabet=st.sampled_from(list("abc XYZ&%$#_{}~^\\<>*[]`!'\"“”‘’.,:;-–—éЖ")),
    min_size=1, max_size=40,
).filter(lambda t: t.strip() and t.strip()[0].isalpha())


@given(title=TITLE, style=st.sampled_from(style_names()), fmt=st.sampled_from(sorted(READERS)))
def test_special_characters_survive_every_format(title: str, style: str, fmt: str) -> None:
    record = VARIANTS["dated"]._replace(title=title, language="en")
    plain = cite(record, style, "reference", "", "text")
    assert READERS[fmt](cite(record, style, "reference", "", fmt)) == plain


#: Markdown as GitHub and pandoc read it: ~~strikethrough~~ and $math$ on top of CommonMark
EXTENDED = MarkdownIt("commonmark").enable("strikethrough").use(dollarmath_plugin)


@pytest.mark.parametrize("style", style_names())
def test_markdown_keeps_entities_strikethrough_and_dollars_literal(style: str) -> None:
    title = "AT&amp;T fined &copy; ~~twice~~ for $5 and $6 in 100&nbsp;days"
    record = VARIANTS["dated"]._replace(title=title, publisher="Dow &amp; Co", language="en")
    plain = cite(record, style, "reference", "", "text")
    markdown = cite(record, style, "reference", "", "markdown")
    assert from_html(EXTENDED.renderInline(markdown)) == plain
    assert from_markdown(markdown) == plain


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd"])
def test_a_url_that_is_not_http_is_printed_but_never_made_a_link(url: str) -> None:
    # a hand-edited record can hold any URL; a citation pasted into a page must not carry a
    # script link (ingest already refuses such URLs)
    record = VARIANTS["dated"]._replace(url=url)
    page = cite(record, "apa", "reference", "", "html")
    assert "<a " not in page and "href" not in page
    assert from_html(page) == cite(record, "apa", "reference", "", "text")
    markdown = cite(record, "apa", "reference", "", "markdown")
    assert "<a " not in MARKDOWN.renderInline(markdown)
    assert from_markdown(markdown) == cite(record, "apa", "reference", "", "text")
    assert "\\href" not in cite(record, "mla", "reference", "", "latex")
