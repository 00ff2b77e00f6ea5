"""``transcite quote``: the exact words of a paragraph, sentences or caption, set in a style."""

from __future__ import annotations

import click

from transcite import api
from transcite.cite.citation import check_access_date
from transcite.cite.styles import get_style
from transcite.cli.options import corpus_from, echo_json, style_option, texts_option
from transcite.compare.translation import OriginalOf, original_json, original_text, originals_of
from transcite.core.errors import UsageError
from transcite.core.refs import parse_ref
from transcite.quote.formats import FORMATS, check_format, quotation_json


@click.command()
@click.argument("ref", metavar="REF")
@style_option
@click.option(
    "--format", "fmt", default="text", show_default=True, metavar="FORMAT",
    help=f"Output format: {', '.join(FORMATS)}.",
)
@click.option(
    "--with-reference", is_flag=True,
    help="Append the full reference entry (it names the translator).",
)
@click.option(
    "--link", is_flag=True,
    help="Append a link that opens the live page at the quoted words (#:~:text=).",
)
@click.option(
    "--accessed", metavar="YYYY-MM-DD",
    help="Date you accessed the page (overrides the record's access date).",
)
@click.option(
    "--with-original", is_flag=True,
    help="Print the original paragraph(s) under the quote (linked by transcite align; "
    "text and json).",
)
@texts_option
def quote(
    ref: str, style: str, fmt: str, with_reference: bool, link: bool, accessed: str | None,
    with_original: bool, texts_dir: str,
) -> None:
    """Print the exact words REF points at, set as the style sets quotations, with citation.

    REF is ID#p5 (a paragraph), ID#p5-p7 (paragraphs), ID#p5:s2 or ID#p5:s2-3 (sentences),
    ID#p5:s1,s3 (sentences with an omission, marked by the style's ellipsis) or ID#fig1 (a
    photo caption, always with its credit). The style decides run-in or block quotation, the
    nesting of inner quotation marks, where the citation or note goes and whether it can
    pinpoint the paragraph; notices go to stderr. Rules and sources: docs/quoting.md.

    \b
    Example:
      transcite quote kartsev-islamists#p1:s2 --style apa
      transcite quote kartsev-islamists#p14:s1,s3 --style chicago-notes --format markdown
      transcite quote kartsev-islamists#fig1 --style mla --format html --with-reference
      transcite quote kartsev-islamists#p5 --format annotation
      transcite quote kartsev-islamists@1#p3:s2 --with-original
    """
    parse_ref(ref)  # usage errors in the order of the arguments
    get_style(style)
    check_format(fmt)
    if accessed is not None:
        check_access_date(accessed)
    if with_original and fmt not in ("text", "json"):
        raise UsageError(f"--with-original works with --format text or json, not {fmt}")
    corpus = corpus_from(texts_dir)
    quoted = api.quote(corpus, ref, style, accessed=accessed)
    quotation = quoted.quotation
    excerpt, record = quotation.excerpt, quotation.record
    url = None
    if link or fmt == "json":
        from transcite.quote.textfragment import excerpt_link

        url = excerpt_link(excerpt) if link or record.url else None
    shows_reference = with_reference or fmt in ("json", "annotation")
    notices = quoted.notices(shows_reference)
    originals: list[OriginalOf] = []
    if with_original:
        originals, original_notes = originals_of(excerpt.pinpoint.blocks, record, corpus)
        notices = (*notices, *original_notes)
    for notice in notices:
        click.echo(f"note: {notice}", err=True)
    if with_original and fmt == "json":
        echo_json({**quotation_json(quotation, url), "original": original_json(originals)})
        return
    click.echo(api.render_quote(quotation, fmt, with_reference=with_reference, link=url))
    if originals:
        click.echo(original_text(originals))
