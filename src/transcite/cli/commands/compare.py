"""``transcite compare``: what changed between two versions of a text, paragraph by paragraph."""

from __future__ import annotations

import os
from pathlib import Path

import click

from transcite.cli.options import colour_wanted, corpus_from, format_option, texts_option
from transcite.compare.comparison import compare_records
from transcite.compare.sources import load_text
from transcite.storage.atomic import write_output


@click.command()
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@format_option(["text", "json", "html"])
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of stdout ('-' is stdout).",
)
@texts_option
def compare(old: str, new: str, fmt: str, output: Path | None, texts_dir: str) -> None:
    """Compare two versions of a text, A (old) and B (new), paragraph by paragraph.

    A and B are record ids, ID@N (version N of a record), record files (.xml) or capture
    files. Paragraphs are aligned by their words (splits, merges, insertions, deletions and
    moves are found), then the words of every aligned pair are compared. Text output starts
    with a summary line; JSON is described in docs/compare.md; HTML is one self-contained
    page, side by side.

    \b
    Example:
      transcite compare kartsev-islamists corrected-capture.txt
      transcite compare kartsev-islamists@1 kartsev-islamists@2 --format html -o diff.html
    """
    if output is not None and str(output) == "-":
        output = None
    corpus = corpus_from(texts_dir)
    comparison = compare_records(load_text(old, corpus), load_text(new, corpus), old, new)
    if fmt == "json":
        import json

        data = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from transcite.compare.html import render_html

        data = render_html(comparison)
    else:
        from transcite.compare.text import render_text

        data = render_text(comparison, colour=output is None and colour_wanted()) + "\n"
    if output is not None:
        write_output(os.fspath(output), data.encode("utf-8"))
        click.echo(str(output))
    else:
        click.echo(data, nl=False)
