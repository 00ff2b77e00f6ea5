"""``transcite list`` and ``transcite show``: read the corpus."""

from __future__ import annotations

import sys
import textwrap

import click

from transcite.cli.options import corpus_from, echo_json, format_option, texts_option
from transcite.core.model import Figure, Label, Paragraph, Record
from transcite.credits.sheet import names

_MARGIN = 6


def _width() -> int:
    if sys.stdout.isatty():
        import shutil

        return max(40, min(shutil.get_terminal_size().columns, 100))
    return 88


def credit_summary(record: Record) -> str:
    """"By A. Translated by B. Publisher." — the credits of the text itself."""
    parts = []
    if record.authors:
        parts.append(f"By {names(record.authors)}.")
    if record.translators:
        parts.append(f"Translated by {names(record.translators)}.")
    if record.publisher:
        parts.append(f"{record.publisher}.")
    return " ".join(parts)


def render_text(record: Record, width: int) -> str:
    """The record for reading: header, then every block with its id in the margin."""
    out = [record.title, credit_summary(record)]
    out.append(f"URL: {record.url or 'unknown'}")
    out.append(
        f"Published: {record.published or 'unknown'} · Accessed: {record.accessed or 'unknown'}"
    )
    section = None
    body_width = width - _MARGIN
    for block in record.blocks:
        out.append("")
        if section is not None and block.section != section:
            out.extend([" " * _MARGIN + "* * *", ""])
        section = block.section
        if isinstance(block, Paragraph):
            lines = textwrap.wrap(block.text, body_width, break_on_hyphens=False) or [""]
        elif isinstance(block, Figure):
            lines = textwrap.wrap(f"[photo] {block.caption}", body_width)
            credit = block.credit.text if block.credit else "(no credit)"
            lines += textwrap.wrap(f"Credit: {credit}", body_width)
        else:
            assert isinstance(block, Label)
            lines = [f"[label] {block.text}"]
        out.append(f"{block.id:<{_MARGIN}}{lines[0]}")
        out.extend(" " * _MARGIN + line for line in lines[1:])
    return "\n".join(out)


@click.command()
@click.argument("record_id", metavar="ID")
@format_option(["text", "json"])
@click.option("--version", "version", type=int, metavar="N",
              help="Show version N of a revised record (default: the current one).")
@texts_option
def show(record_id: str, fmt: str, version: int | None, texts_dir: str) -> None:
    """Print the record ID with paragraph ids in the margin, or as JSON.

    \b
    Example:
      transcite show kartsev-islamists
      transcite show kartsev-islamists --format json
      transcite show kartsev-islamists --version 1
    """
    record = corpus_from(texts_dir).load(record_id)
    if version is not None:
        from transcite.core.versions import record_version

        record = record_version(record, version)
    if fmt == "json":
        echo_json(record.to_json())
    else:
        click.echo(render_text(record, _width()))
