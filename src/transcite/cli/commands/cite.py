"""``transcite cite``: citations of records or of paragraphs or figures in them."""

from __future__ import annotations

import click

from transcite.cite.citation import FORMS, check_access_date, check_form, render_citation
from transcite.cite.styles import get_style
from transcite.cli.options import rich_format_option, style_option, texts_option
from transcite.core.errors import UsageError
from transcite.core.model import Record
from transcite.core.refs import Pinpoint, parse_ref, resolve_ref
from transcite.render.richtext import get_backend
from transcite.storage.corpus import Corpus


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
    parsed = [parse_ref(ref) for ref in refs]
    if csl is not None:
        if ctx.get_parameter_source("style") is not click.core.ParameterSource.DEFAULT:
            raise UsageError("--style and --csl: give one of them")
    else:
        get_style(style)
    check_form(form)
    get_backend(fmt)
    if accessed is not None:
        check_access_date(accessed)
    corpus = Corpus(texts_dir)
    targets: list[tuple[Record, Pinpoint | None]] = []
    notes: list[str] = []
    for ref in parsed:
        record = corpus.load(ref.record_id)
        if ref.version is not None:  # only then: the versions module is not needed otherwise
            from transcite.core.versions import resolve_version

            record, version_notes = resolve_version(ref, record)
            notes += version_notes
        pinpoint = resolve_ref(ref, record)
        if ref.sentences is not None:  # only then: sentence splitting is not needed otherwise
            from transcite.quote.quoting import check_sentences

            check_sentences(record, ref)
        targets.append((record, pinpoint))
    if csl is not None:
        from transcite.cite.csl import render_csl

        output = render_csl(targets, csl, form, fmt, accessed=accessed)
        for notice in (*notes, *output.notices):
            click.echo(f"note: {notice}", err=True)
        for text in output.texts:
            click.echo(text)
        return
    citations = [
        render_citation(record, style, form, pinpoint, accessed=accessed)
        for record, pinpoint in targets
    ]
    for notice in notes:
        click.echo(f"note: {notice}", err=True)
    for citation in citations:
        for notice in citation.notices:
            click.echo(f"note: {notice}", err=True)
        click.echo(citation.render(fmt))
