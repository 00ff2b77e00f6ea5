"""``transcite cite``: a citation of a record or of a paragraph or figure in it."""

from __future__ import annotations

import click

from transcite import api
from transcite.cite.form import FORMS, check_form
from transcite.cite.styles import get_style
from transcite.cli.options import rich_format_option, style_option, texts_option
from transcite.core.refs import parse_ref
from transcite.render.richtext import get_backend
from transcite.storage.corpus import Corpus


@click.command()
@click.argument("ref", metavar="REF")
@style_option
@click.option(
    "--form", default="reference", show_default=True, metavar="FORM",
    help=f"What to print: {', '.join(FORMS)} (each style lists the forms it has).",
)
@rich_format_option
@click.option(
    "--accessed", metavar="YYYY-MM-DD",
    help="Date you accessed the page (overrides the record's access date).",
)
@texts_option
def cite(
    ref: str, style: str, form: str, fmt: str, accessed: str | None, texts_dir: str
) -> None:
    """Print a citation of REF: a record ID, or ID#p5, ID#p5-p7 or ID#fig1 to pinpoint.

    A REF made against an earlier version of a revised record (ID@1#p5) still resolves; a
    note on stderr says whether the words of its paragraphs changed since that version.

    The translator is always credited. When a style cannot show the requested pinpoint
    (MLA and Chicago do not count unnumbered paragraphs) the citation cites the work as a
    whole and a note on stderr says so. Styles and their rules: docs/styles.md.

    \b
    Example:
      transcite cite kartsev-islamists --style apa
      transcite cite kartsev-islamists#p5 --style apa --form in-text
      transcite cite kartsev-islamists#p5-p7 --style chicago-notes --form note --format html
      transcite cite kartsev-islamists@1#p5 --style apa --form in-text
    """
    parse_ref(ref)  # usage errors in the order of the arguments: REF, style, form, format
    get_style(style)
    check_form(form)
    get_backend(fmt)
    citation = api.cite(Corpus(texts_dir), ref, style, form, accessed=accessed)
    for notice in citation.notices:
        click.echo(f"note: {notice}", err=True)
    click.echo(citation.render(fmt))
