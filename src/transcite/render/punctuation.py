"""US punctuation with quotation marks, applied to a rich-text tree: a period or comma after a
closing quotation mark goes inside it. Used by the styles that follow US practice
(``Style.punctuation_inside_quotes``), imported when first needed."""

from __future__ import annotations

from transcite.render.richtext import Emph, Node, Quoted, Span, plain_text


def punctuation_inside_quotes(node: Node) -> Node:
    """US practice (CMOS 17 6.9, MLA 9 §6.41, APA 7 §6.10): a period or comma that follows a
    closing quotation mark goes inside it, at every depth (“Title,” ‘inner.’”). A period or
    comma after a quotation that already ends in ``?`` or ``!``, or a period after one that
    ends in a period, is dropped (CMOS 6.119, 6.122): “Why?” not “Why?,”."""
    if isinstance(node, Span):
        out: list[Node] = []
        for child in (punctuation_inside_quotes(c) for c in node.children):
            if isinstance(child, str) and child[:1] in (".", ",") and out:
                moved = _into_last_quote(out[-1], child[0])
                if moved is not None:
                    out[-1] = moved
                    child = child[1:]
                    if not child:
                        continue
            out.append(child)
        return Span(tuple(out))
    if isinstance(node, Emph):
        return Emph(punctuation_inside_quotes(node.child))
    if isinstance(node, Quoted):
        return Quoted(punctuation_inside_quotes(node.child), node.british)
    return node


def _into_last_quote(node: Node, mark: str) -> Node | None:
    """``node`` with ``mark`` moved inside the quotation it ends with; ``None`` when it does
    not end with a closing quotation mark."""
    if isinstance(node, Quoted):
        inner = _into_last_quote(node.child, mark)
        if inner is not None:
            return Quoted(inner, node.british)
        text = plain_text(node.child)
        if text.endswith(("?", "!")) or (text.endswith(".") and mark == "."):
            return node
        return Quoted(Span((node.child, mark)), node.british)
    if isinstance(node, str):
        at = _closing_quotes(node)
        if at is None:
            return None
        if node[:at].endswith(("?", "!")) or (node[:at].endswith(".") and mark == "."):
            return node
        return node[:at] + mark + node[at:]
    if isinstance(node, Span) and node.children:
        last = _into_last_quote(node.children[-1], mark)
        return None if last is None else Span((*node.children[:-1], last))
    if isinstance(node, Emph):
        child = _into_last_quote(node.child, mark)
        return None if child is None else Emph(child)
    return None


def _closing_quotes(text: str) -> int | None:
    """Where a final run of closing quotation marks in literal text starts (a title that
    quotes someone: … “a historic success”), or ``None``. A final ’ counts only after a ‘ it
    closes: “Islamists’” ends with an apostrophe."""
    at = len(text)
    while at > 0 and text[at - 1] in "”’":
        mark = text[at - 1]
        opening = "“" if mark == "”" else "‘"
        if text.rfind(opening, 0, at - 1) < 0 or text.rfind(mark, 0, at - 1) > text.rfind(
            opening, 0, at - 1
        ):
            break
        at -= 1
    return at if at < len(text) else None
