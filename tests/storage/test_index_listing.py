"""``list`` keeps its whole output in the SQLite index (docs/corpus.md): a later change of the
records drops it, a change of a file's time alone does not, and an index that cannot be
written now still lists (the output made, not kept)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.storage import sqlite_rows
from transcite.storage.corpus import Corpus
from transcite.storage.index import ListQuery
from transcite.storage.sqlite_index import SqliteIndex, index_path
from transcite.storage.sqlite_rows import make_listing

from conftest import SEED_ID

Run = Callable[..., Result]


def _kept(texts: Path) -> dict[str, bytes]:
    db = sqlite3.connect(index_path(str(texts)))
    try:
        return dict(db.execute("SELECT key, body FROM listings").fetchall())
    finally:
        db.close()


def _made(texts: Path, fmt: str) -> str:
    """The output of ``list`` made from the index's rows now (nothing kept)."""
    db = sqlite3.connect(index_path(str(texts)))
    try:
        return make_listing(db, fmt).decode("utf-8") + "\n"
    finally:
        db.close()


def test_list_keeps_its_output_and_a_change_of_the_records_drops_it(
    run: Run, texts: Path
) -> None:
    first = run("list")
    assert first.exit_code == 0 and first.stdout.startswith(SEED_ID)
    assert _kept(texts) == {"text": first.stdout[:-1].encode("utf-8")}
    listed_json = run("list", "--format", "json").stdout
    assert set(_kept(texts)) == {"text", "json"}
    assert run("list").stdout == first.stdout  # from what was kept

    corpus = Corpus(texts)
    seed = corpus.load(SEED_ID)
    corpus.save(seed._replace(id="a-new-one", title="A new one"))  # a write: dropped
    assert _kept(texts) == {}
    second = run("list")
    assert second.stdout.split("\n")[0].split() == ["a-new-one", "A", "new", "one"]
    assert second.stdout == _made(texts, "text")
    assert run("list", "--format", "json").stdout == _made(texts, "json") != listed_json

    os.unlink(texts / "a-new-one.xml")  # behind its back: the folder's time changes
    assert run("list").stdout == first.stdout


def test_a_file_saved_again_unchanged_keeps_the_kept_output(run: Run, texts: Path) -> None:
    """Only the file's size and time are updated in the index: what list shows is the same."""
    run("list")
    kept = _kept(texts)
    os.utime(texts / f"{SEED_ID}.xml", ns=(10**18, 10**18))
    assert run("index").stderr == "index: in step with the folder\n"
    assert _kept(texts) == kept


def test_an_index_that_cannot_be_written_now_still_lists(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("list")
    Corpus(texts).save(Corpus(texts).load(SEED_ID)._replace(id="other"))
    expected = _made(texts, "text")

    def busy(db: sqlite3.Connection, fmt: str) -> bytes:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(sqlite_rows, "keep_listing", busy)
    assert run("list").stdout == expected
    assert _kept(texts) == {}


def test_a_filtered_list_is_made_each_time_and_never_kept(texts: Path) -> None:
    index = SqliteIndex(str(texts))
    try:
        shown = index.listing_output(ListQuery(author="kartsev"), "text")
        assert shown.decode("utf-8") == index.listing_text(ListQuery(author="kartsev"))
    finally:
        index.close()
    assert _kept(texts) == {}


def test_list_prints_to_a_stdout_that_takes_only_text(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output is written as bytes to stdout's buffer; a ``StringIO`` (a program running
    the command in-process, as bench/bench_kill9.py does) has none and gets the text."""
    import contextlib
    import io

    from transcite.cli.main import main

    expected = run("list").stdout
    out = io.StringIO()
    monkeypatch.setattr("sys.argv", ["transcite", "list", "--texts", str(texts)])
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main()
    assert (done.value.code, out.getvalue()) == (0, expected)
