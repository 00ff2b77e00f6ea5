"""``transcite cite``: citations of records or of paragraphs or figures in them."""

from __future__ import annotations

import click

from transcite import api
from transcite.cite.form import FORMS, check_form
from transcite.cite.styles import get_style
from transcite.cli.options import corpus_from, rich_format_option, style_option, texts_option
from transcite.core.errors import UsageError
from transcite.core.refs import parse_ref
from transcite.render.richtext import get_backend


@click.command()
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@style_option
@click.option(
    "--csl", metavar="NAME|FILE.csl",
    help="Any CSL style instead of a built-in one: an id from 'transcite styles' (nature, "
    "din-1505-2, …) or a .csl file; rendered by pandoc (needs transcite[csl]).",
)
@click.option(
    "--form", default="reference", show_default=True, metavar="FORM",
    help=f"What to print: {', '.join(FORMS)} (each style lists the forms it has; a CSL style "
    "has reference and in-text or note, as its class says).",
)
@rich_format_option
@click.option(
    "--accessed", metavar="YYYY-MM-DD",
    help="Date you accessed the page (overrides the record's access date).",
)
@texts_option
@click.pass_context
def cite(
    ctx: click.Context, refs: tuple[str, ...], style: str, csl: str | None, form: str, fmt: str,
    accessed: str | None, texts_dir: str,
) -> None:
    """Print a citation of each REF: a record ID, or ID#p5, ID#p5-p7 or ID#fig1 to pinpoint.

    A REF made against an earlier version of a revised record (ID@1#p5) still resolves; a
    note on stderr says whether the words of its paragraphs changed since that version.

    The translator is always credited. When a style cannot show the requested pinpoint
    (MLA and Chicago do not count unnumbered paragraphs) the citation cites the work as a
    whole and a note on stderr says so. Styles and their rules: docs/styles.md.

    With --csl the REFs are cited in order as in one document, in one pandoc run: a work cited
    again gets the style's subsequent form, and --form reference prints the reference list of
    the works in the style's order. When the style leaves out a translator (ieee.csl does), a
    note on stderr says so.

    \b
    Example:
      transcite cite kartsev-islamists --style apa
      transcite cite kartsev-islamists#p5 --style apa --form in-text
      transcite cite kartsev-islamists#p5-p7 --style chicago-notes --form note --format html
      transcite cite kartsev-islamists@1#p5 --style apa --form in-text
      transcite cite kartsev-islamists#p5 --csl nature --form in-text
    """
    for ref in refs:  # usage errors in the order of the arguments: REFs, style, form, format
        parse_ref(ref)
    if csl is not None:
        if ctx.get_parameter_source("style") is not click.core.ParameterSource.DEFAULT:
            raise UsageError("--style and --csl: give one of them")
    else:
        get_style(style)
    check_form(form)
    get_backend(fmt)
    corpus = corpus_from(texts_dir)
    if csl is not None:
        output = api.cite_csl(corpus, refs, csl, form, fmt, accessed=accessed)
        for notice in output.notices:
            click.echo(f"note: {notice}", err=True)
        for text in output.texts:
            click.echo(text)
        return
    # all citations first: an error in any REF prints nothing but the error
    citations = [api.cite(corpus, ref, style, form, accessed=accessed) for ref in refs]
    for citation in citations:
        for notice in citation.notices:
            click.echo(f"note: {notice}", err=True)
        click.echo(citation.render(fmt))
