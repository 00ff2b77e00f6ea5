"""``list`` on a PostgreSQL corpus keeps its whole output in the table ``listings`` (schema 2,
``storage/pg/listing.py``), as the SQLite index keeps it: every output, made or kept, is byte
for byte the folder's for the same records (the folder's is the reference: its index is
checked against the files by the rest of the suite); any change of the records drops it, in
the change's transaction; a change committed while a ``list`` made its output keeps that
output from being stored; a user who cannot write still lists.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.cli.main import cli
from transcite.core.model import Record
from transcite.storage.pg import db, listing
from transcite.storage.pg.copy import to_database
from transcite.storage.pg.corpus import PgCorpus
from transcite.storage.tei import record_from_bytes, record_to_bytes

from conftest import DATA, SEED_ID, command_imports, migrated_database
from test_tei_roundtrip import records, usable_id

CHECK = DATA / "check"
LISTS = [["list"], ["list", "--format", "json"]]


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _kept(url: str) -> dict[str, bytes | None]:
    with psycopg.connect(url, autocommit=True) as conn:
        return {k: None if b is None else bytes(b)
                for k, b in conn.execute("SELECT key, body FROM listings").fetchall()}


def _outputs(where: list[str]) -> list[tuple[int, str, str]]:
    return [(r.exit_code, r.stdout, r.stderr) for r in (_invoke(*c, *where) for c in LISTS)]


@pytest.fixture
def both(texts: Path, pg_url: str) -> Iterator[tuple[list[str], list[str]]]:
    """The seed on both backends: (folder options, database options)."""
    assert _invoke("corpus", "copy", str(texts), pg_url).exit_code == 0
    yield ["--texts", str(texts)], ["--corpus", pg_url]


def test_list_keeps_its_output_and_every_change_drops_it(
    both: tuple[list[str], list[str]], pg_url: str, texts: Path
) -> None:
    folder, database = both
    assert _kept(pg_url) == {}
    made = _outputs(database)
    assert made == _outputs(folder)
    assert _kept(pg_url) == {"text": made[0][1][:-1].encode(), "json": made[1][1][:-1].encode()}
    assert _outputs(database) == made  # from what was kept
    changes = [
        ["ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour"],
        ["revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt")],
        ["ingest", str(DATA / "bilingual" / "library-ru.txt"), "--id", "library-ru",
         "--language", "ru"],
    ]
    for change in changes:
        assert _invoke(*change, *database).exit_code == 0
        assert _kept(pg_url) == {}, change
        assert _invoke(*change, *folder).exit_code == 0
        assert _outputs(database) == _outputs(folder), change
        assert set(_kept(pg_url)) == {"text", "json"}
    # a record removed, a copy into the database, and the rows derived again
    corpus = PgCorpus(pg_url)
    try:
        corpus.remove("library-ru")
        assert _kept(pg_url) == {}
        (texts / "library-ru.xml").unlink()
        assert _outputs(database) == _outputs(folder)
        other = texts.parent / "other"
        other.mkdir()
        seed = record_from_bytes((texts / f"{SEED_ID}.xml").read_bytes(), SEED_ID)
        (other / "zz-copy.xml").write_bytes(record_to_bytes(seed._replace(id="zz-copy")))
        assert _invoke("corpus", "copy", str(other), pg_url).exit_code == 0
        assert _kept(pg_url) == {}
        shutil.copy(other / "zz-copy.xml", texts)
        assert _outputs(database) == _outputs(folder)
        assert b"zz-copy" in (_kept(pg_url)["text"] or b"")
        assert _invoke("index", "--rebuild", *database).exit_code == 0
        assert _kept(pg_url) == {}
        assert _outputs(database) == _outputs(folder)
    finally:
        corpus.close()


def test_a_filtered_or_sorted_list_is_made_each_time_and_not_kept(
    both: tuple[list[str], list[str]], pg_url: str
) -> None:
    folder, database = both
    for command in (["list", "--translator", "kohen"], ["list", "--sort", "title"],
                    ["list", "--reverse", "--format", "json"]):
        on_database = _invoke(*command, *database)
        assert on_database.stdout == _invoke(*command, *folder).stdout != ""
        assert _kept(pg_url) == {}


def _a_write(url: str, record_id: str) -> None:
    """Another client stores a new record (a transaction of its own, committed)."""
    corpus = PgCorpus(url)
    try:
        corpus.save(corpus.load(SEED_ID)._replace(id=record_id))
    finally:
        corpus.close()


def test_a_change_committed_while_the_output_is_made_keeps_it_from_being_kept(
    both: tuple[list[str], list[str]], pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output made from a snapshot before the change is printed, never stored; the
    next ``list`` shows the change. (Made, then stored without the marker, it would be.)"""
    _, database = both
    real = listing.make

    def make_then_write(conn: Any, query: Any, fmt: str) -> bytes:
        body = real(conn, query, fmt)
        _a_write(pg_url, "a-later-one")
        return body

    monkeypatch.setattr(listing, "make", make_then_write)
    first = _invoke("list", *database)
    assert "a-later-one" not in first.stdout
    assert _kept(pg_url) == {}
    monkeypatch.setattr(listing, "make", real)
    assert _invoke("list", *database).stdout.startswith("a-later-one")
    assert set(_kept(pg_url)) == {"text"}


def test_a_write_under_way_keeps_the_output_from_being_kept(
    both: tuple[list[str], list[str]], pg_url: str
) -> None:
    """A transaction that has written a record and not yet committed: ``list`` does not
    wait for it, prints what is committed, and keeps nothing; once it commits, the next
    ``list`` shows it."""
    _, database = both
    before = _invoke("list", *database).stdout
    _a_write(pg_url, "a-second-one")  # drops what was kept
    with psycopg.connect(pg_url) as writer:  # a transaction, left open
        writer.execute("UPDATE records SET title = 'Retitled' WHERE id = %s", (SEED_ID,))
        during = _invoke("list", *database)
        assert during.exit_code == 0 and "Retitled" not in during.stdout
        assert during.stdout.count("\n") == before.count("\n") + 2
        assert _kept(pg_url) == {}
        writer.commit()
    assert "Retitled" in _invoke("list", *database).stdout


def test_a_user_who_cannot_write_lists_and_keeps_nothing(
    both: tuple[list[str], list[str]], pg_server: Any, pg_url: str
) -> None:
    folder, _ = both
    name = pg_url.split("@/", 1)[1].split("?", 1)[0]
    pg_server.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO alice", name)
    reader = pg_server.url(name, user="alice", password="right")
    assert _outputs(["--corpus", reader]) == _outputs(folder)
    assert _kept(pg_url) == {}


def test_the_migration_to_schema_2_keeps_the_records(
    both: tuple[list[str], list[str]], pg_url: str
) -> None:
    """A corpus of schema 1 holding records: ``list`` asks for the migration; after it,
    lists as the folder does."""
    folder, database = both
    with psycopg.connect(pg_url, autocommit=True) as conn:  # back to schema 1
        conn.execute("DROP TABLE listings")
        conn.execute("DROP TRIGGER records_drop_listings ON records")
        conn.execute("DROP FUNCTION transcite_drop_listings")
        conn.execute("DELETE FROM transcite_schema WHERE version = 2")
    result = _invoke("list", *database)
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {db.shown(pg_url)}: corpus schema 1 is older than this transcite's (2); run "
        "transcite corpus migrate --corpus URL\n"))
    result = _invoke("corpus", "migrate", *database)
    assert (result.exit_code, result.stderr) == (
        0, "corpus: applied 0002_listings\ncorpus: schema 2, up to date\n")
    assert _outputs(database) == _outputs(folder)


def test_list_imports_no_reader_of_records(both: tuple[list[str], list[str]]) -> None:
    """``list`` on a database prints what the database made: no TEI reader (nor lxml), no
    rows of a record, no model of one, no search (``psycopg`` is most of what it imports)."""
    _, database = both
    for _ in range(2):  # made, then kept
        stdout, modules = command_imports("list", *database)
        assert stdout.startswith(SEED_ID)
        assert [m for m in modules if m.split(".")[0] == "lxml" or m in (
            "transcite.storage.tei", "transcite.storage.tei_xml", "transcite.storage.pg.rows",
            "transcite.core.model", "transcite.storage.index_files",
            "transcite.storage.sqlite_search", "transcite.storage.sqlite_index",
        )] == []


# ---------------------------------------------------------------- generated records

@pytest.fixture(scope="module")
def listing_db(pg_server: Any) -> str:
    return migrated_database(pg_server, "ls")


@pytest.fixture(scope="module")
def listing_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example (its index brought up to date by each ``list``, rather
    than made anew: most of an example's time)."""
    return tmp_path_factory.mktemp("ls")


@pytest.mark.slow
@given(st.lists(records().filter(usable_id), min_size=1, max_size=3,
                unique_by=lambda r: r.id))
def test_generated_records_list_as_in_a_folder(
    listing_db: str, listing_folder: Path, items: list[Record]
) -> None:
    """Titles, names and ids of every width and script: each output made, then kept, is
    the folder's byte for byte."""
    folder = listing_folder
    for old in folder.glob("*.xml"):
        old.unlink()
    for record in items:
        (folder / f"{record.id}.xml").write_bytes(record_to_bytes(record))
    corpus = PgCorpus(listing_db)
    try:
        with corpus.conn.transaction():
            corpus.conn.execute("TRUNCATE records, versions, blocks, terms")
        assert to_database(str(folder), corpus).count == len(items)
    finally:
        corpus.close()
    expected = _outputs(["--texts", str(folder)])
    assert _outputs(["--corpus", listing_db]) == expected  # made
    assert _outputs(["--corpus", listing_db]) == expected  # kept
    command = ["list", "--sort", "author", "--reverse"]
    assert _invoke(*command, "--corpus", listing_db).stdout == _invoke(
        *command, "--texts", str(folder)).stdout
