"""A LaTeX-to-text reader for the tests: pylatexenc, told about a few LaTeX2e macros.

pylatexenc's default table lacks ``\\textbraceleft``/``\\textbraceright`` and maps
``\\textasciicircum`` to a modifier letter; LaTeX prints ``{``, ``}`` and ``^``. ``\\url{x}``
reads as ``x`` and ``\\href{url}{x}`` as ``x``: the text a reader sees.
"""

from __future__ import annotations

from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

_DB = get_default_latex_context_db().filter_context(keep_categories=None)
_DB.add_context_category("latex2e", prepend=True, macros=[
    MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
    MacroTextSpec("textasciicircum", "^"), MacroTextSpec("url", simplify_repl="%s"),
    MacroTextSpec("href", simplify_repl="%(2)s"),
    # biblatex's quotation macro: the style sets the marks; the text reads them as “…”
    MacroTextSpec("mkbibquote", simplify_repl="“%s”"),
])
#: the parser must know that hyperref's \href takes two arguments, \mkbibquote one
_PARSER_DB = latexwalker.get_default_latex_context_db()
_PARSER_DB.add_context_category(
    "hyperref", prepend=True,
    macros=[macrospec.MacroSpec("href", "{{"), macrospec.MacroSpec("mkbibquote", "{")],
)


class _Decoder(LatexNodes2Text):
    """Parses with the macros above (bibtexparser calls ``latex_to_text``)."""

    def latex_to_text(self, latex: str, **parse_flags: object) -> str:
        nodes = latexwalker.LatexWalker(latex, latex_context=_PARSER_DB).get_latex_nodes()[0]
        return str(self.nodelist_to_text(nodes))


DECODER = _Decoder(latex_context=_DB, math_mode="verbatim")


def latex_to_text(text: str) -> str:
    """What a LaTeX document would print for ``text`` (no-break spaces as plain spaces)."""
    nodes = latexwalker.LatexWalker(text, latex_context=_PARSER_DB).get_latex_nodes()[0]
    return DECODER.nodelist_to_text(nodes).replace("\u00a0", " ")
