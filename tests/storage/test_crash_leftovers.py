"""What a writer killed half-way leaves is cleared by the next command, and never misread.

Found by ``bench/bench_kill9.py --region all``: ``index --rebuild`` killed while building left
``index.sqlite.PID.new`` (and its ``-journal``) for ever; a record writer killed between
its write and its rename left its temporary file until the next write of the same record or
``validate``. A writer's temporary file is held with an ``flock`` while it works, so only
files of writers that have gone are removed (see ``storage/atomic.py``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from transcite.storage import atomic
from transcite.storage.sqlite_index import SqliteIndex, index_path

from conftest import SEED_ID

Run = Callable[..., Result]


def _index(texts: Path) -> str:
    index = SqliteIndex(str(texts))
    index.refresh(full=True)
    index.close()
    return index_path(str(texts))


def test_a_killed_rebuilds_file_goes_at_the_next_opening(run: Run, texts: Path) -> None:
    path = _index(texts)
    fd, dead = atomic.new_temp(path)
    os.write(fd, b"SQLite format 3\x00 half a database")
    os.close(fd)  # the rebuild was killed: its lock is gone
    result = run("list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert SEED_ID in result.stdout
    assert not os.path.exists(dead)
    assert sorted(os.listdir(os.path.dirname(path))) == ["index.sqlite", "locks"]


def test_a_running_rebuilds_file_is_left_alone(run: Run, texts: Path) -> None:
    path = _index(texts)
    fd, live = atomic.new_temp(path)  # held: a rebuild at work in some process
    try:
        assert run("list").exit_code == 0
        assert os.path.exists(live)
    finally:
        os.close(fd)
    assert run("list").exit_code == 0
    assert not os.path.exists(live)


def test_rebuild_drops_the_old_files_journal_and_keeps_the_mode(run: Run, texts: Path) -> None:
    path = _index(texts)
    os.chmod(path, 0o640)
    Path(f"{path}-journal").write_bytes(b"")  # a journal beside the file being replaced
    result = run("index", "--rebuild", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "index: 1 record indexed\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(os.listdir(os.path.dirname(path))) == ["index.sqlite", "locks"]
    assert run("index", "--check").exit_code == 0


def test_a_read_of_the_folder_removes_dead_record_writers_files(run: Run, texts: Path) -> None:
    dead = [
        texts / f".{SEED_ID}.xml.a1b2c3d4.tmp",  # a writer killed before its rename
        texts / f".{SEED_ID}.k3j_h1g0.tmp",  # the same, from earlier versions of transcite
    ]
    for path in dead:
        path.write_bytes(b"<TEI half")
    kept = [texts / ".notes.tmp", texts / "draft.tmp", texts / f".{SEED_ID}.xml.tmp"]
    for path in kept:  # not named as a record writer names its files: not ours
        path.write_bytes(b"a user's")
    fd, live = atomic.new_temp(str(texts / "other.xml"))  # a writer at work
    try:
        result = run("list")
        assert (result.exit_code, result.stderr) == (0, "")
        assert [p.exists() for p in dead] == [False, False]
        assert [p.exists() for p in kept] == [True, True, True]
        assert os.path.exists(live)
    finally:
        os.close(fd)
