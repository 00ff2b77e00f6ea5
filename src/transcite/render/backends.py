"""The built-in output formats of rich text besides plain text: HTML, Markdown, LaTeX.

Each class has the methods of :class:`transcite.render.richtext.Backend` (plain text,
``TextBackend``, is in ``richtext`` itself: every citation on a terminal needs it); this module
is imported when one of them is first asked for, and registers them all.
"""

from __future__ import annotations

import re
from html import escape  # this module loads only for HTML, Markdown or LaTeX output
from typing import Literal

from transcite.core.text import abbreviation_periods, sentence_periods_after_capitals
from transcite.render.richtext import TextBackend, register_backend


class HtmlBackend(TextBackend):
    """An HTML fragment: ``<i>`` for italics, ``<a href>`` for links, text escaped; ``<q>``
    and ``<blockquote>`` for quotations, ``<cite>`` for their citations."""

    name = "html"
    quotes: Literal["marks", "markup"] = "markup"
    separator = "\n"
    #: the CSS ``quotes`` pairs: browsers draw nested ``<q>`` with them and repeat the last
    #: pair once they run out; their English default has two pairs (“…” then ‘…’)
    _US_PAIRS = ("'\\201C' '\\201D'", "'\\2018' '\\2019'")

    def text(self, value: str) -> str:
        return escape(value, quote=False)

    def emph(self, inner: str) -> str:
        return f"<i>{inner}</i>"

    def strong(self, inner: str) -> str:
        return f"<b>{inner}</b>"

    def link(self, url: str, text: str | None) -> str:
        label = escape(text if text is not None else url, quote=False)
        return f'<a href="{escape(url, quote=True)}">{label}</a>'

    def permalink(self, url: str, label: str) -> str:
        return self.link(url, label)

    def quotation(self, inner: str, cite: str | None, british: bool, levels: int) -> str:
        """``<q>``; the outermost gets ``cite`` and, when the browser's default marks will not
        do (British marks first, or three levels deep), its own ``quotes`` pairs."""
        if levels == 0:  # a quotation inside one
            return f"<q>{inner}</q>"
        cite_attr = f' cite="{escape(cite, quote=True)}"' if cite else ""
        style = ""
        if british or levels >= 3:
            first, second = self._US_PAIRS[::-1] if british else self._US_PAIRS
            pairs = [first, second, first] if levels >= 3 else [first, second]
            style = f' style="quotes: {" ".join(pairs)}"'
        return f"<q{cite_attr}{style}>{inner}</q>"

    def citation(self, inner: str, key: str, command: str, postnote: str | None) -> str:
        # browsers set <cite> in italics; in-text citations are roman in every style
        return f'<cite style="font-style: normal">{inner}</cite>'

    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str:
        return f'<sup><a href="#transcite-note-{n}" id="transcite-ref-{n}">{n}</a></sup>'

    def paragraph(self, inner: str, role: str | None) -> str:
        return f'<p class="{role}">{inner}</p>' if role else f"<p>{inner}</p>"

    def block_quote(self, paragraphs: list[str], cite: str | None) -> str:
        cite_attr = f' cite="{escape(cite, quote=True)}"' if cite else ""
        inner = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        return f"<blockquote{cite_attr}>\n{inner}\n</blockquote>"

    def note(self, n: int, inner: str) -> str:
        return f'<ol class="notes">\n<li id="transcite-note-{n}">{inner}</li>\n</ol>'

    def rows(self, rows: list[tuple[str, str]]) -> str:
        lines = [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows]
        return "\n".join(["<dl>", *lines, "</dl>"])

    def heading(self, inner: str, plain: str) -> str:
        return f"<p>{inner}</p>"

    def document(self, blocks: list[str], role: str | None) -> str:
        if role is None:
            return "\n".join(blocks)
        return "\n".join([f'<section class="transcite-{role}">', *blocks, "</section>"])


#: CommonMark syntax characters, plus ``~`` (GFM strikethrough) and ``$`` (pandoc math)
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~$"})
#: "&" that would start a character reference ("&amp;", "&#169;"), which CommonMark decodes
_MD_CHAR_REF = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: a paragraph that starts like a list item ("1. ", "- ")
_MD_LIST_START = re.compile(r"^(\d+)([.)])(?=\s)|^([-+])(?=\s)")


class MarkdownBackend(TextBackend):
    """CommonMark: ``*italics*``, ``**bold**``, autolinks ``<URL>``; syntax characters escaped;
    a block quotation is a ``>`` quotation, notes are footnotes (``[^1]``)."""

    name = "markdown"

    def text(self, value: str) -> str:
        # a locator's no-break space is a plain space, as in the text backend
        return _MD_CHAR_REF.sub(r"\&", value.translate(_MD_SPECIAL)).replace("\u00a0", " ")

    def emph(self, inner: str) -> str:
        return f"*{inner}*"

    def strong(self, inner: str) -> str:
        return f"**{inner}**"

    def link(self, url: str, text: str | None) -> str:
        safe_url = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        if text is None or text == url:
            return f"<{safe_url}>"
        return f"[{self.text(text)}]({safe_url})"

    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str:
        return f"[^{n}]"

    def block_quote(self, paragraphs: list[str], cite: str | None) -> str:
        """A paragraph that starts like a list item would become a list inside the ``>``
        quotation: its marker is escaped (CommonMark backslash escapes)."""
        return "\n>\n".join(f"> {_md_line_start(p)}" for p in paragraphs)

    def note(self, n: int, inner: str) -> str:
        return f"[^{n}]: {inner}"

    def rows(self, rows: list[tuple[str, str]]) -> str:
        return "\n".join(f"- **{label}:** {value}" for label, value in rows)

    def heading(self, inner: str, plain: str) -> str:
        return inner


def _md_line_start(line: str) -> str:
    return _MD_LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


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


_NBSP = "\u00a0"


def _latex_escape(text: str) -> str:
    return break_ligatures(text.translate(_LATEX_SPECIAL))


def sentence_spacing(text: str) -> str:
    """``text`` escaped for LaTeX, with TeX told which periods end a sentence where it would
    guess wrong. TeX sets a wider space after a period that follows a lowercase letter (the end
    of a sentence) and a normal one after a capital (an initial); outside ``\\frenchspacing``
    an abbreviation's period inside a sentence is followed by a control space (``et al.\\ 2019``,
    ``trans.\\ Hilah``, ``Feb.\\ 12``: the LaTeX manual's ``\\ ``, which may still break the
    line), and a full stop after a capital is written ``\\@.`` (``the BBC\\@. Next``). Which
    periods those are is decided in one place, :mod:`transcite.core.text`; a period followed by
    a no-break space is left alone (``para.~5``: ``~`` is already a normal space)."""
    inner = [i for i in abbreviation_periods(text) if not text[i - 1].isupper()]
    after_capital = sentence_periods_after_capitals(text)
    if not inner and not after_capital:
        return _latex_escape(text)
    cuts = sorted([(i, ".\\ ", 2) for i in inner] + [(i, "\\@.", 1) for i in after_capital])
    out: list[str] = []
    start = 0
    for i, mark, length in cuts:
        out.append(_latex_escape(text[start:i]))
        out.append(mark)
        start = i + length
    out.append(_latex_escape(text[start:]))
    return "".join(out)


#: inside \url{} only these need escaping (so that it also works in a footnote, with hyperref)
_LATEX_URL = str.maketrans({
    "\\": "%5C", "{": "%7B", "}": "%7D", "^": "%5E", " ": "%20", "%": r"\%", "#": r"\#",
})


class LatexBackend(TextBackend):
    """LaTeX for a UTF-8 document: specials escaped, ``\\textit``, ``\\url`` (url or hyperref);
    csquotes ``\\textquote`` and ``displayquote`` for quotations, biblatex citations."""

    name = "latex"
    quotes: Literal["marks", "markup"] = "markup"

    def text(self, value: str) -> str:
        """Specials escaped; an abbreviation's period inside a sentence followed by ``\\ ``
        and an acronym's full stop written ``\\@.`` (:func:`sentence_spacing`)."""
        return sentence_spacing(value)

    def emph(self, inner: str) -> str:
        return rf"\textit{{{inner}}}"

    def strong(self, inner: str) -> str:
        return rf"\textbf{{{inner}}}"

    def link(self, url: str, text: str | None) -> str:
        target = url.translate(_LATEX_URL)
        if text is None or text == url:
            return rf"\url{{{target}}}"
        return rf"\href{{{target}}}{{{self.text(text)}}}"

    def quotation(self, inner: str, cite: str | None, british: bool, levels: int) -> str:
        return rf"\textquote{{{inner}}}"

    def citation(self, inner: str, key: str, command: str, postnote: str | None) -> str:
        """``\\parencite[para.~5]{kartsev-islamists}``: the pinpoint as postnote."""
        # a space in the pinpoint does not break ("para.~5"), as the styles' no-break space
        post = f"[{self.text(postnote.replace(' ', _NBSP))}]" if postnote else ""
        return f"{command}{post}{{{key}}}"

    def note_mark(self, n: int, key: str, command: str, postnote: str | None) -> str:
        return self.citation("", key, command, postnote)  # \footcite makes the note

    def block_quote(self, paragraphs: list[str], cite: str | None) -> str:
        inner = "\n\n".join(paragraphs)
        return f"\\begin{{displayquote}}\n{inner}\n\\end{{displayquote}}"

    def note(self, n: int, inner: str) -> str:
        return ""  # the citation command in the text is the note

    def rows(self, rows: list[tuple[str, str]]) -> str:
        lines = [rf"\item[{label}] {value}" for label, value in rows]
        return "\n".join([r"\begin{description}", *lines, r"\end{description}"])

    def heading(self, inner: str, plain: str) -> str:
        return inner


BUILTIN = (HtmlBackend(), MarkdownBackend(), LatexBackend())
for _backend in BUILTIN:
    register_backend(_backend)
