"""``transcite find``: where a passage is in the corpus."""

from __future__ import annotations

import sys

import click

from transcite.api import find as api_find
from transcite.cli.options import corpus_from, echo_json, format_option, texts_option
from transcite.core.errors import ExitCode
from transcite.find import Hit


def _marked(hit: Hit) -> str:
    """The matched words with the query's words [-struck-] and the record's {+added+}."""
    parts = []
    for piece in hit.diff:
        if piece.op == "equal":
            parts.append(piece.text)
        elif piece.op == "delete":
            parts.append(f"[-{piece.text}-]")
        else:
            parts.append(f"{{+{piece.text}+}}")
    return "".join(parts)


@click.command("find")
@click.argument("query", metavar="QUERY")
@format_option(["text", "json"])
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="At most this many hits.")
@click.option("--record", "record_id", metavar="ID", help="Search record ID only.")
@click.option("--style", metavar="STYLE",
              help="Print the citation of each hit in this style (e.g. apa).")
@texts_option
def find_cmd(
    query: str, fmt: str, limit: int, record_id: str | None, style: str | None, texts_dir: str
) -> None:
    """Find the paragraphs, sentences and captions that hold QUERY, exact or approximate.

    A misremembered word or two, curly or straight quotes, dashes, case and accents do not
    stop a match. Hits are printed best first: the REF to use (ID#p14:s1), the score
    (100: the same words), the record's title and credits, and the matched words with the
    differences from QUERY marked ([-your words-]{+the record's+}). Exit 1 when nothing
    matches. See docs/corpus.md.

    \b
    Example:
      transcite find "a lively contest to assert their influence"
      transcite find "neck and neck" --record kartsev-islamists --style apa
      transcite find "deal of the century" --format json --limit 3
    """
    found = api_find(corpus_from(texts_dir), query, limit=limit, record_id=record_id,
                     style=style)
    for note in found.notices:
        click.echo(f"note: {note}", err=True)
    hits, citations = found.hits, found.citations
    if fmt == "json":
        echo_json([hit.to_json(citation) for hit, citation in zip(hits, citations, strict=True)])
    else:
        out = []
        for hit, citation in zip(hits, citations, strict=True):
            rec = hit.record
            out.append(f"{hit.ref}  {hit.score:.0f}")
            if rec is not None:
                credits = f"by {', '.join(rec.authors) or 'unknown author'}"
                if rec.translators:
                    credits += f", translated by {', '.join(rec.translators)}"
                out.append(f"  {rec.title} — {credits}")
            out.append(f"  {_marked(hit)}")
            if citation:
                out.append(f"  {citation}")
            out.append("")
        if out:
            click.echo("\n".join(out[:-1]))
    if not hits:
        click.echo("note: no paragraph or caption matches", err=True)
        sys.exit(int(ExitCode.FAILURE))
