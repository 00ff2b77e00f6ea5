"""Rich text and its output backends: escaping and quote nesting per format."""

from __future__ import annotations

import html.parser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcite.core.errors import UsageError
from transcite.render.richtext import Emph, Link, Quoted, backend_names, render, span

NASTY = r"R&D 100% _under_ #1 {x} \path ~tilde ^hat $5"


def test_backends_registered() -> None:
    assert backend_names() == ["html", "latex", "markdown", "text"]


def test_unknown_backend_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format 'rtf'; choose one of: html, latex"):
        render("x", "rtf")


def test_latex_escapes_every_special_character() -> None:
    assert render(NASTY, "latex") == (
        r"R\&D 100\% \_under\_ \#1 \{x\} \textbackslash{}path \textasciitilde{}tilde "
        r"\textasciicircum{}hat \$5"
    )


def test_latex_no_break_space_becomes_tie() -> None:
    assert render("para.\u00a05", "latex") == "para.~5"


def test_latex_url_survives_in_a_footnote() -> None:
    out = render(Link("https://x.org/a_b%20c#frag"), "latex")
    assert out == r"\url{https://x.org/a_b\%20c\#frag}"


def test_html_escapes_text_and_attributes() -> None:
    node = span(Emph("<b>&"), " ", Link('https://x.org/?a=1&b="2"'))
    assert render(node, "html") == (
        '<i>&lt;b&gt;&amp;</i> <a href="https://x.org/?a=1&amp;b=&quot;2&quot;">'
        "https://x.org/?a=1&amp;b=\"2\"</a>"
    )


def test_markdown_escapes_syntax_and_autolinks() -> None:
    node = span(Emph("a*b_c"), " ", Link("https://x.org/a_b"))
    assert render(node, "markdown") == r"*a\*b\_c* <https://x.org/a_b>"


def test_nested_quotes_alternate_and_inner_doubles_become_single() -> None:
    node = Quoted(span("a “deal of the century” and ", Quoted("b")))
    assert render(node, "text") == "“a ‘deal of the century’ and ‘b’”"


@given(st.text())
def test_html_output_parses_back_to_the_text(text: str) -> None:
    out = render(span(Emph(text)), "html")
    parser = _Collect()
    parser.feed(out)
    parser.close()
    assert "".join(parser.data) == text


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_british_quotes_start_single_and_keep_inner_doubles() -> None:
    node = Quoted(span("a “deal” and ", Quoted("b")), british=True)
    assert render(node, "text") == "‘a “deal” and “b”’"


@pytest.mark.parametrize("text", ["# Breaking: a headline", "## Two", "#hashtag and # sign"])
def test_markdown_escapes_a_hash_that_would_open_a_heading(text: str) -> None:
    """A line that starts with ``#`` and a space is an ATX heading in CommonMark (spec 4.2):
    the backend escapes ``#`` so that a title, a quoted paragraph or a credit line starting
    with one stays text. Checked with a real CommonMark parser."""
    from markdown_it import MarkdownIt

    out = MarkdownIt("commonmark").render(render(text, "markdown"))
    assert "<h1>" not in out and "<h2>" not in out
    assert out == f"<p>{text}</p>\n"
