"""``corpus copy`` of a folder into a database, in batches: the word counts (``terms``) it
leaves are the records' own, counted here from the files, whether the database was empty
(one transaction, the counts written once at the end) or not (a transaction per batch); and
into an empty database each word's row is written once, so that the copy does not grow with
the square of the records (each batch's update left a row version that every later update
walked)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from transcite.cli.main import cli
from transcite.storage.index import words
from transcite.storage.pg import copy
from transcite.storage.pg.copy import to_database, to_folder
from transcite.storage.pg.corpus import PgCorpus
from transcite.storage.tei import record_from_bytes, record_to_bytes

from conftest import DATA, SEED_ID

CHECK = DATA / "check"


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def folder(texts: Path) -> Path:
    """Three records, one of them with two versions (its first version's words are not
    counted: only current blocks are)."""
    for step in (
        ["ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour"],
        ["ingest", str(DATA / "bilingual" / "library-ru.txt"), "--id", "library-ru",
         "--language", "ru"],
        ["revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt")],
    ):
        result = CliRunner().invoke(cli, [*step, "--texts", str(texts)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    shutil.rmtree(texts / ".transcite", ignore_errors=True)
    return texts


def _counted(folder: Path) -> dict[str, int]:
    """Blocks per word over the current blocks of the records' files."""
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("*.xml")):
        record = record_from_bytes(path.read_bytes(), str(path))
        for block in record.blocks:
            counts.update(set(words(block.caption if block.kind == "figure"  # type: ignore[union-attr]
                                    else block.text)))  # type: ignore[union-attr]
    return dict(counts)


def _terms(corpus: PgCorpus) -> dict[str, int]:
    return dict(corpus.conn.execute("SELECT term, df FROM terms").fetchall())


@pytest.mark.parametrize("empty", [True, False], ids=["into an empty database", "batches"])
def test_the_word_counts_are_the_records(
    folder: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, empty: bool
) -> None:
    monkeypatch.setattr(copy, "BATCH", 1)  # a batch per record
    corpus = PgCorpus(pg_url)
    try:
        if not empty:  # one record first: the rest then goes in batches
            first = tmp_path / "first"
            first.mkdir()
            shutil.copy(folder / "library-ru.xml", first)
            assert to_database(str(first), corpus).count == 1
        assert to_database(str(folder), corpus, force=True).count == 3
        assert _terms(corpus) == _counted(folder)
        assert corpus.conn.execute("SELECT count(*) FROM blocks WHERE NOT current").fetchone() \
            == (len(record_from_bytes((folder / f"{SEED_ID}.xml").read_bytes(), "").earlier[0]
                    .blocks),)
    finally:
        corpus.close()


def test_into_an_empty_database_each_word_is_written_once(
    folder: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copy, "BATCH", 1)
    corpus = PgCorpus(pg_url)
    try:
        shared = set(_counted(folder)) & {"the", "and", "of"}
        assert shared  # words of several batches: written batch by batch, rows updated
        assert to_database(str(folder), corpus).count == 3
        conn = corpus.conn
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        # no row version left behind by an update (autovacuum cannot have removed one yet:
        # the table is far under its thresholds)
        assert conn.execute("SELECT dead_tuple_count FROM pgstattuple('terms')").fetchone() \
            == (0,)
        assert _terms(corpus) == _counted(folder)
    finally:
        corpus.close()


# ---------------------------------------------------------------- out of a database

RECORDS = 30


@pytest.fixture
def stored(texts: Path, pg_url: str, tmp_path: Path) -> dict[str, bytes]:
    """A database of 30 records (the seed under 30 ids); their files' bytes by name."""
    seed = record_from_bytes((texts / f"{SEED_ID}.xml").read_bytes(), SEED_ID)
    source = tmp_path / "source"
    source.mkdir()
    files = {}
    for i in range(RECORDS):
        data = record_to_bytes(seed._replace(id=f"r{i:02d}"))
        (source / f"r{i:02d}.xml").write_bytes(data)
        files[f"r{i:02d}.xml"] = data
    corpus = PgCorpus(pg_url)
    try:
        assert to_database(str(source), corpus).count == RECORDS
    finally:
        corpus.close()
    return files


def test_the_copy_into_a_folder_lists_it_once_and_flushes_it_once(
    stored: dict[str, bytes], pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not once per file (each listing of the folder read every file written before it:
    the copy slowed down as it went, ~50 files/s at 100,000 records); every file is still
    flushed to the disk before its rename."""
    out = tmp_path / "out"
    listed: list[str] = []
    real_listdir, real_fsync = os.listdir, os.fsync
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(path) or real_listdir(path))
    synced: list[str] = []

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    corpus = PgCorpus(pg_url)
    try:
        assert to_folder(corpus, str(out)).count == RECORDS
    finally:
        corpus.close()
    assert listed.count(str(out)) <= 2
    assert (synced.count("file"), synced.count("folder")) == (RECORDS, 1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == stored


def _strace(*inject: str, command: list[str]) -> subprocess.CompletedProcess[str]:
    if shutil.which("strace") is None:
        pytest.fail("strace is needed (apt-get install strace; CI installs it)")
    return subprocess.run(
        ["strace", "-f", "-qq", "-o", "/dev/null", *inject, "--", sys.executable, "-m",
         "transcite.cli.main", *command], capture_output=True, text=True, check=False,
    )


def _whole_or_absent(out: Path, stored: dict[str, bytes]) -> list[str]:
    """The records written (each byte for byte the stored one); every other entry must be
    a writer's temporary file."""
    written = []
    for path in out.iterdir():
        if path.name in stored:
            assert path.read_bytes() == stored[path.name], path.name
            written.append(path.name)
        else:
            assert re.fullmatch(r"\.r\d\d\.xml\.\w{8}\.tmp", path.name), path.name
    return written


@pytest.mark.parametrize(("call", "when"), [("write", 1), ("fsync", 2), ("rename", 3)])
def test_a_copy_killed_mid_way_leaves_no_half_file(
    stored: dict[str, bytes], pg_url: str, tmp_path: Path, call: str, when: int
) -> None:
    """kill -9 when a writer thread makes its ``when``-th such call (strace counts each
    thread's calls): every file there is whole, and the same copy again (``--force``) removes
    the dead writers' temporary files and writes every record."""
    out = tmp_path / "out"
    out.mkdir()
    killed = _strace("-e", f"trace={call}", "-e", f"inject={call}:signal=KILL:when={when}",
                     command=["corpus", "copy", pg_url, str(out)])
    assert killed.returncode == -9 or killed.returncode == 137, killed.stderr
    written = _whole_or_absent(out, stored)
    if call == "rename":  # a writer renamed twice, none all 30
        assert 2 <= len(written) < RECORDS
    again = _invoke("corpus", "copy", pg_url, str(out), "--force")
    assert (again.exit_code, again.stderr) == (
        0, f"corpus: {RECORDS} records copied to {out}\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == stored


def test_a_file_that_cannot_be_flushed_stops_the_copy_in_one_line(
    stored: dict[str, bytes], pg_url: str, tmp_path: Path
) -> None:
    """An I/O error on a file's second flush by a writer thread: one line naming the file
    and how many records were copied; the files there are whole, no temporary file left."""
    out = tmp_path / "out"
    failed = _strace("-e", "trace=fsync", "-e", "inject=fsync:error=EIO:when=2",
                     command=["corpus", "copy", pg_url, str(out)])
    written = _whole_or_absent(out, stored)
    assert len(written) < RECORDS
    assert sorted(p.name for p in out.iterdir()) == sorted(written)
    assert failed.returncode == 1
    assert re.fullmatch(
        rf"Error: {re.escape(str(out))}/r\d\d\.xml: cannot write: Input/output error "
        rf"\({len(written)} records copied\)\n", failed.stderr), failed.stderr
