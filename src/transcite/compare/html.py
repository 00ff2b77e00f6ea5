"""One self-contained HTML page for a :class:`~transcite.compare.comparison.Comparison`,
built with lxml.

Both versions side by side, one table row per aligned link: deletions are ``<del>`` in the
old column, insertions ``<ins>`` in the new one, so each text reads as it was published with
its changes marked in place. An overview bar down the right edge has one segment per link,
as tall as its text is long and coloured by kind of change, each a link to its row: on a long
text it shows where the changes are. The page needs nothing outside itself: the style sheet is
inline, there are no scripts, fonts or images.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree, html

from transcite.compare.comparison import Change, Comparison, FieldDiff
from transcite.compare.worddiff import Piece

_CSS = """
:root { --del: #ffd7d5; --ins: #c9f2d0; --chg: #f4c542; --split: #6fa8dc; --move: #b48ead; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; margin: 0 2.5rem 2rem 1.5rem;
  color: #1b1b1b; background: #fff; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
h1 { font-size: 1.35rem; margin: 1rem 0 .25rem; }
.sides, .summary { font-family: system-ui, sans-serif; font-size: .9rem; margin: .2rem 0; }
.summary { font-weight: 600; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { font: 600 .85rem system-ui, sans-serif; text-align: left; padding: .3rem .6rem;
  border-bottom: 2px solid #999; position: sticky; top: 0; background: #fff; }
td { vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #eee; }
td p { margin: 0 0 .5rem; }
tr.changed td, tr.split td, tr.merged td, tr.moved td { background: #fffbea; }
tr.inserted td.new { background: #effbf1; }
tr.deleted td.old { background: #fff1f0; }
.id { font: .75rem system-ui, sans-serif; color: #666; margin-right: .4rem; }
.kind { font: 600 .7rem system-ui, sans-serif; text-transform: uppercase; color: #8a6d00;
  margin-left: .3rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: underline; }
.break { color: #1c5fa8; font-weight: 700; }
.credit { font: .85rem system-ui, sans-serif; color: #444; }
figure { margin: 0; }
figcaption { font-style: italic; }
nav.overview { position: fixed; top: 0; right: 0; width: 1.6rem; height: 100vh;
  display: flex; flex-direction: column; border-left: 1px solid #ccc; background: #f6f6f6; }
nav.overview a { display: block; min-height: 2px; }
nav.overview a.changed { background: var(--chg); }
nav.overview a.inserted { background: #3aa655; }
nav.overview a.deleted { background: #d9534f; }
nav.overview a.split, nav.overview a.merged { background: var(--split); }
nav.overview a.moved { background: var(--move); }
"""


def _el(tag: str, parent: etree._Element | None = None, text: str | None = None,
        **attrs: str) -> etree._Element:
    el = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
    for key, value in attrs.items():
        el.set(key.rstrip("_"), value)
    if text is not None:
        el.text = text
    return el


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it in a tail)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _is_break(pieces: Sequence[Piece], k: int) -> bool:
    """A changed white-space piece whose counterpart holds a line break: a split or merge."""
    piece = pieces[k]
    if piece.op == "equal" or piece.text.strip() or "\n" in piece.text:
        return False
    around = [pieces[i] for i in (k - 1, k + 1) if 0 <= i < len(pieces)]
    return any(p.op not in ("equal", piece.op) and "\n" in p.text for p in around)


def _paragraphs(pieces: Sequence[Piece], side: str) -> list[list[tuple[str, str]]]:
    """One side of the pieces, cut into paragraphs where the joined blocks were joined.

    Where the other side has a paragraph break this side has a space: it is shown as a
    pilcrow (``break``), so a split or merge is visible in both columns.
    """
    skip = "insert" if side == "old" else "delete"
    paras: list[list[tuple[str, str]]] = [[]]
    for k, piece in enumerate(pieces):
        if piece.op == skip:
            continue
        if _is_break(pieces, k):
            paras[-1] += [("equal", " "), ("break", "¶"), ("equal", " ")]
            continue
        for k, part in enumerate(piece.text.split("\n")):
            if k:
                paras.append([])
            if part:
                paras[-1].append((piece.op, part))
    return paras


def _fill(cell: etree._Element, change: Change, side: str) -> None:
    blocks = change.old if side == "old" else change.new
    if not blocks:
        return
    ids = [b.id for b in blocks]
    if change.block_kind == "figure":  # a figcaption belongs in a figure (HTML spec)
        cell = _el("figure", cell)
    for diff in change.fields:
        _field(cell, diff, side, ids if diff is change.fields[0] else [], change.block_kind)


def _field(
    cell: etree._Element, diff: FieldDiff, side: str, ids: list[str], block_kind: str
) -> None:
    """The paragraphs of one field, each led by its block id (all ids on the first if unsure)."""
    tag = {"caption": "figcaption", "credit": "p"}.get(diff.field, "p")
    paras = _paragraphs(diff.pieces, side)
    labels = ids if len(ids) == len(paras) else [", ".join(ids)] if ids else []
    for k, para in enumerate(paras):
        el = _el(tag, cell, class_="credit") if diff.field == "credit" else _el(tag, cell)
        if k < len(labels):
            _el("span", el, labels[k], class_="id")
        elif diff.field == "credit":
            el.text = "Credit: "
        for op, text in para:
            if op == "equal":
                _append_text(el, text)
            elif op == "break":
                _el("span", el, text, class_="break", title="paragraph break in the other text")
            else:
                _el("del" if op == "delete" else "ins", el, text)
    if block_kind == "label" and len(cell):
        cell[-1].set("class", "label")


def _row(body: etree._Element, index: int, change: Change) -> None:
    row = _el("tr", body, id=f"c{index}", class_=change.kind)
    for side in ("old", "new"):
        cell = _el("td", row, class_=side)
        _fill(cell, change, side)
        if side == "new" and change.is_change and len(cell):
            first = cell[0][0] if cell[0].tag == "figure" else cell[0]
            _el("span", first, change.kind, class_="kind")


def _overview(body: etree._Element, comparison: Comparison) -> None:
    nav = _el("nav", body, class_="overview")
    nav.set("aria-label", "Where the changes are")
    for index, change in enumerate(comparison.changes):
        size = max(
            sum(len(p.text) for f in change.fields for p in f.pieces if p.op != "insert"),
            sum(len(p.text) for f in change.fields for p in f.pieces if p.op != "delete"),
            1,
        )
        ids = ", ".join(b.id for b in change.new or change.old)
        _el("a", nav, href=f"#c{index}", class_=change.kind,
            title=f"{change.kind} {ids}", style=f"flex: {size} 1 0")


def render_html(comparison: Comparison) -> str:
    """The whole page as a string (UTF-8 declared inside)."""
    page = _el("html", lang=comparison.new.language or "en")
    head = _el("head", page)
    _el("meta", head, charset="utf-8")
    _el("meta", head, name="viewport", content="width=device-width, initial-scale=1")
    title = f"{comparison.old_label} → {comparison.new_label}"
    _el("title", head, f"Compare {title}")
    _el("style", head, _CSS)
    body = _el("body", page)
    header = _el("header", body)
    _el("h1", header, comparison.new.title or comparison.old.title)
    if comparison.title:
        changed = _el("p", header, "Title changed: ", class_="sides")
        for side, sep in (("old", " → "), ("new", "")):
            for op, text in _paragraphs(comparison.title, side)[0]:
                if op == "equal":
                    _append_text(changed, text)
                else:
                    _el("del" if op == "delete" else "ins", changed, text)
            _append_text(changed, sep)
    _el("p", header, title, class_="sides")
    _el("p", header, comparison.summary(), class_="summary")
    _overview(body, comparison)
    table = _el("table", _el("main", body))
    heads = _el("tr", _el("thead", table))
    _el("th", heads, comparison.old_label)
    _el("th", heads, comparison.new_label)
    rows = _el("tbody", table)
    for index, change in enumerate(comparison.changes):
        _row(rows, index, change)
    return str(html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode",
                             method="html")) + "\n"
