"""``transcite align``: link a translation's paragraphs to its original's (``@corresp``)."""

from __future__ import annotations

import click

from transcite.cli.options import corpus_from, texts_option
from transcite.compare.translation import align_translation


@click.command()
@click.argument("translation", metavar="TRANSLATION")
@click.argument("original", metavar="ORIGINAL")
@texts_option
def align(translation: str, original: str, texts_dir: str) -> None:
    """Link each paragraph of record TRANSLATION to the paragraph(s) of record ORIGINAL.

    Paragraphs are paired by length (Gale–Church), which works across languages: 1–1, one
    paragraph rendering two (or two rendering one), and paragraphs with no counterpart. The
    links are stored in TRANSLATION as TEI @corresp; running align again replaces them.

    \b
    Example:
      transcite align kartsev-islamists kartsev-islamists-ru
    """
    corpus = corpus_from(texts_dir)
    with corpus.locked(translation):  # read, link and write with no other writer between
        ours, theirs = corpus.load(translation), corpus.load(original)
        aligned = align_translation(ours, theirs)
        path = corpus.save(aligned.record, force=True)
    mine, orig = ours.paragraphs, theirs.paragraphs
    for link in aligned.links:
        left = ", ".join(mine[i].id for i in link.a) or "(none)"
        right = ", ".join(f"{theirs.id}#{orig[j].id}" for j in link.b) or "(none)"
        click.echo(f"{left} ↔ {right}", err=True)
    click.echo(str(path))
