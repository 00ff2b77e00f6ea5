"""Every credit of a text in one place, and the credit block to paste under a reproduction.

``credit_sheet(record)`` gathers the story's authors, its translators, the publisher and each
photo's credit line as published; ``sheet.block`` is the ready-to-paste credit block::

    By Dmitry Kartsev. Translated by Hilah Kohen. Meduza. Photos: Sergei Savostyanov / TASS /
    Vida Press; U.S Embassy / Reuters / Scanpix / LETA; Yury Kadobnov / AFP / Scanpix / LETA.

Credit lines are never corrected or shortened here (``transcite validate`` says what looks
wrong); identical photo credits are listed once in the block. ``render_sheet(sheet, fmt)``
prints it as ``text``, ``markdown`` or ``html``: the sheet is a rich-text document
(:func:`sheet_tree`) rendered by the backends of ``transcite.render``, as citations are;
``sheet.to_json()`` is the JSON contract of ``transcite credits --format json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from transcite.core.errors import UsageError
from transcite.core.model import Credit, Person, Record
from transcite.core.text import series
from transcite.credits.lines import strip_credit_label
from transcite.render.richtext import Doc, Emph, Heading, Para, Rows, render, span

SHEET_FORMATS = ("text", "json", "markdown", "html")


@dataclass(frozen=True, slots=True)
class PhotoCredit:
    """One photo: its block id, caption and credit (``None`` when the record has none)."""

    block: str
    caption: str
    credit: Credit | None

    def to_json(self) -> dict[str, Any]:
        return {
            "block": self.block,
            "caption": self.caption,
            "credit": self.credit.to_json() if self.credit else None,
        }


@dataclass(frozen=True, slots=True)
class CreditSheet:
    """The credits of one record."""

    id: str
    title: str
    authors: tuple[Person, ...]
    translators: tuple[Person, ...]
    publisher: str | None
    photos: tuple[PhotoCredit, ...]
    #: the record is a translation (``Record.is_translation``, the one rule)
    translated: bool = False

    @property
    def photo_lines(self) -> list[str]:
        """The distinct photo credit lines, in the order of the photos, each without a
        "Photo:" label of its own (the block says "Photo:" once)."""
        lines = (strip_credit_label(p.credit.text) for p in self.photos if p.credit)
        return list(dict.fromkeys(line for line in lines if line))

    @property
    def block(self) -> str:
        """"By A. Translated by B. Publisher. Photos: X; Y." — what is known of it."""
        sentences = []
        if self.authors:
            sentences.append("By " + names(self.authors))
        if self.translators:
            sentences.append("Translated by " + names(self.translators))
        if self.publisher:
            sentences.append(self.publisher)
        lines = self.photo_lines
        if lines:
            sentences.append(("Photos: " if len(lines) > 1 else "Photo: ") + "; ".join(lines))
        return " ".join(s if s.endswith((".", "!", "?")) else s + "." for s in sentences)

    @property
    def gaps(self) -> list[str]:
        """What the block cannot say because the record lacks it (shown as notes)."""
        out = []
        if not self.authors:
            out.append("no author in the record: the block has no “By …”")
        if self.translated and not self.translators:
            out.append(
                "a translation, but the record names no translator: the block has no "
                "“Translated by …”"
            )
        if not self.publisher:
            out.append("no publisher in the record: the block does not name it")
        out += [
            f"{p.block} has no credit: the block leaves that photo out"
            for p in self.photos if p.credit is None or not p.credit.text.strip()
        ]
        if out:
            out.append("run transcite validate for how to fix the record")
        return out

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract of ``transcite credits --format json``."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": [p.to_json() for p in self.authors],
            "translators": [p.to_json() for p in self.translators],
            "publisher": self.publisher,
            "photos": [p.to_json() for p in self.photos],
            "credit_block": self.block,
        }


def credit_sheet(record: Record) -> CreditSheet:
    photos = tuple(PhotoCredit(f.id, f.caption, f.credit) for f in record.figures)
    return CreditSheet(
        record.id, record.title, record.authors, record.translators, record.publisher, photos,
        translated=record.is_translation,
    )


def names(people: Sequence[Person]) -> str:
    """"A", "A and B", "A, B, and C"."""
    return series([p.full_name for p in people])


def _rows(sheet: CreditSheet) -> list[tuple[str, str]]:
    """``(label, value)`` rows of the sheet; photos one row each."""
    rows = [
        ("Story", names(sheet.authors) or "unknown"),
        ("Translation", names(sheet.translators) or "none recorded"),
        ("Publisher", sheet.publisher or "unknown"),
    ]
    for photo in sheet.photos:
        credit = photo.credit.text.strip() if photo.credit else ""
        rows.append((f"Photo {photo.block}", credit or "no credit"))
    return rows


def sheet_tree(sheet: CreditSheet) -> Doc:
    """The sheet as a rich-text document: heading, one row per credit, the credit block."""
    heading = Heading(span("Credits of ", Emph(sheet.title)), f"{sheet.id}: {sheet.title}")
    rows = Rows(tuple((label, value) for label, value in _rows(sheet)))
    return Doc((heading, rows, Para(sheet.block, "credit-block")), "credits")


def render_sheet(sheet: CreditSheet, fmt: str) -> str:
    """The sheet as ``text``, ``markdown`` or ``html`` (``json``: use ``sheet.to_json()``)."""
    if fmt not in SHEET_FORMATS or fmt == "json":
        raise UsageError(f"unknown format {fmt!r}; choose one of: text, markdown, html")
    return render(sheet_tree(sheet), fmt)
