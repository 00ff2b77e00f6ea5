"""``transcite ingest``: turn a capture into a TEI record in the corpus."""

from __future__ import annotations

from dataclasses import replace

import click

from transcite.cli.options import texts_option
from transcite.core.errors import ConflictError, TransciteError
from transcite.core.model import check_date, check_language, plural
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


@click.command()
@click.argument("source", metavar="FILE|URL")
@click.option("--id", "record_id", required=True, help="Id of the new record (its file name).")
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
    source: str,
    record_id: str,
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
    """
    check_id(record_id, new=True)
    if published:
        check_date(published, "--published")
    if accessed:
        from transcite.cite.citation import check_access_date

        check_access_date(accessed)
    for value, what in ((language, "--language"), (original_language, "--original-language")):
        if value:
            check_language(value, what)
    if url:
        check_url(url, "--url")
    if is_url(source):
        check_url(source, "URL")
    corpus = Corpus(texts_dir)
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
