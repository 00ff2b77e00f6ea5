"""What BibTeX and BibLaTeX entries share: field escaping, names, dates and entry layout.

Field values are brace-delimited. BibTeX counts braces without regard to backslashes, so a
literal brace is written ``\\textbraceleft{}`` rather than ``\\{`` (which would unbalance the
field); the other LaTeX specials are escaped as in the rich-text LaTeX backend. URLs are kept
verbatim (``url`` fields are read verbatim by biblatex and by url.sty), with only ``{``, ``}``,
``\\`` and spaces percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from transcite.core.model import Person
from transcite.render.backends import break_ligatures

_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
})
_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


def escape(value: str) -> str:
    """A value for a brace-delimited field: LaTeX specials escaped, braces balanced, and
    ligatures broken (``a--b`` stays two hyphens) so the text prints as published."""
    return break_ligatures(value.translate(_SPECIAL))


def escape_url(url: str) -> str:
    return url.translate(_URL)


_WORD = re.compile(r"\S+")
_QUOTATION = re.compile(r"“([^“”]+)”")


def title_field(value: str, *, biblatex: bool) -> str:
    r"""A title for a ``title`` field: escaped, each word with a capital braced so that no style
    changes its case (proper nouns, acronyms, the first word), the other words left free so
    that styles that title-case can (a whole-title brace would block them: biblatex-chicago,
    mla and ieee printed the sentence case as published). For BibLaTeX an inner “quotation”
    becomes ``\mkbibquote{…}``, so the style sets and nests the quotation marks (a literal “
    inside a title the style quotes printed doubled double quotes)."""
    if not biblatex:
        return _brace_capitals(value)
    out: list[str] = []
    pos = 0
    for match in _QUOTATION.finditer(value):
        out.append(_brace_capitals(value[pos : match.start()]))
        out.append(r"\mkbibquote{" + _brace_capitals(match.group(1)) + "}")
        pos = match.end()
    out.append(_brace_capitals(value[pos:]))
    return "".join(out)


def _brace_capitals(text: str) -> str:
    def word(match: re.Match[str]) -> str:
        escaped = escape(match.group())
        return "{" + escaped + "}" if any(c.isupper() for c in match.group()) else escaped

    return _WORD.sub(word, text)


def protect(value: str) -> str:
    """Escape and wrap in braces, so that bibliography styles keep the capitals as published."""
    return "{" + escape(value) + "}"


def name(person: Person) -> str:
    """``Kartsev, Dmitry``; ``van der Berg, Jan`` (the lowercase particle is BibTeX's "von"
    part); ``King, Jr., Martin Luther`` (BibTeX's "First von Last, Jr." order); a name of one
    part or an organisation is braced so that it is never split or abbreviated."""
    if not person.given:
        return "{" + escape(person.family) + "}"
    suffix = f", {escape(person.suffix)}" if person.suffix else ""
    return f"{escape(person.family)}{suffix}, {escape(person.given)}"


def names(people: Iterable[Person]) -> str:
    return " and ".join(name(p) for p in people)


def entry(kind: str, key: str, fields: Iterable[tuple[str, str | None]]) -> str:
    """``@kind{key,`` then ``  field = {value},`` for every known value, then ``}``.

    Values are given escaped; ``None`` and empty values are left out.
    """
    present = [(f, v) for f, v in fields if v]
    width = max((len(f) for f, _ in present), default=0)
    lines = [f"@{kind}{{{key},"]
    for f, v in present:
        value = v if f == "month" else f"{{{v}}}"  # months are BibTeX macros: month = feb
        lines.append(f"  {f.ljust(width)} = {value},")
    lines.append("}")
    return "\n".join(lines)
