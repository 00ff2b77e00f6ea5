"""``transcite check``: every quotation and citation of a manuscript checked against the corpus."""

from __future__ import annotations

import os
import sys

import click

from transcite.cli.options import corpus_from, echo_json, format_option, texts_option
from transcite.core.errors import DataError, ExitCode


def _read(path: str) -> tuple[bytes, str, str | None]:
    """The bytes of the manuscript (``-``: stdin), its name and its folder."""
    from transcite.check.manuscript import MAX_BYTES

    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>", None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder; give a manuscript file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    return data, path, os.path.dirname(os.path.abspath(path))


@click.command("check")
@click.argument("manuscript", metavar="MANUSCRIPT")
@click.option("--style", default="apa", show_default=True, metavar="STYLE",
              help="The citation style the manuscript follows (pinpoints, suggestions).")
@format_option(["text", "json", "html"])
@click.option("--input-format", "input_format",
              type=click.Choice(["plain", "markdown", "html", "latex", "docx"]),
              help="The manuscript's format (default: from its suffix, else its content).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--all", "all_quotes", is_flag=True,
              help="Report short quotations (under five words) even when they match nothing.")
@click.option("--reuse", is_flag=True,
              help="Also report passages of 20 words or more of the corpus used without "
              "quotation marks (one search every 10 words: slower).")
@texts_option
def check(manuscript: str, style: str, fmt: str, input_format: str | None, strict: bool,
          all_quotes: bool, reuse: bool, texts_dir: str) -> None:
    """Check every quotation and citation of MANUSCRIPT against the corpus.

    MANUSCRIPT is Markdown, plain text, HTML, LaTeX or DOCX (- for stdin). Each quotation
    (inline in any quotation marks, or a block quotation) is located in the corpus and
    judged: exact, marked (only changes the style allows: ellipses, [brackets], [sic], the
    first letter's case), altered (words changed without a mark: the word diff is shown),
    not-found, or wrong-source (found in another record than the one cited). The citation
    after it is checked (pinpoint paragraph, year, the translator in the reference list) and
    the right one suggested. Exit 0 when every quotation is exact or marked and every
    citation right, 1 otherwise (--strict: warnings too). See docs/check.md.

    \b
    Example:
      transcite check draft.md
      transcite check paper.tex --style chicago-notes --format json
    """
    from transcite.check import check_manuscript, read_manuscript

    data, name, folder = _read(manuscript)
    parsed = read_manuscript(data, name, input_format, folder)
    report = check_manuscript(corpus_from(texts_dir), parsed, style=style,
                              all_quotes=all_quotes, reuse=reuse)
    for note in parsed.notes:
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        from transcite.check.report import to_json

        echo_json(to_json(report))
    elif fmt == "html":
        from transcite.check.html import render_html

        click.echo(render_html(report), nl=False)
    else:
        from transcite.check.report import render_text

        click.echo(render_text(report))
    if report.failed(strict):
        sys.exit(int(ExitCode.FAILURE))
