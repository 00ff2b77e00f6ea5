"""The forms of a citation and what a style returns: a :class:`Citation`.

Forms (``FORMS``): ``reference`` (bibliography / reference-list / works-cited entry),
``in-text`` (parenthetical or numeric citation), ``note`` (a full first note) and ``short-note``
(a subsequent, shortened note).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from transcite.core.errors import UsageError
from transcite.render.richtext import Node, render

Form = Literal["reference", "in-text", "note", "short-note"]
FORMS: tuple[Form, ...] = ("reference", "in-text", "note", "short-note")


class Citation(NamedTuple):
    """A rendered citation: rich text and the notices to show the user (on stderr)."""

    style: str
    form: Form
    content: Node
    notices: tuple[str, ...] = ()

    def render(self, fmt: str = "text") -> str:
        """The citation in an output format (``text``, ``html``, ``markdown``, ``latex``)."""
        return render(self.content, fmt)


def check_form(form: str) -> Form:
    for known in FORMS:
        if form == known:
            return known
    raise UsageError(f"unknown form {form!r}; choose one of: {', '.join(FORMS)}")
