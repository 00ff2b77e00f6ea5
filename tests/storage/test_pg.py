"""The PostgreSQL corpus backend against a real server (``tests/pg.py``): every command gives
the same output on a folder and on a database holding the same records; ``corpus copy`` is
byte for byte both ways; connection failures and foreign databases are one line with their
exit code; migrations apply once.

The expected outputs here are the folder's: the folder backend is the reference the issue
names ("every command works on either backend with the same output"), and its outputs are
checked against manuals and sources by the rest of the suite.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from transcite.cli.main import cli
from transcite.core.model import Record
from transcite.storage.pg import db
from transcite.storage.pg.copy import to_database, to_folder
from transcite.storage.pg.corpus import PgCorpus
from transcite.storage.tei import record_to_bytes

from conftest import DATA, ROOT, SEED_ID, migrated_database
from test_tei_roundtrip import records, usable_id

Invoke = Callable[..., Result]
CHECK = DATA / "check"
RU = "library-ru"


def _invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def _fill(where: list[str]) -> None:
    """The same corpus on any backend: the seed (already there), a second record, a Russian
    record, and a second version of the seed."""
    steps = [
        ["ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour",
         "--published", "2021-03-04", "--original-language", "et"],
        ["ingest", str(DATA / "bilingual" / "library-ru.txt"), "--id", RU, "--language", "ru"],
        ["revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt"), "--date",
         "2030-01-01"],
    ]
    for step in steps:
        result = _invoke(*step, *where)
        assert result.exit_code == 0, (step, result.stderr)


COMMANDS: list[list[str]] = [
    ["list"],
    ["list", "--format", "json"],
    ["list", "--sort", "published", "--reverse"],
    ["list", "--sort", "author"],
    ["list", "--translator", "KOHEN"],
    ["list", "--since", "2021"],
    ["show", SEED_ID],
    ["show", SEED_ID, "--version", "1"],
    ["show", RU, "--format", "json"],
    ["cite", f"{SEED_ID}#p5", "--style", "apa", "--form", "in-text"],
    ["cite", "sepp-harbour", "--style", "chicago-notes", "--form", "note"],
    ["cite", f"{SEED_ID}@1#p3", "--style", "mla"],
    ["quote", f"{SEED_ID}#p16:s2", "--style", "apa"],
    ["quote", f"{SEED_ID}#fig1", "--style", "mla"],
    ["credits", SEED_ID],
    ["export", SEED_ID, "sepp-harbour", "--to", "ris"],
    ["export", "--all", "--to", "biblatex"],
    ["compare", f"{SEED_ID}@1", f"{SEED_ID}@2"],
    ["validate", "--all"],
    ["validate", SEED_ID, "--format", "json"],
    ["find", "a lively contest to assert their influance"],
    ["find", "the harbour", "--format", "json", "--style", "apa"],
    ["find", "neck and neck", "--record", SEED_ID, "--limit", "2"],
    ["find", "zebra quartz xylophone"],
    ["find", "the of and"],
    ["show", "kartsev"],
    ["check", str(CHECK / "draft.md"), "--format", "json"],
    ["check", str(CHECK / "draft.txt")],
    ["list"],  # again: a database prints what its first list kept (test_pg_listing.py)
    ["list", "--format", "json"],
]


def _ru_query() -> str:
    """Eight words from the middle of the Russian capture's longest line."""
    lines = (DATA / "bilingual" / "library-ru.txt").read_text("utf-8").splitlines()
    words = max(lines, key=len).split()
    middle = len(words) // 2
    return " ".join(words[max(0, middle - 4) : middle + 4])


def test_every_command_gives_the_same_output_on_both_backends(
    texts: Path, pg_url: str
) -> None:
    result = _invoke("corpus", "copy", str(texts), pg_url)
    assert result.exit_code == 0, result.stderr
    folder, database = ["--texts", str(texts)], ["--corpus", pg_url]
    _fill(folder)
    _fill(database)

    def same(text: str) -> str:
        text = re.sub(re.escape(str(texts)) + r"/([\w.-]+)\.xml", r"<corpus>#\1", text)
        return text.replace(f"{texts}/", "<corpus>").replace(db.shown(pg_url), "<corpus>")

    for command in [*COMMANDS, ["find", _ru_query()]]:
        on_folder = _invoke(*command, *folder)
        on_database = _invoke(*command, *database)
        assert (on_database.exit_code, same(on_database.stdout), same(on_database.stderr)) == (
            on_folder.exit_code, same(on_folder.stdout), same(on_folder.stderr)
        ), command
    # the Russian record is found from its own words on both
    assert _invoke("find", _ru_query(), *database).stdout.startswith(f"{RU}#")


def test_ingest_and_revise_name_the_record_by_its_url(texts: Path, pg_url: str) -> None:
    shown = db.shown(pg_url)
    result = _invoke("ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour",
                     "--corpus", pg_url)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, f"{shown}#sepp-harbour")
    result = _invoke("ingest", str(CHECK / "harbour-capture.txt"), "--id", "sepp-harbour",
                     "--corpus", pg_url)
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {shown}#sepp-harbour exists; pass --force to replace it, or choose "
           "another --id\n")


@pytest.fixture(scope="module")
def round_trip_db(pg_server: Any) -> str:
    return migrated_database(pg_server, "rt")


@given(st.lists(records().filter(usable_id), min_size=1, max_size=3,
                unique_by=lambda r: r.id))
def test_copy_is_byte_for_byte_both_ways(
    round_trip_db: str, tmp_path_factory: pytest.TempPathFactory, items: list[Record]
) -> None:
    """Folder -> database -> folder: the same files, byte for byte (Hypothesis records)."""
    source, back = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("back")
    for record in items:
        (source / f"{record.id}.xml").write_bytes(record_to_bytes(record))
    corpus = PgCorpus(round_trip_db)
    try:
        with corpus.conn.transaction():  # a fresh corpus for each example
            corpus.conn.execute("TRUNCATE records, versions, blocks, terms")
        assert to_database(str(source), corpus).count == len(items)
        assert to_folder(corpus, str(back)).count == len(items)
        for record in items:
            assert corpus.load(record.id) == record
            stored = corpus.conn.execute(
                "SELECT n FROM versions WHERE record_id = %s ORDER BY n", (record.id,)
            ).fetchall()
            assert [n for (n,) in stored] == list(range(1, record.version + 1))
    finally:
        corpus.close()
    assert sorted(p.name for p in back.iterdir()) == sorted(p.name for p in source.iterdir())
    for path in source.iterdir():
        assert (back / path.name).read_bytes() == path.read_bytes()


def test_copy_reports_broken_files_and_refuses_existing_records(
    texts: Path, pg_url: str, tmp_path: Path
) -> None:
    (texts / "broken.xml").write_text("<not a record", encoding="utf-8")
    result = _invoke("corpus", "copy", str(texts), pg_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error: {texts}/broken.xml: ")
    assert result.stderr.splitlines()[1:] == [
        f"corpus: 1 record copied to {db.shown(pg_url)}",
        "corpus: 1 file left out (listed above)",
    ]
    result = _invoke("corpus", "copy", str(texts), pg_url)
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {db.shown(pg_url)} already holds {SEED_ID}; pass --force to replace them "
           "(nothing was copied)\n")
    assert _invoke("corpus", "copy", str(texts), pg_url, "--force").exit_code == 1
    out = tmp_path / "out"
    assert _invoke("corpus", "copy", pg_url, str(out)).exit_code == 0
    assert (out / f"{SEED_ID}.xml").read_bytes() == (texts / f"{SEED_ID}.xml").read_bytes()
    result = _invoke("corpus", "copy", pg_url, str(out))
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {out}/ already holds {SEED_ID}; pass --force to replace them (nothing was "
           "copied)\n")
    result = _invoke("corpus", "copy", str(texts), str(out))
    assert (result.exit_code, result.stderr) == (
        2, "Error: corpus copy: give a folder and a postgresql:// URL, one each way round "
           "(FROM TO)\n")


def test_connection_failures_are_one_line_exit_5(pg_server: Any, tmp_path: Path) -> None:
    missing = pg_server.url("nosuchdb")
    result = _invoke("list", "--corpus", missing)
    assert (result.exit_code, result.stdout, result.stderr) == (5, "", (
        f"Error: {missing}: cannot connect: database \"nosuchdb\" does not exist (create it "
        "with createdb, then transcite corpus init)\n"))
    wrong = pg_server.url(pg_server.new_database(), user="alice", password="wrong")
    result = _invoke("show", SEED_ID, "--corpus", wrong)
    assert "wrong" not in result.stderr
    assert (result.exit_code, result.stderr) == (5, (
        f"Error: {db.shown(wrong)}: cannot connect: password authentication failed for user "
        "\"alice\" (check the user and password in the URL, or ~/.pgpass)\n"))
    assert db.shown(wrong).startswith("postgresql://alice:***@/")
    nobody = f"postgresql://transcite@/x?host={tmp_path}"
    result = _invoke("list", "--corpus", nobody)
    assert result.exit_code == 5
    assert result.stderr == (
        f"Error: {nobody}: cannot connect: connection to server on socket "
        f"\"{tmp_path}/.s.PGSQL.5432\" failed: No such file or directory (is the server "
        "running, and is the host right?)\n")


def test_a_database_that_is_not_a_corpus_of_this_schema(pg_server: Any) -> None:
    name = pg_server.new_database()
    url = pg_server.url(name)
    result = _invoke("list", "--corpus", url)
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {url}: holds no transcite corpus; run transcite corpus init --corpus URL\n"))
    result = _invoke("corpus", "migrate", "--corpus", url)
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {url}: holds no transcite corpus; run transcite corpus init --corpus URL\n"))
    result = _invoke("corpus", "init", "--corpus", url)
    assert (result.exit_code, result.stderr) == (0, f"corpus: {url} is ready (schema 2)\n")
    result = _invoke("corpus", "init", "--corpus", url)
    assert (result.exit_code, result.stderr) == (0, (
        f"corpus: {url} already holds a transcite corpus (schema 2); transcite corpus "
        "migrate brings it up to date\n"))
    result = _invoke("corpus", "migrate", "--corpus", url)
    assert (result.exit_code, result.stderr) == (0, "corpus: schema 2, up to date\n")
    assert pg_server.psql("SELECT version, name FROM transcite_schema", name) == \
        "1|corpus\n2|listings\n"
    pg_server.psql("INSERT INTO transcite_schema VALUES (7, 'future')", name)
    result = _invoke("list", "--corpus", url)
    assert (result.exit_code, result.stderr) == (3, (
        f"Error: {url}: corpus schema 7 is newer than this transcite's (2); upgrade "
        "transcite\n"))
    result = _invoke("corpus", "init", "--corpus", "texts")
    assert (result.exit_code, result.stderr) == (2, (
        "Error: --corpus 'texts': give a postgresql:// URL, e.g. "
        "postgresql://me@db.example.org/news\n"))


def test_which_corpus(texts: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
                      tmp_path: Path) -> None:
    """--corpus or $TRANSCITE_CORPUS, but --texts on the command line wins over the
    environment; --corpus DIR is a folder; both options at once are refused."""
    _invoke("corpus", "copy", str(texts), pg_url)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("TRANSCITE_CORPUS", pg_url)
    assert _invoke("list", "--format", "json").stdout.count('"id"') == 1
    result = _invoke("list", "--texts", str(empty))
    assert (result.stdout, result.stderr) == ("", f"note: no records: {empty}/ is empty\n")
    monkeypatch.delenv("TRANSCITE_CORPUS")
    assert _invoke("list", "--corpus", str(texts), "--format", "json").stdout.count(
        '"id"') == 1
    result = _invoke("list", "--corpus", pg_url, "--texts", str(texts))
    assert (result.exit_code, result.stderr) == (
        2, "Error: give --texts DIR or --corpus URL, not both\n")


def test_index_on_a_database_has_nothing_to_do(texts: Path, pg_url: str) -> None:
    _invoke("corpus", "copy", str(texts), pg_url)
    result = _invoke("index", "--corpus", pg_url)
    assert (result.exit_code, result.stderr) == (
        0, "index: in step with the database (the database is the index)\n")
    result = _invoke("index", "--rebuild", "--corpus", pg_url)
    assert (result.exit_code, result.stderr) == (0, "index: 1 record indexed\n")
    result = _invoke("find", "a lively contest to assert their influence", "--corpus", pg_url)
    assert result.stdout.startswith(f"{SEED_ID}#p1:s3  100\n")


def test_every_word_misspelt_is_still_found_by_trigrams(texts: Path, pg_url: str) -> None:
    """No word of the query is in the corpus: FTS5 finds nothing, pg_trgm finds the
    paragraph (the one place the backends differ, on purpose: docs/corpus.md)."""
    _invoke("corpus", "copy", str(texts), pg_url)
    query = "influance"  # in no block: no word to look up, no phrase to match
    assert _invoke("find", query, "--texts", str(texts)).exit_code == 1
    result = _invoke("find", query, "--corpus", pg_url)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{SEED_ID}#p1:s3  ")


def test_the_seed_record_is_stored_as_its_file(texts: Path, pg_url: str) -> None:
    """The TEI bytes in the database are the file's; blocks, versions and counts as read."""
    _invoke("corpus", "copy", str(texts), pg_url)
    corpus = PgCorpus(pg_url)
    try:
        assert corpus.tei(SEED_ID) == (ROOT / "texts" / f"{SEED_ID}.xml").read_bytes()
        kinds = corpus.conn.execute(
            "SELECT kind, count(*) FROM blocks WHERE current GROUP BY kind ORDER BY kind"
        ).fetchall()
        assert kinds == [("figure", 3), ("label", 1), ("paragraph", 16)]
    finally:
        corpus.close()
    shutil.rmtree(texts)


def test_the_reading_room_serves_a_database_as_it_serves_the_folder(
    texts: Path, pg_url: str
) -> None:
    import httpx

    from serving import running

    _invoke("corpus", "copy", str(texts), pg_url)
    paths = ["/", f"/records/{SEED_ID}", "/api/records", f"/api/records/{SEED_ID}",
             f"/api/records/{SEED_ID}/credits", f"/api/quote?ref={SEED_ID}%23p16:s2&style=mla",
             "/api/records/nope"]
    pages = {}
    for location in (str(texts), pg_url):
        with running(location) as server:
            pages[location] = [
                (r.status_code, r.text.replace(server.url, "<url>").replace(
                    f"{texts}/", "<corpus>").replace(db.shown(pg_url), "<corpus>"))
                for r in (httpx.get(server.url + path.lstrip("/")) for path in paths)
            ]
    assert pages[pg_url] == pages[str(texts)]
    assert [status for status, _ in pages[pg_url]] == [200] * 6 + [400]
