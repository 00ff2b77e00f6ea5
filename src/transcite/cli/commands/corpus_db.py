"""``transcite corpus init|migrate|copy``: a corpus in PostgreSQL (docs/corpus.md)."""

from __future__ import annotations

import os

import click

from transcite.cli.commands.corpus import ProgressBar
from transcite.core.errors import ExitCode, UsageError
from transcite.core.model import plural
from transcite.storage.corpus import CORPUS_VAR


def _url_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--corpus", "url", envvar=CORPUS_VAR, metavar="URL", required=True,
        help=f"The database: postgresql://USER@HOST/DB (also ${CORPUS_VAR}).",
    )(func)


def _database_url(url: str) -> str:
    from transcite.storage.pg import is_url

    if not is_url(url):
        raise UsageError(f"--corpus {url!r}: give a postgresql:// URL, e.g. "
                         "postgresql://me@db.example.org/news")
    return url


@click.group("corpus")
def corpus_group() -> None:
    """Set up a corpus in PostgreSQL, and copy records between it and a folder.

    A team shares one corpus in a PostgreSQL database: every command then takes
    --corpus postgresql://USER@HOST/DB (or $TRANSCITE_CORPUS) instead of --texts. The
    database must exist (createdb) and use UTF-8; see docs/corpus.md.

    \b
    Example:
      createdb -E UTF8 -T template0 news
      transcite corpus init --corpus postgresql:///news
      transcite corpus copy texts postgresql:///news
      TRANSCITE_CORPUS=postgresql:///news transcite list
    """


@corpus_group.command("init")
@_url_option
def init_cmd(url: str) -> None:
    """Create the corpus tables in an existing, empty database.

    \b
    Example:
      createdb news && transcite corpus init --corpus postgresql:///news
    """
    from transcite.storage.pg import db

    conn = db.connect(_database_url(url))
    try:
        version = db.schema_version(conn)
        if version:
            click.echo(f"corpus: {db.shown(url)} already holds a transcite corpus (schema "
                       f"{version}); transcite corpus migrate brings it up to date", err=True)
            return
        _check_encoding(conn, url)
        db.migrate(conn, url)
        click.echo(f"corpus: {db.shown(url)} is ready (schema {db.latest()})", err=True)
    finally:
        conn.close()


def _check_encoding(conn: object, url: str) -> None:
    from transcite.storage.pg import db

    row = conn.execute("SHOW server_encoding").fetchone()  # type: ignore[attr-defined]
    if row and row[0] != "UTF8":
        raise UsageError(
            f"{db.shown(url)}: the database's encoding is {row[0]}; a corpus needs UTF8 "
            "(createdb -E UTF8 -T template0 NAME)"
        )


@corpus_group.command("migrate")
@_url_option
def migrate_cmd(url: str) -> None:
    """Bring the corpus tables up to this transcite's schema (after an upgrade).

    Each migration (an SQL file shipped with transcite) runs in its own transaction and is
    recorded in the table transcite_schema; running it again changes nothing.

    \b
    Example:
      transcite corpus migrate --corpus postgresql://me@db.example.org/news
    """
    from transcite.storage.pg import db

    conn = db.connect(_database_url(url))
    try:
        if db.schema_version(conn) is None:
            raise UsageError(f"{db.shown(url)}: holds no transcite corpus; run transcite "
                             "corpus init --corpus URL")
        applied = db.migrate(conn, url)
    finally:
        conn.close()
    if applied:
        click.echo(f"corpus: applied {', '.join(applied)}", err=True)
    click.echo(f"corpus: schema {db.latest()}, up to date", err=True)


@corpus_group.command("copy")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--force", is_flag=True, help="Replace records TO already holds.")
@click.option("--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="the number of processors",
              help="Worker processes reading files (into a database).")
def copy_cmd(source: str, target: str, force: bool, jobs: int) -> None:
    """Copy every record from a folder into a database, or from a database into a folder.

    FROM and TO are a folder and a postgresql:// URL, either way round. The TEI documents
    are copied as they are: a folder copied into a database and back holds the same files,
    byte for byte. A file that is not a valid record is reported and left out (exit 1);
    records TO already holds are refused (exit 4) unless --force.

    \b
    Example:
      transcite corpus copy texts postgresql://me@db.example.org/news
      transcite corpus copy postgresql://me@db.example.org/news backup/
    """
    from transcite.storage.pg import is_url
    from transcite.storage.pg.copy import to_database, to_folder
    from transcite.storage.pg.corpus import PgCorpus

    if is_url(source) == is_url(target):
        raise UsageError("corpus copy: give a folder and a postgresql:// URL, one each way "
                         "round (FROM TO)")
    if is_url(target) and not os.path.isdir(source):
        raise UsageError(f"{source.rstrip('/')}/: no such folder to copy from")
    corpus = PgCorpus(target if is_url(target) else source)
    progress = ProgressBar("copying")
    try:
        if is_url(target):
            result = to_database(source.rstrip("/") or "/", corpus, force=force, jobs=jobs,
                                 progress=progress)
        else:
            result = to_folder(corpus, target.rstrip("/") or "/", force=force,
                               progress=progress)
    finally:
        progress.close()
        corpus.close()
    for record_id, why in result.broken.items():
        click.echo(f"error: {why if record_id in why else f'{record_id}: {why}'}", err=True)
    where = corpus.root if is_url(target) else target
    click.echo(f"corpus: {plural(result.count, 'record')} copied to {where}", err=True)
    if result.broken:
        click.echo(f"corpus: {plural(len(result.broken), 'file')} left out (listed above)",
                   err=True)
        raise SystemExit(int(ExitCode.FAILURE))
