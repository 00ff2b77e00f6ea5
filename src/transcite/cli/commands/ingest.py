"""``transcite ingest``: turn a capture into a TEI record in the corpus."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from transcite.cli.options import corpus_from, texts_option
from transcite.core.errors import ConflictError, TransciteError, UsageError
from transcite.core.model import check_date, check_language, plural
from transcite.ingest.batch import ID_RULES
from transcite.ingest.fetch import check_url, fetch, is_url
from transcite.ingest.readers import (
    MAX_CAPTURE_BYTES,
    IngestOptions,
    detect_reader,
    get_reader,
    reader_names,
)
from transcite.storage.corpus import Corpus, check_id
from transcite.storage.inputs import read_capped


def _read_input(file: str) -> bytes:
    """The bytes of a capture file, or of stdin for ``-``, refused beyond the capture cap
    before they are read whole."""
    return read_capped(
        file, MAX_CAPTURE_BYTES, what="the capture", hint="give a capture file"
    )


def _check_values(
    published: str | None, accessed: str | None, language: str | None,
    original_language: str | None,
) -> None:
    """The dates and languages given as options, checked before anything is read."""
    if published:
        check_date(published, "--published")
    if accessed:
        from transcite.cite.citation import check_access_date

        check_access_date(accessed)
    for value, what in ((language, "--language"), (original_language, "--original-language")):
        if value:
            check_language(value, what)


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
    source = sources[0]
    if record_id is None:
        raise UsageError("--id: give the id of the new record (or --id-from title|url|file)")
    check_id(record_id, new=True)
    _check_values(published, accessed, language, original_language)
    if url:
        check_url(url, "--url")
    if is_url(source):
        check_url(source, "URL")
    corpus = corpus_from(texts_dir)
    if corpus.exists(record_id) and not force:
        raise ConflictError(
            f"{corpus.path_for(record_id)} exists; pass --force to replace it, "
            "or choose another --id"
        )
    options = IngestOptions(
        id=record_id, url=url, published=published, accessed=accessed, language=language,
        original_language=original_language, encoding=encoding,
        source_name="<stdin>" if source == "-" else source,
    )
    if is_url(source):
        page = fetch(source)
        data = page.data
        options = replace(
            options, http_charset=page.charset, fetched=page.chain, fetched_on=page.accessed,
            source_name=page.final_url,
        )
        reader = get_reader(source_format or "html")
    else:
        data = _read_input(source)
        if source_format:
            reader = get_reader(source_format)
        else:
            reader = detect_reader(data, options.source_name)
    result = reader.read(data, options)
    report = result.report
    with corpus.locked(record_id):  # exists-then-write with no other writer between
        if force and corpus.exists(record_id):
            report.notes.extend(_replaced(corpus, record_id))
        path = corpus.save(result.record, force=force)
    for line in report.recognised:
        click.echo(f"recognised {line}", err=True)
    for text, reason in report.dropped:
        click.echo(f"dropped ({reason}): {text}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(path))


def _batch(
    sources: tuple[str, ...], record_id: str | None, id_from: str | None,
    from_list: str | None, jobs: int, url: str | None, published: str | None,
    accessed: str | None, language: str | None, original_language: str | None,
    encoding: str | None, source_format: str | None, force: bool, texts_dir: str,
) -> None:
    from transcite.cli.commands.corpus import ProgressBar
    from transcite.ingest.batch import Settings, ingest_many, sources_from

    if record_id is not None:
        raise UsageError("--id names one record; with many captures use --id-from")
    if url is not None:
        raise UsageError("--url is for one capture; with many, each is its own")
    if "-" in sources:
        raise UsageError("- (stdin) is for one capture")
    _check_values(published, accessed, language, original_language)
    items = sources_from(sources, from_list)
    if not items:
        raise UsageError("give capture files, a folder, URLs or --from-list FILE")
    settings = Settings(
        root=texts_dir, id_from=id_from, published=published,  # type: ignore[arg-type]
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


def _replaced(corpus: Corpus, record_id: str) -> list[str]:
    """What --force throws away beyond the old text: earlier versions and align's links."""
    try:
        old = corpus.load(record_id)
    except TransciteError:
        return []  # a broken record: nothing of it can be kept anyway
    lost = []
    if old.earlier:
        lost.append(f"{plural(len(old.earlier), 'earlier version')} and the history")
    if any(p.corresp for p in old.paragraphs):
        lost.append("the links to the original (transcite align)")
    if not lost:
        return []
    return [
        f"{record_id} was replaced with {' and '.join(lost)} it held; restore the old file from "
        f"a copy if you need them (transcite revise {record_id} FILE adds a version and keeps "
        "everything)"
    ]
