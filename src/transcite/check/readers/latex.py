"""LaTeX manuscripts, parsed by pylatexenc's LaTeX walker (no home-made parser): the
document's paragraphs and sectioning titles; ``quote``, ``quotation`` and csquotes'
``displayquote`` as block quotations; ``\\enquote``/``\\textquote`` and TeX's ``` ``…'' ``` as
inline quotations; ``\\cite``-family commands with their postnote as citations (read as
``[@key, postnote]``); ``\\footnote`` text in parentheses after its mark; ``thebibliography``
and ``\\printbibliography`` as the reference list. ``\\input``/``\\include`` read files only
inside the manuscript's folder (never a path outside it, never stdin's), at most 50 files."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import Any

from transcite.check.manuscript import Block, BlockKind, Manuscript
from transcite.check.readers import MANUSCRIPT_READERS, decode
from transcite.core.errors import DataError

_CITES = ("cite", "parencite", "textcite", "footcite", "autocite", "citep", "citet",
          "Cite", "Parencite", "Textcite", "Autocite", "smartcite", "supercite")
_QUOTE_ENVS = ("quote", "quotation", "displayquote", "verse")
_SKIP_MACROS = frozenset(("label", "ref", "pageref", "documentclass", "usepackage",
                          "bibliography", "bibliographystyle", "addbibresource", "maketitle",
                          "newcommand", "renewcommand", "setlength", "vspace", "hspace",
                          "includegraphics", "caption", "tableofcontents", "title", "author",
                          "date"))
_HEADINGS = frozenset(("part", "chapter", "section", "subsection", "subsubsection",
                       "paragraph"))
_SPECIALS = {"``": "“", "''": "”", "`": "‘", "'": "’", "~": " ", "--": "–", "---": "—",
             "&": " ", "#": "#", "$": "", "^": "", "_": "", "!`": "¡", "?`": "¿"}
_TEXT_MACROS = {"ldots": "…", "dots": "…", "textellipsis": "…", "%": "%", "&": "&",
                "#": "#", "$": "$", "_": "_", "{": "{", "}": "}", "textquoteleft": "‘",
                "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
                "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶", " ": " ",
                ",": " ", "\\": " ", "newline": " ", "slash": "/", "textendash": "–",
                "textemdash": "—", "LaTeX": "LaTeX", "TeX": "TeX"}
MAX_INPUTS = 50


def _context() -> Any:
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import EnvironmentSpec, MacroSpec

    db = get_default_latex_context_db()
    db.add_context_category("transcite-check", prepend=True, macros=[
        MacroSpec("enquote", "*{"), MacroSpec("textquote", "*[[{"),
        MacroSpec("blockquote", "*[[{"), MacroSpec("foreignquote", "*{{"),
        *(MacroSpec(name, "*[[{") for name in _CITES),
        MacroSpec("footnote", "[{"), MacroSpec("input", "{"), MacroSpec("include", "{"),
        MacroSpec("printbibliography", "["),
    ], environments=[EnvironmentSpec("displayquote", "[["),
                     EnvironmentSpec("thebibliography", "{")])
    return db


class _Builder:
    def __init__(self, manuscript: Manuscript, folder: str | None) -> None:
        self.manuscript = manuscript
        self.folder = folder
        self.inputs = 0
        self.kind: BlockKind = "paragraph"
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.size = 0
        self.starts: list[int] = [0]
        self.source = ""
        self.file: str | None = None

    def place(self, pos: int) -> tuple[int, int]:
        row = bisect_right(self.starts, pos) - 1
        return row + 1, pos - self.starts[row] + 1

    def emit(self, text: str, pos: int | None) -> None:
        if not text:
            return
        if pos is not None:
            line, column = self.place(pos)
            self.anchors.append((self.size, line, column))
        self.parts.append(text)
        self.size += len(text)

    def flush(self) -> None:
        text = "".join(self.parts)
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if body:
            anchors = [(max(o - lead, 0), line, col + max(lead - o, 0))
                       for o, line, col in self.anchors]
            if not anchors or anchors[0][0] > 0:
                anchors.insert(0, (0, *(anchors[0][1:] if anchors else (1, 1))))
            self.manuscript.blocks.append(Block(self.kind, body, tuple(anchors), self.file))
        self.parts, self.anchors, self.size = [], [], 0


def read(data: bytes, name: str, folder: str | None) -> Manuscript:
    text = decode(data, name)
    manuscript = Manuscript(name, "latex")
    builder = _Builder(manuscript, folder)
    _walk_source(builder, text, name)
    builder.flush()
    return manuscript


def _walk_source(builder: _Builder, text: str, name: str) -> None:
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    saved = builder.source, builder.starts
    builder.source = text
    builder.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    try:
        nodes, _, _ = LatexWalker(text, latex_context=_context(),
                                  tolerant_parsing=True).get_latex_nodes()
    except (LatexWalkerError, RecursionError) as exc:
        raise DataError(f"{name}: not LaTeX that can be read ({exc})") from None
    document = _find_document(nodes)
    _walk(builder, document if document is not None else nodes)
    builder.source, builder.starts = saved


def _find_document(nodes: list[Any]) -> list[Any] | None:
    from pylatexenc.latexwalker import LatexEnvironmentNode

    for node in nodes:
        if isinstance(node, LatexEnvironmentNode) and node.environmentname == "document":
            return list(node.nodelist)
    return None


def _arg(node: Any, index: int) -> Any:
    args = node.nodeargd.argnlist if node.nodeargd else []
    return args[index] if index < len(args) else None


def _plain(node: Any) -> str:
    """The text of an argument, as plain text."""
    if node is None:
        return ""
    from pylatexenc.latex2text import LatexNodes2Text

    nodes = node.nodelist if hasattr(node, "nodelist") and node.nodelist is not None else [node]
    return " ".join(LatexNodes2Text().nodelist_to_text(list(nodes)).split())


def _walk(builder: _Builder, nodes: list[Any]) -> None:
    from pylatexenc.latexwalker import (
        LatexCharsNode,
        LatexCommentNode,
        LatexEnvironmentNode,
        LatexGroupNode,
        LatexMacroNode,
        LatexMathNode,
        LatexSpecialsNode,
    )

    for node in nodes:
        if node is None or isinstance(node, LatexCommentNode):
            continue
        if isinstance(node, LatexCharsNode):
            _chars(builder, node.chars, node.pos)
        elif isinstance(node, LatexSpecialsNode):
            builder.emit(_SPECIALS.get(node.specials_chars, node.specials_chars), node.pos)
        elif isinstance(node, LatexGroupNode):
            _walk(builder, list(node.nodelist))
        elif isinstance(node, LatexMathNode):
            builder.emit(" ", node.pos)
        elif isinstance(node, LatexEnvironmentNode):
            _environment(builder, node)
        elif isinstance(node, LatexMacroNode):
            _macro(builder, node)


def _chars(builder: _Builder, text: str, pos: int) -> None:
    """Text with its line breaks: a blank line ends the paragraph, a single one is a space."""
    offset = 0
    for number, part in enumerate(_PARAGRAPH_BREAK.split(text)):
        if number % 2:
            builder.flush()
        else:
            for index, line in enumerate(part.split("\n")):
                if index:
                    builder.emit(" ", None)
                builder.emit(line, pos + offset)
                offset += len(line) + 1
            offset -= 1
        if number % 2:
            offset += len(part)
    return


_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n\s*)")


def _environment(builder: _Builder, node: Any) -> None:
    name = node.environmentname
    if name in _QUOTE_ENVS:
        builder.flush()
        outer = builder.kind
        builder.kind = "blockquote"
        _walk(builder, list(node.nodelist))
        builder.flush()
        builder.kind = outer
    elif name == "thebibliography":
        builder.flush()
        line, column = builder.place(node.pos)
        builder.manuscript.blocks.append(Block("heading", "References", ((0, line, column),)))
        _walk(builder, list(node.nodelist))
        builder.flush()
    elif name in ("figure", "table", "tabular", "equation", "align", "verbatim", "comment"):
        return
    else:
        _walk(builder, list(node.nodelist))


def _macro(builder: _Builder, node: Any) -> None:
    name = node.macroname
    if name in _TEXT_MACROS:
        builder.emit(_TEXT_MACROS[name], node.pos)
    elif name in ("enquote", "foreignquote", "textquote", "blockquote"):
        body = _arg(node, 3 if name in ("textquote", "blockquote") else
                    (1 if name == "enquote" else 2))
        builder.emit("“", node.pos)
        if body is not None:
            _walk(builder, list(body.nodelist) if hasattr(body, "nodelist") else [body])
        builder.emit("”", None)
        cite = _arg(node, 1) if name in ("textquote", "blockquote") else None
        if cite is not None:
            builder.emit(f" ({_plain(cite)})", None)
    elif name in _CITES:
        pre, post, keys = _arg(node, 1), _arg(node, 2), _arg(node, 3)
        if post is None and pre is not None:
            pre, post = None, pre
        note = _plain(post)
        key = _plain(keys).split(",")[0].strip()
        builder.emit(f"[@{key}" + (f", {note}" if note else "") + "]", node.pos)
    elif name == "footnote":
        body = _plain(_arg(node, 1))
        builder.emit(f" ({body})" if body else "", node.pos)
    elif name in _HEADINGS:
        builder.flush()
        outer = builder.kind
        builder.kind = "heading"
        title = _arg(node, 2) or _arg(node, 1)
        builder.emit(_plain(title), node.pos)
        builder.flush()
        builder.kind = outer
    elif name == "printbibliography":
        builder.flush()
        line, column = builder.place(node.pos)
        builder.manuscript.blocks.append(Block("heading", "References", ((0, line, column),)))
    elif name == "bibitem":
        builder.flush()
    elif name in ("input", "include"):
        _include(builder, _plain(_arg(node, 0)))
    elif name in ("par",):
        builder.flush()
    elif name in _SKIP_MACROS:
        return
    elif node.nodeargd and node.nodeargd.argnlist:
        for arg in node.nodeargd.argnlist:
            if arg is not None and hasattr(arg, "nodelist") and arg.nodelist is not None:
                _walk(builder, list(arg.nodelist))


def _include(builder: _Builder, target: str) -> None:
    manuscript = builder.manuscript
    if builder.folder is None:
        manuscript.notes.append(f"\\input{{{target}}} not read: a manuscript from stdin has "
                                "no folder")
        return
    builder.inputs += 1
    if builder.inputs > MAX_INPUTS:
        raise DataError(f"{manuscript.name}: more than {MAX_INPUTS} \\input files; refused")
    root = os.path.realpath(builder.folder)
    path = os.path.realpath(os.path.join(root, target))
    if not os.path.exists(path) and not path.endswith(".tex"):
        path = os.path.realpath(path + ".tex")
    if os.path.commonpath([root, path]) != root:
        manuscript.notes.append(f"\\input{{{target}}} not read: it is outside the "
                                "manuscript's folder")
        return
    if not os.path.isfile(path):
        manuscript.notes.append(f"\\input{{{target}}} not read: no such file")
        return
    with open(path, "rb") as handle:
        data = handle.read(20 * 2**20 + 1)
    builder.flush()
    outer = builder.file
    builder.file = os.path.relpath(path, root)
    _walk_source(builder, decode(data, target), target)
    builder.flush()
    builder.file = outer


MANUSCRIPT_READERS.register("latex", read)
