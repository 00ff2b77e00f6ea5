"""The corpus index: kept in step with the folder, never trusted when it is not ours."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from lxml import etree

from transcite.core.model import Person, Record
from transcite.storage import index_files, sqlite_index, sqlite_schema
from transcite.storage.corpus import Corpus
from transcite.storage.index import ListQuery, RecordSummary, fold
from transcite.storage.index_files import entry_rows
from transcite.storage.sqlite_index import SCHEMA_VERSION, SqliteIndex, index_path
from transcite.storage.tei import parse_bytes, record_to_bytes, tree_to_record
from transcite.storage.tei_index import index_entry
from transcite.storage.tei_xml import limits_problem

from conftest import SEED_ID, SEED_TITLE
from test_tei_roundtrip import records

Run = Callable[..., Result]


def _seed(texts: Path) -> Record:
    return Corpus(texts).load(SEED_ID)


def _write(texts: Path, record: Record) -> None:
    """A change behind the index's back: the file written directly, as an editor would."""
    (texts / f"{record.id}.xml").write_bytes(record_to_bytes(record))


def _titles(texts: Path) -> dict[str, str]:
    index = Corpus(texts).index()
    try:
        return {r.id: r.title for r in index.records()}
    finally:
        index.close()


@given(records())
def test_the_index_reads_what_the_record_reader_reads(record: Record) -> None:
    """index_entry (the quick reader the index uses) agrees with tree_to_record."""
    root = parse_bytes(record_to_bytes(record), "x")
    entry = index_entry(root)
    full = tree_to_record(root)
    summary = RecordSummary.of(full)
    assert (entry.id, entry.title, entry.language, entry.publisher, entry.url,
            entry.published, entry.accessed, entry.version) == (
        summary.id, summary.title, summary.language, summary.publisher, summary.url,
        summary.published, summary.accessed, summary.version)
    assert entry.authors == full.authors
    assert entry.translators == full.translators
    expected = []
    for block in full.blocks:
        if block.kind == "paragraph":
            expected.append((block.id, "paragraph", block.fingerprint, block.text))
        elif block.kind == "figure":
            expected.append((block.id, "figure", None, block.caption))
        else:
            expected.append((block.id, "label", None, block.text))
    assert list(entry.blocks) == expected
    head, rows = entry_rows(entry, 0, 0, "")
    # list --format json prints the kept JSON text: json's own indented output of the summary
    assert head[-1] == json.dumps(full.summary_json(), ensure_ascii=False, indent=2)
    assert head[11:13] == tuple(json.dumps(list(names), ensure_ascii=False)
                                for names in (summary.authors, summary.translators))
    assert [row[5] for row in rows] == [fold(block[3]) for block in expected]


@pytest.mark.parametrize(
    "n", ["1", "+0000000000001", " 999999999 ", "1000000000", "00012345678901"]
)
def test_the_quick_limits_check_agrees_with_the_walk(texts: Path, n: str) -> None:
    """limits_problem given the file's bytes looks only at n numbers; its answer is the walk's."""
    data = (texts / f"{SEED_ID}.xml").read_bytes().replace(
        b'<p xml:id="p2" n="2"', f'<p xml:id="p2" n="{n}"'.encode(), 1)
    root = etree.fromstring(data)
    assert limits_problem(root, data) == limits_problem(root)
    assert (limits_problem(root) is None) == (len(n.strip().lstrip("+").lstrip("0")) <= 9)


def test_records_added_changed_and_removed_behind_its_back_are_seen(texts: Path) -> None:
    seed = _seed(texts)
    assert _titles(texts) == {SEED_ID: SEED_TITLE}
    _write(texts, seed._replace(id="second", title="Second"))
    _write(texts, seed._replace(title="Changed title"))
    assert _titles(texts) == {SEED_ID: "Changed title", "second": "Second"}
    (texts / "second.xml").unlink()
    assert _titles(texts) == {SEED_ID: "Changed title"}


def test_a_change_within_the_clock_tick_is_seen(
    texts: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same size, same modification time, other content: seen because a file indexed less
    than two seconds after it was written is hashed again next time. (The window is
    widened here so that a loaded machine, slow between the fixture's write and the first
    indexing, cannot turn the test into one of timing.)"""
    for module in (index_files, sqlite_index):
        monkeypatch.setattr(module, "RACY_SECONDS", 3600.0)
    path = texts / f"{SEED_ID}.xml"
    before = os.stat(path)
    assert _titles(texts) == {SEED_ID: SEED_TITLE}
    data = path.read_bytes().replace(b"neck and neck.</title>", b"neck and NECK.</title>")
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert _titles(texts) == {SEED_ID: SEED_TITLE.replace("neck.", "NECK.")}


def test_check_reports_drift_and_changes_nothing(run: Run, texts: Path) -> None:
    assert run("index").stderr == "index: 1 record added\n"
    seed = _seed(texts)
    _write(texts, seed._replace(id="new-one"))
    _write(texts, seed._replace(title="Changed"))
    result = run("index", "--check")
    assert (result.exit_code, result.stdout) == (1, "added: new-one\nchanged: kartsev-islamists\n")
    assert result.stderr == "index: 1 record added, 1 record changed\n"
    assert run("index", "--check").exit_code == 1  # still drifted: --check wrote nothing
    assert run("index").stderr == "index: 1 record added, 1 record changed\n"
    result = run("index", "--check")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", "index: in step with the folder\n")


def test_rebuild(run: Run, texts: Path) -> None:
    _write(texts, _seed(texts)._replace(id="other"))
    result = run("index", "--rebuild", "--jobs", "1")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.endswith("index: 2 records indexed\n")
    assert _titles(texts) == {SEED_ID: SEED_TITLE, "other": SEED_TITLE}


def test_a_broken_record_is_reported_and_the_others_listed(run: Run, texts: Path) -> None:
    (texts / "broken.xml").write_text("<TEI>not a record", encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1  # as `export --all` (issue 18): the listing is not whole
    assert result.stdout.startswith(SEED_ID)
    assert result.stderr.startswith("error: ")
    assert "broken" in result.stderr.splitlines()[0]
    assert "not well-formed XML" in result.stderr
    assert result.stderr.endswith("Error: 1 record could not be read (listed above)\n")


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b""],
    ids=["garbage", "empty"],
)
def test_a_corrupt_index_is_rebuilt_with_a_note(run: Run, texts: Path, content: bytes) -> None:
    path = Path(index_path(str(texts)))
    path.parent.mkdir()
    path.write_bytes(content)
    result = run("list")
    assert result.exit_code == 0
    assert SEED_TITLE in result.stdout
    if content:
        assert result.stderr.startswith(f"note: {path} is not a transcite index, or is damaged")
        assert result.stderr.endswith("; it was rebuilt\n")
    else:
        assert result.stderr == ""  # an empty file is simply an index not yet made


def test_a_foreign_database_is_not_trusted(run: Run, texts: Path) -> None:
    path = Path(index_path(str(texts)))
    path.parent.mkdir()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE records(id TEXT, title TEXT)")
    db.execute("INSERT INTO records VALUES ('ghost', 'Not in the folder')")
    db.commit()
    db.close()
    result = run("list", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == [SEED_ID]
    assert "is not a transcite index" in result.stderr


def test_an_index_from_a_newer_transcite_is_refused(run: Run, texts: Path) -> None:
    run("index")
    path = index_path(str(texts))
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    result = run("list")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Error: {path}: made by a newer transcite (index format {SCHEMA_VERSION + 1}; this "
        f"transcite reads format {SCHEMA_VERSION}): upgrade transcite, or delete the file to "
        "have this version rebuild it\n"
    )
    assert run("cite", SEED_ID).exit_code == 0  # commands that need no index still work


def test_a_read_only_folder_keeps_its_index_in_the_cache(
    run: Run, texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(The tests run as root, whom permissions do not stop: the check is patched.)"""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sqlite_schema, "_can_write", lambda path: False)
    result = run("list")
    assert result.exit_code == 0 and SEED_TITLE in result.stdout
    cache = sqlite_schema._cache_file(str(texts))
    assert cache is not None and os.path.isfile(cache)
    assert result.stderr == f"note: {texts}/ cannot be written: the index is kept in {cache}\n"
    assert run("find", "a lively contest to assert their influence").exit_code == 0
    assert not (texts / ".transcite").exists()


def test_with_no_cache_either_the_index_is_kept_in_memory(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_schema, "_can_write", lambda path: False)
    monkeypatch.setattr(sqlite_schema, "_cache_file", lambda root: None)
    result = run("list")
    assert result.exit_code == 0 and SEED_TITLE in result.stdout
    assert result.stderr == f"note: {texts}/ cannot be written: the index is kept in memory\n"


def test_the_listing_text_made_by_sqlite_is_the_listing_rows_formatted(
    run: Run, texts: Path
) -> None:
    """``listing_text`` (formatted by SQLite's printf) is the rows of ``listing`` laid out as
    ``list`` lays them out: ids padded to the longest id plus two spaces; non-ASCII titles."""
    seed = _seed(texts)
    _write(texts, seed._replace(id="b", title="Ångström’s “Zoë”", authors=()))
    _write(texts, seed._replace(id="a-much-longer-id-2021", title="50% of %s"))
    index = Corpus(texts).index()
    try:
        for query in (ListQuery(), ListQuery(sort="title", reverse=True),
                      ListQuery(author="kartsev"), ListQuery(publisher="nobody"),
                      ListQuery(author="a", since="2019", until="2030")):
            rows = index.listing(query)
            width = max((len(r[0]) for r in rows), default=0) + 2
            assert index.listing_text(query) == "\n".join(
                f"{r[0].ljust(width)}{r[1]}\n{' ' * width}{r[2]}" for r in rows)
    finally:
        index.close()
    assert run("list").stdout.startswith(f"a-much-longer-id-2021  50% of %s\n{' ' * 23}by ")


def test_list_filters_and_sorts(run: Run, corpus: Corpus) -> None:
    """On both backends (the ``corpus`` fixture): the same filters, the same order."""
    seed = corpus.load(SEED_ID)
    corpus.save(seed._replace(id="b-2019", published="2019-05-01", publisher="Le Monde",
                              authors=(Person("Zoë", "Ångström"),)))
    corpus.save(seed._replace(id="a-2021", published="2021", translators=()))
    corpus.save(seed._replace(id="c-2018", published="2018-12-31",
                              authors=(Person("Anna", "Berg"),)))

    def ids(*args: str) -> list[str]:
        result = run("list", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [r["id"] for r in json.loads(result.stdout)]

    assert ids() == ["a-2021", "b-2019", "c-2018", SEED_ID]
    assert ids("--sort", "published") == ["c-2018", "b-2019", "a-2021", SEED_ID]
    assert ids("--sort", "published", "--reverse") == ["a-2021", "b-2019", "c-2018", SEED_ID]
    assert ids("--author", "ANGSTROM") == ["b-2019"]
    assert ids("--author", "zoë ång") == ["b-2019"]
    assert ids("--translator", "kohen") == ["b-2019", "c-2018", SEED_ID]
    assert ids("--publisher", "monde") == ["b-2019"]
    assert ids("--since", "2019") == ["a-2021", "b-2019"]
    assert ids("--since", "2019-06") == ["a-2021"]
    assert ids("--until", "2019-05-01") == ["b-2019", "c-2018"]
    assert ids("--since", "2021-03-04") == ["a-2021"]  # "2021" may be that day or after
    assert ids("--sort", "author") == ["b-2019", "c-2018", "a-2021", SEED_ID]
    assert ids("--author", "100%_") == []
    result = run("list", "--since", "2019-13")
    assert (result.exit_code, result.stderr) == (
        2, "Error: --since: '2019-13' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY\n")
    result = run("list", "--author", "nobody")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "note: no record matches\n")


def test_list_json_is_the_summary_contract(run: Run, corpus: Corpus) -> None:
    result = run("list", "--format", "json")
    assert result.stdout == json.dumps(
        [corpus.load(SEED_ID).summary_json()], ensure_ascii=False, indent=2) + "\n"
    assert json.loads(result.stdout) == [{
        "id": SEED_ID, "title": SEED_TITLE, "authors": ["Dmitry Kartsev"],
        "translators": ["Hilah Kohen"], "paragraphs": 16, "figures": 3, "labels": 1,
    }]


def test_writes_keep_the_index_in_step(run: Run, texts: Path) -> None:
    """ingest and revise update the index themselves: the next read has nothing to do."""
    run("index")
    from conftest import DATA, SEED_CAPTURE

    assert run("ingest", str(SEED_CAPTURE), "--id", "copy").exit_code == 0
    assert run("revise", SEED_ID, str(DATA / "kartsev-islamists-corrected.txt")).exit_code == 0
    index = SqliteIndex(str(texts))
    try:
        drift = index.check()
        assert not drift, drift.summary()
        versions = {r.id: r.version for r in index.records()}
    finally:
        index.close()
    assert versions == {"copy": 1, SEED_ID: 2}


def test_unknown_ids_get_the_closest(run: Run, corpus: Corpus) -> None:
    seed = corpus.load(SEED_ID)
    for k in range(12):
        corpus.save(seed._replace(id=f"other-{k:02d}"))
    result = run("show", "kartsev")
    assert result.stderr == (
        f"Error: no record 'kartsev' in {corpus.shown}; did you mean kartsev-islamists?\n"
    )
    result = run("show", "zzzz")
    assert result.stderr == (
        f"Error: no record 'zzzz' in {corpus.shown}; no id of its 13 records is close "
        "(transcite list shows them)\n"
    )


def test_fold_keeps_offsets() -> None:
    text = "Moscow’s “deal” — Zürich, İstanbul, NAÏVE"
    folded = fold(text)
    assert folded == 'moscow"s "deal" - zurich, istanbul, naive'
    assert len(folded) == len(text)
    # nested quotation: the source's double marks set as single ones inside the writer's own
    assert fold("a ‘deal of the century’ for") == fold("a “deal of the century” for")


def test_list_query_defaults() -> None:
    assert ListQuery().sort == "id"


def _age(path: Path, seconds: int = 3600) -> None:
    """Make a file or folder look modified an hour ago (past the racy window)."""
    then = os.stat(path).st_mtime_ns - seconds * 10**9
    os.utime(path, ns=(then, then))


def test_a_record_edited_in_place_is_seen_by_index_and_find_but_not_by_list(
    run: Run, texts: Path
) -> None:
    """The documented trade-off (docs/corpus.md): a read looks at the files only when the
    folder changed; an edit in place leaves the folder as it was."""
    path = texts / f"{SEED_ID}.xml"
    _age(path)
    run("index")
    _age(texts)
    assert run("index").stderr == "index: in step with the folder\n"
    data = path.read_bytes()
    edited = data.replace(b"neck and neck.</title>", b"neck and NECK.</title>").replace(
        b"Here, Meduza reports on the most important", b"Here, Meduza reports on the key"
    )
    path.write_bytes(edited)  # in place: same inode, the folder untouched
    assert SEED_TITLE in run("list").stdout  # not seen yet
    hit = run("find", "Meduza reports on the key episodes of that ongoing diplomatic game",
              "--format", "json")
    first = json.loads(hit.stdout)[0]
    assert (first["ref"], first["score"]) == (f"{SEED_ID}#p1:s4", 100.0)  # find reads it
    assert SEED_TITLE.replace("neck.", "NECK.") in run("list").stdout  # and the index has it
    path.write_bytes(data)
    assert run("index").stderr == "index: 1 record changed\n"


def test_a_list_of_an_unchanged_folder_reads_no_file(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(texts / f"{SEED_ID}.xml")
    run("index")
    _age(texts)
    run("index")

    def no_reading(*args: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(index_files, "read_for_index", no_reading)
    monkeypatch.setattr(index_files, "scan_folder", no_reading)
    assert run("list").exit_code == 0
