"""A LaTeX-to-text reader for the tests: pylatexenc, told about a few LaTeX2e macros.

pylatexenc's default table lacks ``\\textbraceleft``/``\\textbraceright`` and maps
``\\textasciicircum`` to a modifier letter; LaTeX prints ``{``, ``}`` and ``^``. ``\\url{x}``
reads as ``x`` (pylatexenc would write ``<x>``).
"""

from __future__ import annotations

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

_DB = get_default_latex_context_db().filter_context(keep_categories=None)
_DB.add_context_category("latex2e", prepend=True, macros=[
    MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
    MacroTextSpec("textasciicircum", "^"), MacroTextSpec("url", simplify_repl="%s"),
])
DECODER = LatexNodes2Text(latex_context=_DB, math_mode="verbatim")


def latex_to_text(text: str) -> str:
    """What a LaTeX document would print for ``text`` (no-break spaces as plain spaces)."""
    return DECODER.latex_to_text(text).replace("\u00a0", " ")
