"""``transcite export``: records as CSL-JSON, BibTeX, BibLaTeX or RIS for other tools, or as a
reference list in any CSL style (``--csl``)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from transcite.cli.options import corpus_from, texts_option
from transcite.core.errors import TransciteError, UsageError
from transcite.core.model import plural
from transcite.exports import export_names, get_exporter
from transcite.storage.atomic import write_output


@click.command("export")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--to", "fmt", metavar="FORMAT",
    help=f"Export format: {', '.join(export_names())}.",
)
@click.option(
    "--csl", metavar="NAME|FILE.csl",
    help="Instead of --to: the reference list of the records in a CSL style, one entry a line "
    "in the style's order, in one pandoc run (needs transcite[csl]).",
)
@click.option(
    "--format", "text_format", default="text", show_default=True, metavar="FORMAT",
    help="With --csl: text, html, markdown or latex.",
)
@click.option("--all", "all_records", is_flag=True, help="Export every record in the corpus.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout ('-' is stdout).",
)
@texts_option
def export_cmd(
    ids: tuple[str, ...], fmt: str | None, csl: str | None, text_format: str,
    all_records: bool, output: Path | None, texts_dir: str,
) -> None:
    """Export records for reference managers and typesetting, one entry per record.

    Every format credits the translator: CSL-JSON and BibLaTeX in their translator fields,
    RIS in A4, BibTeX (which has no such field) in the note. Entry keys are the record ids.
    Field by field: docs/exports.md.

    With --csl the entries are rendered by pandoc's citeproc, all records in one run; a note on
    stderr names each record whose translator the style left out.

    \b
    Example:
      transcite export kartsev-islamists --to biblatex
      transcite export --all --to csl-json -o library.json
      transcite export --all --csl nature --format html
    """
    if (fmt is None) == (csl is None):
        raise UsageError("give one of --to FORMAT or --csl STYLE")
    exporter = get_exporter(fmt) if fmt is not None else None
    corpus = corpus_from(texts_dir)
    if not ids and not all_records:
        raise UsageError("name at least one record ID, or pass --all")
    ids = tuple(dict.fromkeys(ids))  # an id named twice is one entry (keys must be unique)
    records = [corpus.load(i) for i in ids]
    broken: list[TransciteError] = []
    if all_records:  # a broken record is reported, and the others still exported
        for record_id, record in corpus.each():
            if record_id in ids:
                continue
            if isinstance(record, TransciteError):
                broken.append(record)
            else:
                records.append(record)
        if not records and not broken:
            raise UsageError(f"--all: no records in {texts_dir}")
    if csl is not None:
        from transcite import api

        good = tuple(record.id for record in records)
        result = api.cite_csl(corpus, good, csl, "reference", text_format)
        for notice in result.notices:
            click.echo(f"note: {notice}", err=True)
        text = "".join(f"{entry}\n" for entry in result.texts)
    else:
        assert exporter is not None
        text = exporter.export(records) if records else ""
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        write_output(os.fspath(output), text.encode("utf-8"))
    for error in broken:
        click.echo(f"error: {error.message}", err=True)
    if broken:
        raise TransciteError(
            f"{plural(len(broken), 'record')} could not be read and "
            f"{'was' if len(broken) == 1 else 'were'} left out (listed above)"
        )
