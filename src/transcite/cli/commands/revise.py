"""``transcite revise``: record a new version of a text from a new capture, keeping its ids."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from transcite.cli.options import corpus_from, texts_option
from transcite.compare.revise import Revised, revise_record
from transcite.compare.sources import read_file
from transcite.core.errors import UsageError
from transcite.core.model import check_date


def _report(revised: Revised) -> None:
    """On stderr: the summary, then every block that is new or continues another id."""
    click.echo(revised.comparison.summary(), err=True)
    new_ids = {k for k, v in revised.kept.items() if v is None}
    # the capture's blocks, in order, are the revised record's blocks under their stable ids
    stable = {id(b): revised.record.blocks[k].id
              for k, b in enumerate(revised.comparison.new.blocks)}
    for change in revised.comparison.changes:
        if not change.is_change:
            continue
        old = ", ".join(b.id for b in change.old) or "(none)"
        new = ", ".join(
            f"{nid} (new)" if nid in new_ids else nid
            for nid in (stable[id(b)] for b in change.new)
        ) or "(removed)"
        click.echo(f"{change.kind} {change.block_kind}: {old} → {new}", err=True)


@click.command()
@click.argument("record_id", metavar="ID")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "when", metavar="YYYY-MM-DD",
              help="Date of the new version (default: today, UTC).")
@texts_option
def revise(record_id: str, file: Path, when: str | None, texts_dir: str) -> None:
    """Record a new version of record ID from a new capture FILE, keeping paragraph ids.

    FILE is a capture (read as ingest reads it) or a record file (.xml), whose text is taken.

    Paragraphs of FILE that match one of the record (unchanged, corrected, moved, or the
    first part of a split) keep its id; other blocks get new ids above every id the record
    ever used. Paragraph numbers follow the new order. The earlier version stays in the
    record: see it with show --version N, compare it with compare ID@1 ID@2.

    \b
    Example:
      transcite revise kartsev-islamists corrected-capture.txt
      transcite show kartsev-islamists --version 1
    """
    if when is not None:
        check_date(when, "--date")
    else:
        when = datetime.datetime.now(datetime.UTC).date().isoformat()
    corpus = corpus_from(texts_dir)
    corpus.load(record_id)  # an unknown or broken record is named before FILE is read
    if not file.is_file():
        raise UsageError(f"{file}: no such file; give the new capture")
    capture = read_file(file, record_id)
    with corpus.locked(record_id):  # read, revise and write with no other writer between
        record = corpus.load(record_id)
        revised = revise_record(record, capture, file.name, when)
        path = corpus.save(revised.record, force=True)
    _report(revised)
    for note in revised.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(path))
