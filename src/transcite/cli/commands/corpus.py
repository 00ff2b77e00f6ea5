"""``transcite list`` and ``transcite index``: the corpus as its index sees it."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from transcite.cli.options import corpus_from, format_option, texts_option
from transcite.core.dates import check_date
from transcite.core.errors import ExitCode, TransciteError
from transcite.storage.corpus import Corpus
from transcite.storage.index import SORT_KEYS, CorpusIndex, ListQuery, listing_json


def print_notes(index: CorpusIndex) -> None:
    for note in index.notes:
        click.echo(f"note: {note}", err=True)
    index.notes.clear()


def print_broken(index: CorpusIndex) -> None:
    for record_id, why in index.broken().items():
        click.echo(f"note: {record_id} left out: {why}", err=True)


class ProgressBar:
    """A progress bar on stderr, started at the first report; only on a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("list")
@format_option(["text", "json"])
@click.option("--author", metavar="NAME", help="Only records with an author whose name has NAME.")
@click.option("--translator", metavar="NAME",
              help="Only records with a translator whose name has NAME.")
@click.option("--publisher", metavar="NAME",
              help="Only records of a publisher whose name has NAME.")
@click.option("--since", metavar="YYYY[-MM[-DD]]", help="Only records published on or after.")
@click.option("--until", metavar="YYYY[-MM[-DD]]", help="Only records published on or before.")
@click.option("--sort", type=click.Choice(SORT_KEYS), default="id", show_default=True,
              help="Order of the records (author: by the first author's family name).")
@click.option("--reverse", is_flag=True, help="Reverse the order.")
@texts_option
def list_cmd(
    fmt: str, author: str | None, translator: str | None, publisher: str | None,
    since: str | None, until: str | None, sort: str, reverse: bool, texts_dir: str,
) -> None:
    """List the records: id, title, authors, translators and block counts.

    The list comes from the corpus index (texts/.transcite/index.sqlite), brought up to date
    first when the folder changed (a record added, removed or saved); a record edited in
    place is seen by transcite index (see docs/corpus.md). NAME filters match any
    part of a name, whatever its case and accents; records with no publication date are left
    out by --since and --until. A file that is not a valid record is reported (exit 1);
    the others are still listed.

    \b
    Example:
      transcite list
      transcite list --translator kohen --since 2018 --sort published --format json
    """
    for value, what in ((since, "--since"), (until, "--until")):
        if value is not None:
            check_date(value, what)
    corpus = corpus_from(texts_dir)
    query = ListQuery(
        author=author, translator=translator, publisher=publisher, since=since, until=until,
        sort=sort, reverse=reverse,  # type: ignore[arg-type]
    )
    index = corpus.index()
    try:
        made = getattr(index, "listing_output", None)  # made, or kept, by the index (SQLite)
        if made is not None:
            shown = made(query, fmt)
        elif fmt == "json":  # each record's JSON is kept in the index, indented by 2
            shown = listing_json(index.records_json(query)).encode("utf-8")
        else:
            shown = _listing_text(index, query).encode("utf-8")
        print_notes(index)
        broken = index.broken()
    finally:
        index.close()
    for record_id, why in broken.items():  # reported, and the others still listed
        click.echo(f"error: {why if record_id in why else f'{record_id}: {why}'}", err=True)
    if shown in (b"", b"[]"):
        if any((author, translator, publisher, since, until)):
            click.echo("note: no record matches", err=True)
        else:
            click.echo(f"note: no records: {corpus.shown} {corpus.state()}", err=True)
    if shown:
        _echo_bytes(shown)
    if broken:
        from transcite.core.model import plural

        raise TransciteError(f"{plural(len(broken), 'record')} could not be read (listed above)")


def _echo_bytes(data: bytes) -> None:
    """Write UTF-8 output and a newline as they are to stdout's bytes (no decoding, no
    re-encoding of 20 MB); as text to a stdout that has no bytes (a ``StringIO``)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        click.echo(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data + b"\n")
    buffer.flush()


def _listing_text(index: CorpusIndex, query: ListQuery) -> str:
    """Each record's id (padded to the longest), title, and credits line under the title."""
    rows = index.listing(query)
    width = max((len(row[0]) for row in rows), default=0) + 2
    pad = " " * width
    return "\n".join(f"{record_id:<{width}}{title}\n{pad}{credits}"
                     for record_id, title, credits in rows)


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Index every record afresh.")
@click.option("--check", is_flag=True,
              help="Only report how the index differs from the folder (exit 1 if it does).")
@click.option("--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="the number of processors", help="Worker processes reading files.")
@texts_option
def index_cmd(rebuild: bool, check: bool, jobs: int, texts_dir: str) -> None:
    """Bring the corpus index up to date, rebuild it, or check it.

    The index (texts/.transcite/index.sqlite) holds each record's metadata and the text of
    every block, so that list and find need not read the TEI files; it is kept in step by
    every write and brought up to date by every read, and can be deleted at any time. A
    summary goes to stderr. See docs/corpus.md.

    \b
    Example:
      transcite index
      transcite index --check
      transcite index --rebuild --jobs 2
    """
    from transcite.core.model import plural

    corpus = corpus_from(texts_dir)
    if type(corpus) is Corpus and not os.path.isdir(corpus.root):
        click.echo(f"note: no records: {corpus.root}/ does not exist", err=True)
        return
    index = corpus.index(jobs=jobs)
    try:
        if check:
            drift = index.check()
            print_notes(index)
            click.echo(f"index: {drift.summary()}", err=True)
            for what, ids in (("added", drift.added), ("changed", drift.changed),
                              ("removed", drift.removed)):
                for record_id in ids:
                    click.echo(f"{what}: {record_id}")
            print_broken(index)
            if drift:
                sys.exit(int(ExitCode.FAILURE))
            return
        if rebuild:
            progress = ProgressBar("indexing")
            try:
                count = index.rebuild(progress)
            finally:
                progress.close()
            print_notes(index)
            click.echo(f"index: {plural(count, 'record')} indexed", err=True)
        else:
            drift = index.refresh(full=True)
            print_notes(index)
            summary = drift.summary()
            if type(corpus) is not Corpus:  # a database is its own index
                summary = f"{summary.replace('folder', 'database')} (the database is the index)"
            click.echo(f"index: {summary}", err=True)
        print_broken(index)
    finally:
        index.close()
