"""``transcite credits``: every credit of a text in one place, and a block to paste."""

from __future__ import annotations

import click

from transcite.cli.options import corpus_from, echo_json, format_option, texts_option
from transcite.credits.sheet import SHEET_FORMATS, credit_sheet, render_sheet


@click.command()
@click.argument("record_id", metavar="ID")
@format_option(SHEET_FORMATS)
@texts_option
def credits(record_id: str, fmt: str, texts_dir: str) -> None:
    """Print the credits of ID: story, translation, publisher, each photo, and the credit block.

    The credit block is the last paragraph, ready to paste under a reproduction: "By Dmitry
    Kartsev. Translated by Hilah Kohen. Meduza. Photos: …". Credit lines are given exactly as
    published; what the record lacks is said on stderr (see transcite validate).

    \b
    Example:
      transcite credits kartsev-islamists
      transcite credits kartsev-islamists --format html
    """
    sheet = credit_sheet(corpus_from(texts_dir).load(record_id))
    for gap in sheet.gaps:
        click.echo(f"note: {gap}", err=True)
    if fmt == "json":
        echo_json(sheet.to_json())
    else:
        click.echo(render_sheet(sheet, fmt))
