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


class _Bracketed:
    """A toy output format, as a third party would add one: every method of the Backend
    protocol, and nothing else anywhere."""

    name = "bracketed"
    quotes = "markup"

    def text(self, value: str) -> str:
        return value

    def emph(self, inner: str) -> str:
        return f"[i]{inner}[/i]"

    def strong(self, inner: str) -> str:
        return f"[b]{inner}[/b]"

    def link(self, url: str, text: str | None) -> str:
        return f"[url={url}]{text or url}[/url]"

    def permalink(self, url: str, label: str) -> str:
        return self.link(url, label)

    def quotation(self, inner: str, cite: str | None, british: bool, levels: int) -> str:
        return f"[q]{inner}[/q]"

    def citation(self, inner: str, key: str, command: str, postnote: str | None) -> str:
        return f"[cite]{inner}[/cite]"

    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str:
        return f"[{n}]"

    def paragraph(self, inner: str, role: str | None) -> str:
        return f"[p]{inner}[/p]"

    def block_quote(self, paragraphs: list[str], cite: str | None) -> str:
        return "[quote]" + "".join(f"[p]{p}[/p]" for p in paragraphs) + "[/quote]"

    def note(self, n: int, inner: str) -> str:
        return f"[note={n}]{inner}[/note]"

    def rows(self, rows: list[tuple[str, str]]) -> str:
        return "".join(f"[row={label}]{value}[/row]" for label, value in rows)

    def heading(self, inner: str, plain: str) -> str:
        return f"[h]{inner}[/h]"

    def document(self, blocks: list[str], role: str | None) -> str:
        return "\n".join(blocks)


def test_a_new_output_format_is_one_backend_class(monkeypatch: pytest.MonkeyPatch) -> None:
    from transcite import api
    from transcite.credits.sheet import credit_sheet, sheet_tree
    from transcite.render.richtext import BACKENDS, register_backend

    from conftest import ROOT, SEED_ID

    monkeypatch.setattr(BACKENDS, "_units", dict(BACKENDS._units))
    register_backend(_Bracketed())  # type: ignore[arg-type]
    corpus = api.load_corpus(ROOT / "texts")
    assert api.cite(corpus, SEED_ID, "apa").render("bracketed").startswith("Kartsev, D. (n.d.). ")
    quote = api.quote(corpus, f"{SEED_ID}#p16:s2", "chicago-notes")
    out = api.render_quote(quote, "bracketed", with_reference=True)
    assert out.startswith("[q]Russian Foreign Minister") and "[q]deal of the century[/q]" in out
    assert "[1]\n[note=1]Dmitry Kartsev, " in out
    sheet = render(sheet_tree(credit_sheet(corpus.load(SEED_ID))), "bracketed")
    assert "[row=Translation]Hilah Kohen[/row]" in sheet
