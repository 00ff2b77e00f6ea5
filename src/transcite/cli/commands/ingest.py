"""``transcite ingest``: turn a capture into a TEI record in the corpus."""

from __future__ import annotations

import os
import sys

import click

from transcite.cli.options import corpus_from, texts_option
from transcite.core.errors import UsageError
from transcite.core.model import plural
from transcite.ingest.batch import ID_RULES
from transcite.ingest.fetch import is_url
from transcite.ingest.readers import (
    reader_names,
)


@click.command()
@click.argument("sources", nargs=-1, metavar="FILE|URL|FOLDER...")
@click.option("--id", "record_id", help="Id of the new record (its file name).")
@click.option("--id-from", type=click.Choice(ID_RULES),
              help="Make each record's id from the slug of its title, of its URL, or of the "
              "file name (default with many captures: url for URLs, file for files).")
@click.option("--from-list", "from_list", metavar="FILE",
              help="Also ingest every file or URL listed in FILE, one a line (# comments).")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for many captures.")
@click.option("--url", help="URL of the published page.")
@click.option("--published", help="Publication date, YYYY-MM-DD (leave out when unknown).")
@click.option("--accessed", help="Date the page was captured or accessed, YYYY-MM-DD.")
@click.option(
    "--language",
    help="Language of the capture, e.g. ru (default: the page's; en for a text capture in "
    "Latin script).",
)
@click.option("--original-language", help="Language of the original, e.g. ru.")
@click.option("--encoding", help="Encoding of a capture that is not UTF-8, e.g. cp1251.")
@click.option(
    "--from", "source_format", type=click.Choice(reader_names()),
    help="Input format: text (a plain-text capture) or html (a web page); default: detected.",
)
@click.option("--force", is_flag=True, help="Replace an existing record with the same id.")
@texts_option
def ingest(
    sources: tuple[str, ...],
    record_id: str | None,
    id_from: str | None,
    from_list: str | None,
    jobs: int,
    url: str | None,
    published: str | None,
    accessed: str | None,
    language: str | None,
    original_language: str | None,
    encoding: str | None,
    source_format: str | None,
    force: bool,
    texts_dir: str,
) -> None:
    """Read a capture FILE (- for stdin) or fetch a URL; write the record texts/ID.xml.

    Many captures (several FILEs or URLs, a FOLDER of .txt/.html files, --from-list FILE):
    each becomes a record whose id comes from --id-from; each one that fails is reported on
    stderr with its error and the others go on (exit 1 if any failed); a summary ends the run.

    FILE is a plain-text capture or a saved web page (the format is detected, or give
    --from). An http(s) URL is fetched (redirects followed and recorded, access date set to
    today) and read as a web page. What was recognised (headline, credits, counts, and for
    web pages where each value was found) and what was dropped as page furniture is
    reported on stderr; the path of the new record is printed on stdout.

    \b
    Examples:
      transcite ingest capture.txt --id kartsev-islamists --original-language ru \\
          --url https://meduza.io/en/slides/russia-and-the-u-s-are-racing-...
      transcite ingest saved-page.html --id kartsev-islamists
      transcite ingest https://meduza.io/en/slides/russia-and-the-u-s-are-racing-... \\
          --id kartsev-islamists
      transcite ingest captures/ --id-from title --jobs 2
      transcite ingest --from-list urls.txt --id-from url
    """
    if len(sources) != 1 or from_list or id_from or (
        not is_url(sources[0]) and os.path.isdir(sources[0])
    ):
        _batch(sources, record_id, id_from, from_list, jobs, url, published, accessed, language,
               original_language, encoding, source_format, force, texts_dir)
        return
    if record_id is None:
        raise UsageError("--id: give the id of the new record (or --id-from title|url|file)")
    from transcite import api

    done = api.ingest(
        corpus_from(texts_dir), record_id, sources[0], url=url, published=published,
        accessed=accessed, language=language, original_language=original_language,
        encoding=encoding, source_format=source_format, force=force,
        source_name="<stdin>" if sources[0] == "-" else None,
    )
    for line in done.report.recognised:
        click.echo(f"recognised {line}", err=True)
    for text, reason in done.report.dropped:
        click.echo(f"dropped ({reason}): {text}", err=True)
    for note in done.report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(done.path))


def _batch(
    sources: tuple[str, ...], record_id: str | None, id_from: str | None,
    from_list: str | None, jobs: int, url: str | None, published: str | None,
    accessed: str | None, language: str | None, original_language: str | None,
    encoding: str | None, source_format: str | None, force: bool, texts_dir: str,
) -> None:
    from transcite.api import check_values
    from transcite.cli.commands.corpus import ProgressBar
    from transcite.ingest.batch import Settings, ingest_many, sources_from

    if record_id is not None:
        raise UsageError("--id names one record; with many captures use --id-from")
    if url is not None:
        raise UsageError("--url is for one capture; with many, each is its own")
    if "-" in sources:
        raise UsageError("- (stdin) is for one capture")
    check_values(published, accessed, language, original_language)
    items = sources_from(sources, from_list)
    if not items:
        raise UsageError("give capture files, a folder, URLs or --from-list FILE")
    corpus = corpus_from(texts_dir)  # a database (--corpus URL) is named by its URL
    settings = Settings(
        root=getattr(corpus, "url", corpus.root), id_from=id_from, published=published,  # type: ignore[arg-type]
        accessed=accessed, language=language, original_language=original_language,
        encoding=encoding, source_format=source_format, force=force,
    )
    failed = 0
    progress = ProgressBar("ingesting")
    try:
        for outcome in ingest_many(settings, items, jobs=jobs, progress=progress):
            if outcome.error is not None:
                failed += 1
                where = "" if outcome.error.startswith(outcome.source) else f" {outcome.source}"
                click.echo(f"failed{where}: {outcome.error}", err=True)
            else:
                click.echo(outcome.path)
    finally:
        progress.close()
    click.echo(f"ingested {len(items) - failed} of {plural(len(items), 'capture')}"
               + (f"; {failed} failed" if failed else ""), err=True)
    if failed:
        sys.exit(1)
