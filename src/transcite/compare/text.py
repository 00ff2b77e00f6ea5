"""Plain-text report of a :class:`~transcite.compare.comparison.Comparison` for the
terminal or a pipe.

A summary line, then one entry per change: its kind, the ids on each side and the word
differences in context. Without colour, deletions are ``[-…-]`` and insertions ``{+…+}``
(wdiff's markers); with colour (a terminal, no ``NO_COLOR``) they are red struck-through and
green underlined text instead. A paragraph break that a split added is shown as ``{+¶+}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from transcite.compare.comparison import Change, Comparison, FieldDiff
from transcite.compare.worddiff import Piece

#: characters of unchanged text kept on each side of a difference
CONTEXT = 60
_PLAIN = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
_ANSI = {"delete": ("\x1b[31;9m", "\x1b[0m"), "insert": ("\x1b[32;4m", "\x1b[0m")}
_BOLD = ("\x1b[1m", "\x1b[0m")
_PILCROW = "¶"


def _trim(text: str, where: str) -> str:
    """Shorten unchanged text to its end (``head``), start (``tail``) or both (``middle``)."""
    if len(text) <= 2 * CONTEXT + 5 or (where != "middle" and len(text) <= CONTEXT + 5):
        return text
    head = text[:CONTEXT].rsplit(" ", 1)[0] if " " in text[:CONTEXT] else text[:CONTEXT]
    tail = text[-CONTEXT:].split(" ", 1)[-1] if " " in text[-CONTEXT:] else text[-CONTEXT:]
    if where == "head":
        return "… " + tail
    if where == "tail":
        return head + " …"
    return f"{head} … {tail}"


def _is_break_pair(pieces: Sequence[Piece], k: int) -> bool:
    """A whitespace-only piece paired with a whitespace piece that holds a line break."""
    if k + 1 >= len(pieces):
        return False
    a, b = pieces[k], pieces[k + 1]
    return (
        {a.op, b.op} == {"delete", "insert"} and not a.text.strip() and not b.text.strip()
        and ("\n" in a.text) != ("\n" in b.text)
    )


def inline(pieces: Sequence[Piece], colour: bool, full: bool = False) -> str:
    """The pieces as one line, differences marked; unchanged runs trimmed unless ``full``."""
    marks = _ANSI if colour else _PLAIN
    out: list[str] = []
    skip = False
    for k, piece in enumerate(pieces):
        if skip:
            skip = False
            continue
        if piece.op == "equal":
            where = "head" if k == 0 else "tail" if k == len(pieces) - 1 else "middle"
            text = piece.text if full else _trim(piece.text, where)
            out.append(text.replace("\n", f" {_PILCROW} "))
            continue
        if _is_break_pair(pieces, k):
            piece = pieces[k] if "\n" in pieces[k].text else pieces[k + 1]
            skip = True
            text = _PILCROW
        else:
            text = piece.text.replace("\n", f" {_PILCROW} ")
        start, end = marks[piece.op]
        out.append(f"{start}{text}{end}")
    return "".join(out)


def _ids(change: Change) -> str:
    old = ", ".join(b.id for b in change.old) or "(none)"
    new = ", ".join(b.id for b in change.new) or "(none)"
    return f"{old} → {new}"


def _field_lines(change: Change, colour: bool) -> list[str]:
    whole = change.kind in ("inserted", "deleted")
    fields: list[FieldDiff] = [f for f in change.fields if f.changed or whole]
    if not fields:
        return ["  (words unchanged)"]
    lines = []
    for field in fields:
        label = "" if field.field == "text" else f"{field.field}: "
        lines.append(f"  {label}{inline(field.pieces, colour, full=whole)}")
    return lines


def render_text(comparison: Comparison, colour: bool = False) -> str:
    """The whole report: what was compared, the summary, then every change in new order."""
    bold = _BOLD if colour else ("", "")
    out = [f"{comparison.old_label} → {comparison.new_label}", comparison.summary()]
    if comparison.title:
        out += ["", f"{bold[0]}changed{bold[1]} title", f"  {inline(comparison.title, colour)}"]
    for change in comparison.changes:
        if not change.is_change:
            continue
        kind = f"{bold[0]}{change.kind}{bold[1]}"
        out.append("")
        out.append(f"{kind} {change.block_kind} {_ids(change)}")
        out.extend(_field_lines(change, colour))
    return "\n".join(out)
