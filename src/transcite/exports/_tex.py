"""What BibTeX and BibLaTeX entries share: field escaping, names, dates and entry layout.

Field values are brace-delimited. BibTeX counts braces without regard to backslashes, so a
literal brace is written ``\\textbraceleft{}`` rather than ``\\{`` (which would unbalance the
field); the other LaTeX specials are escaped as in the rich-text LaTeX backend. URLs are kept
verbatim (``url`` fields are read verbatim by biblatex and by url.sty), with only ``{``, ``}``,
``\\`` and spaces percent-encoded.
"""

from __future__ import annotations

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


def protect(value: str) -> str:
    """Escape and wrap in braces, so that bibliography styles keep the capitals as published."""
    return "{" + escape(value) + "}"


def name(person: Person) -> str:
    """``Kartsev, Dmitry``; a name of one part is braced so that it is never split."""
    if not person.given:
        return "{" + escape(person.family) + "}"
    return f"{escape(person.family)}, {escape(person.given)}"


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
