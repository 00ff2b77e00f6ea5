"""Neutral rich text: what a style builds and an output backend renders.

Styles (``transcite.cite.styles``) and quotations never write HTML or LaTeX themselves. They build a
small tree of inline nodes and a registered backend turns it into text:

- a plain ``str`` is literal text (never pre-escaped: backends escape it);
- :class:`Span` groups inline nodes;
- :class:`Emph` is italic type (titles of whole works, *et al.* is not italicised);
- :class:`Quoted` is a run-in quotation or a quoted title, set in curly double quotes; inside
  another :class:`Quoted` it becomes single quotes, and curly double quotes inside its text are
  turned into single ones (US nesting), so styles never count quote levels;
- :class:`Link` is a URL (or text pointing at one).

``span(*parts)`` builds a :class:`Span` and drops ``None`` and empty strings, so styles can write
optional elements inline. ``render(node, "html")`` renders with a registered backend;
``backend_names()`` lists them (``text``, ``html``, ``markdown``, ``latex``). A new output
format is one class with the :class:`Backend` methods, registered with :func:`register_backend`.

Example::

    >>> from transcite.render.richtext import Emph, Link, Quoted, render, span
    >>> title = span(Quoted("Risk & reward."), " ", Emph("Meduza"), ", ", Link("https://x.org/a_b"))
    >>> render(title, "latex")
    '“Risk \\\\& reward.” \\\\textit{Meduza}, \\\\url{https://x.org/a_b}'
"""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

from transcite.core.errors import UsageError


# Value classes here are NamedTuples, not frozen dataclasses: every CLI start creates them, and
# a NamedTuple class costs about a quarter as much to create (start-up: bench/bench_cite.py).
class Span(NamedTuple):
    """A sequence of inline nodes with no formatting of its own."""

    children: tuple[str | Span | Emph | Quoted | Link, ...]


class Emph(NamedTuple):
    """Italic type."""

    child: str | Span | Emph | Quoted | Link


class Quoted(NamedTuple):
    """Text in quotation marks, double then single by nesting depth (US practice).

    ``british=True`` starts with single marks, double inside (UK practice, e.g. Harvard).
    """

    child: str | Span | Emph | Quoted | Link
    british: bool = False


class Link(NamedTuple):
    """A link; ``text`` defaults to the URL itself."""

    url: str
    text: str | None = None


Node = str | Span | Emph | Quoted | Link


def span(*parts: Node | None) -> Span:
    """A :class:`Span` of the given parts, leaving out ``None`` and empty strings."""
    return Span(tuple(p for p in parts if p is not None and p != ""))


def join(parts: list[Node] | tuple[Node, ...], sep: str) -> Span:
    """The parts with ``sep`` between them."""
    out: list[Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.append(part)
    return Span(tuple(out))


def plain_text(node: Node) -> str:
    """The text of a node without any formatting (quotes included)."""
    return render(node, "text")


def punctuation_inside_quotes(node: Node) -> Node:
    """US practice (CMOS 17 6.9, MLA 9 §6.41, APA 7 §6.10): a period or comma that follows a
    closing quotation mark goes inside it, at every depth (“Title,” ‘inner.’”). A period or
    comma after a quotation that already ends in ``?`` or ``!``, or a period after one that
    ends in a period, is dropped (CMOS 6.119, 6.122): “Why?” not “Why?,”."""
    if isinstance(node, Span):
        out: list[Node] = []
        for child in (punctuation_inside_quotes(c) for c in node.children):
            if isinstance(child, str) and child[:1] in (".", ",") and out:
                moved = _into_last_quote(out[-1], child[0])
                if moved is not None:
                    out[-1] = moved
                    child = child[1:]
                    if not child:
                        continue
            out.append(child)
        return Span(tuple(out))
    if isinstance(node, Emph):
        return Emph(punctuation_inside_quotes(node.child))
    if isinstance(node, Quoted):
        return Quoted(punctuation_inside_quotes(node.child), node.british)
    return node


def _into_last_quote(node: Node, mark: str) -> Node | None:
    """``node`` with ``mark`` moved inside the quotation it ends with; ``None`` when it does
    not end with a closing quotation mark."""
    if isinstance(node, Quoted):
        inner = _into_last_quote(node.child, mark)
        if inner is not None:
            return Quoted(inner, node.british)
        text = plain_text(node.child)
        if text.endswith(("?", "!")) or (text.endswith(".") and mark == "."):
            return node
        return Quoted(Span((node.child, mark)), node.british)
    if isinstance(node, str):
        at = _closing_quotes(node)
        if at is None:
            return None
        if node[:at].endswith(("?", "!")) or (node[:at].endswith(".") and mark == "."):
            return node
        return node[:at] + mark + node[at:]
    if isinstance(node, Span) and node.children:
        last = _into_last_quote(node.children[-1], mark)
        return None if last is None else Span((*node.children[:-1], last))
    if isinstance(node, Emph):
        child = _into_last_quote(node.child, mark)
        return None if child is None else Emph(child)
    return None


def _closing_quotes(text: str) -> int | None:
    """Where a final run of closing quotation marks in literal text starts (a title that
    quotes someone: … “a historic success”), or ``None``. A final ’ counts only after a ‘ it
    closes: “Islamists’” ends with an apostrophe."""
    at = len(text)
    while at > 0 and text[at - 1] in "”’":
        mark = text[at - 1]
        opening = "“" if mark == "”" else "‘"
        if text.rfind(opening, 0, at - 1) < 0 or text.rfind(mark, 0, at - 1) > text.rfind(
            opening, 0, at - 1
        ):
            break
        at -= 1
    return at if at < len(text) else None


_NEST_DOUBLE = str.maketrans({"“": "‘", "”": "’"})
_QUOTES = (("“", "”"), ("‘", "’"))


class Backend(Protocol):
    """Turns the leaves and wrappers of a rich-text tree into one output format."""

    name: str

    def text(self, value: str) -> str: ...

    def emph(self, inner: str) -> str: ...

    def link(self, url: str, text: str | None) -> str: ...


#: the only URLs made into links; any other (a hand-edited record's ``javascript:``) is text
_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _render(node: Node, backend: Backend, depth: int, british: bool, in_double: bool) -> str:
    """``depth`` counts enclosing quotes; text inside double marks turns “…” into ‘…’.

    The outermost :class:`Quoted` decides the convention (US or British) for those inside it.
    """
    if isinstance(node, str):
        return backend.text(node.translate(_NEST_DOUBLE) if in_double else node)
    if isinstance(node, Span):
        return "".join(_render(c, backend, depth, british, in_double) for c in node.children)
    if isinstance(node, Emph):
        return backend.emph(_render(node.child, backend, depth, british, in_double))
    if isinstance(node, Quoted):
        british = node.british if depth == 0 else british
        double = (depth + british) % 2 == 0
        left, right = _QUOTES[0 if double else 1]
        inner = _render(node.child, backend, depth + 1, british, double)
        return backend.text(left) + inner + backend.text(right)
    if not node.url.lower().startswith(_LINK_SCHEMES):  # javascript:, data:… stay text
        return backend.text(node.text if node.text is not None else node.url)
    return backend.link(node.url, node.text)


_BACKENDS: dict[str, Backend] = {}


def register_backend(backend: Backend) -> Backend:
    """Add an output backend (third-party backends register the same way)."""
    _BACKENDS[backend.name] = backend
    return backend


def backend_names() -> list[str]:
    return sorted(_BACKENDS)


def get_backend(name: str) -> Backend:
    try:
        return _BACKENDS[name]
    except KeyError:
        raise UsageError(
            f"unknown format {name!r}; choose one of: {', '.join(backend_names())}"
        ) from None


def render(node: Node, fmt: str = "text") -> str:
    """Render a rich-text tree with the backend registered as ``fmt``."""
    return _render(node, get_backend(fmt), 0, False, False)


# ------------------------------------------------------------------------------ backends


class TextBackend:
    """Plain Unicode text: italics are dropped, quotes and dashes kept as characters; the
    no-break space a style puts between a locator's label and number ("para. 5") is a plain
    space (what the manuals print; Markdown too; LaTeX gets ``~``, HTML keeps U+00A0)."""

    name = "text"

    def text(self, value: str) -> str:
        return value.replace("\u00a0", " ")

    def emph(self, inner: str) -> str:
        return inner

    def link(self, url: str, text: str | None) -> str:
        return text if text is not None else url


class HtmlBackend:
    """An HTML fragment: ``<i>`` for italics, ``<a href>`` for links, text escaped."""

    name = "html"

    def text(self, value: str) -> str:
        from html import escape  # imported on first use: most commands print no HTML

        return escape(value, quote=False)

    def emph(self, inner: str) -> str:
        return f"<i>{inner}</i>"

    def link(self, url: str, text: str | None) -> str:
        from html import escape

        label = escape(text if text is not None else url, quote=False)
        return f'<a href="{escape(url, quote=True)}">{label}</a>'


#: CommonMark syntax characters, plus ``~`` (GFM strikethrough) and ``$`` (pandoc math)
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~$"})
#: "&" that would start a character reference ("&amp;", "&#169;"), which CommonMark decodes
_MD_CHAR_REF = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


class MarkdownBackend:
    """CommonMark: ``*italics*``, autolinks ``<URL>``; Markdown syntax characters escaped."""

    name = "markdown"

    def text(self, value: str) -> str:
        # a locator's no-break space is a plain space, as in the text backend
        return _MD_CHAR_REF.sub(r"\&", value.translate(_MD_SPECIAL)).replace("\u00a0", " ")

    def emph(self, inner: str) -> str:
        return f"*{inner}*"

    def link(self, url: str, text: str | None) -> str:
        safe_url = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        if text is None or text == url:
            return f"<{safe_url}>"
        return f"[{self.text(text)}]({safe_url})"


_LATEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
})
#: TeX ligatures that would change the text: "--" is an en dash, "``" an opening quote, "!`"
#: an inverted exclamation mark, ",," "<<" ">>" quotation marks in T1 fonts
_LATEX_LIGATURE = re.compile(
    r"(?<=-)(?=-)|(?<=[`!?])(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=<)(?=<)|(?<=>)(?=>)"
)


def break_ligatures(text: str) -> str:
    """``a--b`` -> ``a-{}-b``: LaTeX then prints the characters as they are."""
    return _LATEX_LIGATURE.sub("{}", text)
#: inside \url{} only these need escaping (so that it also works in a footnote, with hyperref)
_LATEX_URL = str.maketrans({
    "\\": "%5C", "{": "%7B", "}": "%7D", "^": "%5E", " ": "%20", "%": r"\%", "#": r"\#",
})


class LatexBackend:
    """LaTeX for a UTF-8 document: specials escaped, ``\\textit``, ``\\url`` (url or hyperref)."""

    name = "latex"

    def text(self, value: str) -> str:
        return break_ligatures(value.translate(_LATEX_SPECIAL))

    def emph(self, inner: str) -> str:
        return rf"\textit{{{inner}}}"

    def link(self, url: str, text: str | None) -> str:
        target = url.translate(_LATEX_URL)
        if text is None or text == url:
            return rf"\url{{{target}}}"
        return rf"\href{{{target}}}{{{self.text(text)}}}"


for _backend in (TextBackend(), HtmlBackend(), MarkdownBackend(), LatexBackend()):
    register_backend(_backend)
