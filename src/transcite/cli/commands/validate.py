"""``transcite validate``: check records and the credits that travel with them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from transcite.cli.options import corpus_from, echo_json, format_option, texts_option
from transcite.core.errors import ExitCode, UsageError
from transcite.core.model import plural
from transcite.credits.agencies import ENV_VAR as AGENCIES_VAR
from transcite.credits.agencies import load_registry
from transcite.storage.atomic import remove_stale_temps
from transcite.storage.corpus import Corpus, RecordFile
from transcite.validate.runner import Report, validate_files

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _files(
    corpus: Corpus, record_ids: tuple[str, ...], check_all: bool
) -> list[tuple[str, RecordFile]]:
    """Which files to check; a usage error for nothing asked, both asked, or an unknown id."""
    if check_all and record_ids:
        raise UsageError("give record IDs or --all, not both")
    if check_all:
        ids = corpus.ids()
        if not ids:
            raise UsageError(f"no records in {corpus.root}/ to check (is --texts right?)")
        return [(i, corpus.source(i)) for i in ids]
    if not record_ids:
        raise UsageError("name the records to check (transcite validate ID ...), or pass --all")
    return [(i, corpus.require(i)) for i in dict.fromkeys(record_ids)]


@contextmanager
def _progress(
    files: list[tuple[str, RecordFile]],
) -> Iterator[Iterable[tuple[str, RecordFile]]]:
    """A progress bar on stderr, only when stderr is a terminal and there is more than one."""
    if len(files) < 2 or not sys.stderr.isatty():
        yield files
        return
    with click.progressbar(files, label="Checking records", file=sys.stderr) as bar:
        yield bar


def render_text(report: Report) -> str:
    """One line per finding, ``ID[#block]: severity code: message``, then a summary."""
    lines = []
    for record in report.records:
        for f in record.findings:
            where = record.id + (f"#{f.block}" if f.block else "")
            severity = click.style(f.severity, fg=_COLOURS[f.severity], bold=True)
            lines.append(f"{where}: {severity} {f.code}: {f.message}")
    counts = (
        f"{plural(report.count('error'), 'error')}, "
        f"{plural(report.count('warning'), 'warning')}, {report.count('info')} info"
    )
    lines.append(f"{plural(len(report.records), 'record')} checked: {counts}")
    return "\n".join(lines)


@click.command()
@click.argument("record_ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "check_all", is_flag=True, help="Check every record in the corpus.")
@format_option(["text", "json"])
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit status 1).")
@click.option(
    "--agencies", "agencies_file", envvar=AGENCIES_VAR, metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"TOML file of more known agencies and placeholders (also ${AGENCIES_VAR}).",
)
@texts_option
@click.pass_context
def validate(
    ctx: click.Context,
    record_ids: tuple[str, ...],
    check_all: bool,
    fmt: str,
    strict: bool,
    agencies_file: Path | None,
    texts_dir: str,
) -> None:
    """Check records and their credits; print each finding with how to fix it.

    Checks attribution (author, translator, publisher, URL, date), photos (caption, credit,
    credit line shape, known agencies), consistency (a name written two ways) and integrity
    (schema, ids, numbering, fingerprints, pointers). Findings are errors, warnings or info;
    every code is explained in docs/validate.md.

    Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors or,
    with --strict, warnings.

    \b
    Example:
      transcite validate kartsev-islamists
      transcite validate --all --strict --format json
    """
    registry = load_registry(agencies_file)
    corpus = corpus_from(texts_dir)
    files = _files(corpus, record_ids, check_all)
    removed = remove_stale_temps(corpus.root) if os.path.isdir(corpus.root) else []
    if removed:
        click.echo(
            f"note: removed {plural(len(removed), 'temporary file')} left by interrupted "
            f"writes in {corpus.shown}",
            err=True,
        )
    with _progress(files) as items:
        report = validate_files(items, registry)
    if fmt == "json":
        echo_json(report.to_json(strict))
    else:
        click.echo(render_text(report))
    if report.failed(strict):
        ctx.exit(int(ExitCode.FAILURE))
