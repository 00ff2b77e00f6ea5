"""Neutral rich text: what styles, quotations and credit sheets build and a backend renders.

Nothing outside ``transcite.render`` writes HTML, Markdown or LaTeX: callers build a tree, a
registered backend turns it into one output format.

Inline nodes:

- a plain ``str`` is literal text (never pre-escaped: backends escape it; a backend gets each
  run of neighbouring strings whole); :class:`Span` groups inline nodes; :class:`Emph` is
  italic, :class:`Strong` bold type;
- :class:`Quoted`, a quoted title or phrase, is set in curly double quotes, single inside
  another, “…” in its text turned into ‘…’ (US nesting: callers never count quote levels);
  :class:`InlineQuote`, a run-in quotation, likewise in text and Markdown, as the format's own
  quotation (``<q>``, csquotes ``\\textquote``) where there is one;
- :class:`Link` is a URL (or text pointing at one); :class:`Permalink` a link whose label is
  shown only where a link can hide its address (HTML); :class:`Citing` is a citation attached
  to a quotation (``<cite>``; in LaTeX a biblatex command), or its note mark.

Block nodes: :class:`Para` (a paragraph), :class:`BlockQuote` (a block quotation, its paragraphs
keeping the source's own marks), :class:`Note` (a numbered note), :class:`Rows` (labels and
values: a definition list), :class:`Heading`, and :class:`Doc`, the blocks of a document in
order. An inline node standing alone as a block is a run of text with no paragraph around it.

``render(node, "html")`` renders with a registered backend (``text``, ``html``, ``markdown``,
``latex``). A new output format is one class with the :class:`Backend` methods, registered with
:func:`register_backend` or as an entry point of the group ``transcite.backends``.

Example::

    >>> from transcite.render.richtext import Emph, Link, Quoted, render, span
    >>> title = span(Quoted("Risk & reward."), " ", Emph("Meduza"), ", ", Link("https://x.org/a_b"))
    >>> render(title, "latex")
    '“Risk \\\\& reward.” \\\\textit{Meduza}, \\\\url{https://x.org/a_b}'
"""

from __future__ import annotations

from typing import Literal, NamedTuple, Protocol

from transcite.core.registry import Registry


# NamedTuples, as every value class each `transcite cite` defines (docs/architecture.md)
class Span(NamedTuple):
    """A sequence of inline nodes with no formatting of its own."""

    children: tuple[Node, ...]


class Emph(NamedTuple):
    """Italic type."""

    child: Node


class Strong(NamedTuple):
    """Bold type (labels)."""

    child: Node


class Quoted(NamedTuple):
    """Text in quotation marks, double then single by nesting depth (US practice).

    ``british=True`` starts with single marks, double inside (UK practice, e.g. Harvard).
    """

    child: Node
    british: bool = False


class InlineQuote(NamedTuple):
    """A run-in quotation of a source (``cite``: its URL), set as the format quotes."""

    child: Node
    british: bool = False
    cite: str | None = None


class Link(NamedTuple):
    """A link; ``text`` defaults to the URL itself."""

    url: str
    text: str | None = None


class Permalink(NamedTuple):
    """A link shown as its address, or as ``label`` where a link can hide its address."""

    url: str
    label: str


class Citing(NamedTuple):
    """The citation of a quotation: ``child`` as the style prints it; ``key`` (the record id),
    the biblatex ``command`` and ``postnote`` (the pinpoint) for LaTeX. With ``note`` (its
    number) it is the note mark, and the citation goes in a :class:`Note`."""

    child: Node
    key: str
    command: str
    postnote: str | None = None
    note: int | None = None


Node = str | Span | Emph | Strong | Quoted | InlineQuote | Link | Permalink | Citing


class Para(NamedTuple):
    """A paragraph; ``role`` names what it is (``credit``, ``reference``) for HTML's class."""

    child: Node
    role: str | None = None


class BlockQuote(NamedTuple):
    """A block quotation: paragraphs keeping the source's marks; ``cite``: the source's URL."""

    paragraphs: tuple[Node, ...]
    cite: str | None = None


class Note(NamedTuple):
    """Note ``n``, the text a :class:`Citing` mark points to."""

    n: int
    child: Node


class Rows(NamedTuple):
    """Labelled values, one a row: a definition list."""

    rows: tuple[tuple[str, Node], ...]


class Heading(NamedTuple):
    """A heading; plain text, which cannot set one apart, prints ``plain`` instead."""

    child: Node
    plain: Node


class Doc(NamedTuple):
    """Blocks in order; ``role`` names the document (HTML wraps it in a ``section``)."""

    blocks: tuple[Block, ...]
    role: str | None = None


Block = Node | Para | BlockQuote | Note | Rows | Heading | Doc


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


_NEST_DOUBLE = str.maketrans({"“": "‘", "”": "’"})
_QUOTES = (("“", "”"), ("‘", "’"))


class Backend(Protocol):
    """Turns the leaves and wrappers of a rich-text tree into one output format.

    ``quotes`` is ``"marks"`` when quotations are drawn as characters (text, Markdown), or
    ``"markup"`` when the format has its own (``<q>``, ``\\textquote``): then a run-in
    quotation nests the format's quotations and a block quotation keeps the source's marks.
    """

    name: str
    quotes: Literal["marks", "markup"]

    def text(self, value: str) -> str: ...
    def emph(self, inner: str) -> str: ...
    def strong(self, inner: str) -> str: ...
    def link(self, url: str, text: str | None) -> str: ...
    def permalink(self, url: str, label: str) -> str: ...

    def quotation(self, inner: str, cite: str | None, british: bool, levels: int) -> str:
        """A run-in quotation (``quotes == "markup"``); ``levels``: quotations deep."""
        ...

    def citation(self, inner: str, key: str, command: str, postnote: str | None) -> str: ...
    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str: ...
    def paragraph(self, inner: str, role: str | None) -> str: ...
    def block_quote(self, paragraphs: list[str], cite: str | None) -> str: ...
    def note(self, n: int, inner: str) -> str: ...
    def rows(self, rows: list[tuple[str, str]]) -> str: ...
    def heading(self, inner: str, plain: str) -> str: ...
    def document(self, blocks: list[str], role: str | None) -> str: ...


#: the only URLs made into links; any other (a hand-edited record's ``javascript:``) is text
_LINK_SCHEMES = ("http://", "https://", "mailto:")

#: how quotation marks are drawn: by nesting depth (``marks``), as the format's quotations
#: (``markup``, inside a run-in quotation), or as the source has them (``source``: a block)
_Mode = Literal["marks", "markup", "source"]


def _render(
    node: Node, backend: Backend, depth: int, british: bool, in_double: bool,
    mode: _Mode = "marks",
) -> str:
    """``depth`` counts enclosing quotes; text inside double marks turns “…” into ‘…’.

    The outermost :class:`Quoted` decides the convention (US or British) for those inside it.
    """
    if isinstance(node, str):
        nest = in_double if mode == "marks" else mode == "markup"
        return backend.text(node.translate(_NEST_DOUBLE) if nest else node)
    if isinstance(node, Span):
        runs = _runs(node.children, [])
        return "".join(_render(c, backend, depth, british, in_double, mode) for c in runs)
    if isinstance(node, Emph):
        return backend.emph(_render(node.child, backend, depth, british, in_double, mode))
    if isinstance(node, Strong):
        return backend.strong(_render(node.child, backend, depth, british, in_double, mode))
    if isinstance(node, InlineQuote):
        if backend.quotes == "markup":
            inner = _render(node.child, backend, depth + 1, british, True, "markup")
            return backend.quotation(inner, node.cite, node.british, 1 + _levels(node.child))
        node = Quoted(node.child, node.british)
    if isinstance(node, Quoted):
        if mode == "markup":
            inner = _render(node.child, backend, depth + 1, british, True, mode)
            return backend.quotation(inner, None, False, 0)
        if mode == "source":  # the source's marks: “…”, ‘…’ inside; a top-level ‘…’ stays
            single = depth % 2 == 1 or (depth == 0 and node.british)
            left, right = _QUOTES[1 if single else 0]
            inner = _render(node.child, backend, depth + 1, british, False, mode)
            return f"{left}{inner}{right}"
        british = node.british if depth == 0 else british
        double = (depth + british) % 2 == 0
        left, right = _QUOTES[0 if double else 1]
        inner = _render(node.child, backend, depth + 1, british, double)
        return backend.text(left) + inner + backend.text(right)
    if isinstance(node, Citing):
        if node.note is not None:
            return backend.note_mark(node.note, node.key, node.command, node.postnote)
        inner = _render(node.child, backend, 0, False, False)
        return backend.citation(inner, node.key, node.command, node.postnote)
    if isinstance(node, Permalink):
        if not node.url.lower().startswith(_LINK_SCHEMES):
            return backend.text(node.url)
        return backend.permalink(node.url, node.label)
    if not node.url.lower().startswith(_LINK_SCHEMES):  # javascript:, data:… stay text
        return backend.text(node.text if node.text is not None else node.url)
    return backend.link(node.url, node.text)


def _runs(children: tuple[Node, ...], out: list[Node]) -> list[Node]:
    """Nested spans opened, neighbouring strings joined ("et al.", " 2019"; "-", "-")."""
    for child in children:
        if isinstance(child, Span):
            _runs(child.children, out)
        elif isinstance(child, str) and out and isinstance(out[-1], str):
            out[-1] += child
        else:
            out.append(child)
    return out


def _levels(node: Node) -> int:
    """How many quotations deep ``node`` nests."""
    if isinstance(node, Quoted | InlineQuote):
        return 1 + _levels(node.child)
    if isinstance(node, Span):
        return max((_levels(c) for c in node.children), default=0)
    return 0


def _render_block(block: Block, backend: Backend) -> str:
    if isinstance(block, Doc):
        parts = (_render_block(b, backend) for b in block.blocks)
        return backend.document([p for p in parts if p], block.role)
    if isinstance(block, Para):
        return backend.paragraph(_render(block.child, backend, 0, False, False), block.role)
    if isinstance(block, BlockQuote):
        mode: _Mode = "source" if backend.quotes == "markup" else "marks"
        paragraphs = [_render(p, backend, 0, False, False, mode) for p in block.paragraphs]
        return backend.block_quote(paragraphs, block.cite)
    if isinstance(block, Note):
        return backend.note(block.n, _render(block.child, backend, 0, False, False))
    if isinstance(block, Rows):
        return backend.rows(
            [(backend.text(label), _render(v, backend, 0, False, False)) for label, v in block.rows]
        )
    if isinstance(block, Heading):
        return backend.heading(
            _render(block.child, backend, 0, False, False),
            _render(block.plain, backend, 0, False, False),
        )
    return _render(block, backend, 0, False, False)


#: the output formats: plain text (below), the other built-in backends
#: (``transcite.render.backends``, imported when first asked for) and the entry points
#: ``transcite.backends``
BACKENDS: Registry[Backend] = Registry(
    "format", "transcite.render", "transcite.backends",
    modules={name: "backends" for name in ("html", "latex", "markdown")},
)


def register_backend(backend: Backend) -> Backend:
    """Add an output backend (third-party backends register the same way)."""
    return BACKENDS.register(backend.name, backend)


def backend_names() -> list[str]:
    return BACKENDS.names()


def get_backend(name: str) -> Backend:
    return BACKENDS.get(name)


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class TextBackend:
    """Plain Unicode text: italics are dropped, quotes and dashes kept as characters; the
    no-break space a style puts between a locator's label and number ("para. 5") is a plain
    space (what the manuals print; Markdown too; LaTeX gets ``~``, HTML keeps U+00A0)."""

    name = "text"
    quotes: Literal["marks", "markup"] = "marks"
    #: between blocks
    separator = "\n\n"

    def text(self, value: str) -> str:
        return value.replace("\u00a0", " ")

    def emph(self, inner: str) -> str:
        return inner

    def strong(self, inner: str) -> str:
        return inner

    def link(self, url: str, text: str | None) -> str:
        return text if text is not None else url

    def permalink(self, url: str, label: str) -> str:
        return self.link(url, None)

    def quotation(self, inner: str, cite: str | None, british: bool, levels: int) -> str:
        raise NotImplementedError  # quotes == "marks": drawn as characters

    def citation(self, inner: str, key: str, command: str, postnote: str | None) -> str:
        return inner

    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str:
        return str(n).translate(_SUPERSCRIPTS)

    def paragraph(self, inner: str, role: str | None) -> str:
        return inner

    def block_quote(self, paragraphs: list[str], cite: str | None) -> str:
        return "\n\n".join(f"    {p}" for p in paragraphs)

    def note(self, n: int, inner: str) -> str:
        return f"{n}. {inner}"

    def rows(self, rows: list[tuple[str, str]]) -> str:
        width = max(len(label) for label, _ in rows) + 2
        return "\n".join(f"{label:<{width}}{value}" for label, value in rows)

    def heading(self, inner: str, plain: str) -> str:
        return plain

    def document(self, blocks: list[str], role: str | None) -> str:
        return self.separator.join(blocks)


register_backend(TextBackend())


def render(node: Block, fmt: str = "text") -> str:
    """Render a rich-text tree (inline or block) with the backend registered as ``fmt``."""
    return _render_block(node, get_backend(fmt))
