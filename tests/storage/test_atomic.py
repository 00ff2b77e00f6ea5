"""Durable atomic writes (``storage/atomic.py``) and record locks (``storage/locks.py``).

What is checked is what the operating system reports afterwards (file types, inodes, modes,
which processes could take a lock), not what the code says it did.
"""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from transcite.core.errors import TransciteError, UsageError
from transcite.storage import atomic, locks

from conftest import SEED_CAPTURE, SEED_ID

Run = Callable[..., Result]


def test_write_atomic_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    before = target.stat().st_ino
    atomic.write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != before  # a new file renamed over, never truncated in place
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_atomic_fsyncs_the_file_and_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic.write_atomic(str(tmp_path / "a.txt"), b"x")
    assert len(synced) == 2
    assert synced[0].startswith(str(tmp_path / ".a.txt.")) and synced[0].endswith(".tmp")
    assert synced[1] == str(tmp_path)


def test_a_dead_writers_temp_file_goes_at_the_next_write(tmp_path: Path) -> None:
    stale = tmp_path / ".a.txt.deadbeef.tmp"
    stale.write_bytes(b"half")
    other = tmp_path / ".b.txt.deadbeef.tmp"  # another target's: left for its own writer
    other.write_bytes(b"half")
    atomic.write_atomic(str(tmp_path / "a.txt"), b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".b.txt.deadbeef.tmp", "a.txt"]
    assert atomic.remove_stale_temps(str(tmp_path)) == [str(other)]


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    """A temporary file some process holds the flock of is in use; clean-up skips it."""
    live = tmp_path / ".a.txt.12345678.tmp"
    live.write_bytes(b"")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
         str(live)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        atomic.write_atomic(str(tmp_path / "a.txt"), b"x")
        assert live.exists()
    finally:
        holder.communicate("")
    assert atomic.remove_stale_temps(str(tmp_path)) == [str(live)]


def _fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What ``os.fsync`` flushes from now on: "folder" or the file's name (threads too)."""
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        st = os.fstat(fd)
        synced.append("folder" if stat.S_ISDIR(st.st_mode)
                      else os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return synced


def test_write_many_writes_every_file_whole_and_flushes_the_folder_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file flushed before its rename; the folder listed once (not once per file, as
    write_atomic's clean-up of the target's temporary files would) and flushed after each
    IN_FLIGHT files and at the end; the old file's mode kept, a new file's from the umask;
    a dead writer's temporary file removed."""
    monkeypatch.setattr(atomic, "IN_FLIGHT", 8)
    (tmp_path / "f03.xml").write_bytes(b"old")
    (tmp_path / "f03.xml").chmod(0o640)
    (tmp_path / ".f05.xml.deadbeef.tmp").write_bytes(b"half")
    files = [(f"f{i:02d}.xml", f"<r n='{i}'/>".encode() * (i + 1)) for i in range(30)]
    listed: list[str] = []
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(path) or real_listdir(path))
    synced = _fsyncs(monkeypatch)
    progress: list[int] = []
    old_mask = os.umask(0o022)
    try:
        assert atomic.write_many(str(tmp_path), iter(files), progress.append) == 30
    finally:
        os.umask(old_mask)
    assert listed == [str(tmp_path)]
    assert progress == [8, 16, 24, 30]
    assert synced.count("folder") == 4
    assert sorted(n.split(".")[1] for n in synced if n != "folder") == [n[:3] for n, _ in files]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name for name, _ in files]
    for name, data in files:
        assert (tmp_path / name).read_bytes() == data
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == (
            0o640 if name == "f03.xml" else 0o644)


def test_write_many_holds_at_most_its_bytes_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no byte in flight allowed, each file is in place before the next is asked for
    (large records are not all held in memory at once)."""
    monkeypatch.setattr(atomic, "IN_FLIGHT_BYTES", 0)

    def files() -> Iterator[tuple[str, bytes]]:
        for i in range(5):
            if i:
                assert (tmp_path / f"f{i - 1}").read_bytes() == b"x" * i
            yield f"f{i}", b"x" * (i + 1)

    assert atomic.write_many(str(tmp_path), files()) == 5


def test_write_many_stops_at_a_file_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be renamed into place (a folder is in the way): NotWritten names it,
    after the writes under way have ended; its temporary file is gone, the others whole."""
    monkeypatch.setattr(atomic, "IN_FLIGHT", 4)
    (tmp_path / "f06.xml").mkdir()
    (tmp_path / "f06.xml" / "x").write_bytes(b"")
    files = [(f"f{i:02d}.xml", b"data %d" % i) for i in range(40)]
    with pytest.raises(atomic.NotWritten) as raised:
        atomic.write_many(str(tmp_path), iter(files))
    assert raised.value.filename == str(tmp_path / "f06.xml")
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert "f06.xml" not in written and {f"f{i:02d}.xml" for i in range(6)} <= set(written)
    assert 6 <= raised.value.written == len(written) < 40
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    for name in written:
        assert (tmp_path / name).read_bytes() == b"data %d" % int(name[1:3])


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        atomic.write_output(str(fifo), b"report\n")
        out, _ = reader.communicate(timeout=120)  # bounds a hang only
    finally:
        reader.kill()  # a reader left waiting for a writer would outlive the test run
        reader.communicate()
    assert out == b"report\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_to_a_device_is_never_replaced() -> None:
    before = os.lstat("/dev/null")
    atomic.write_output("/dev/null", b"x" * 10_000)
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_dev_stdout_goes_to_the_stream_as_it_is(tmp_path: Path) -> None:
    """``-o /dev/stdout`` writes to standard output, appended to what is there (a shell's
    ``>>``), never truncating or replacing the file behind it."""
    log = tmp_path / "log"
    log.write_bytes(b"before\n")
    code = (
        "import sys; from transcite.storage.atomic import write_output; "
        "write_output('/dev/stdout', b'report\\n')"
    )
    with log.open("ab") as out:
        subprocess.run([sys.executable, "-c", code], stdout=out, check=True)
    assert log.read_bytes() == b"before\nreport\n"


@pytest.mark.parametrize("dangling", [False, True])
def test_output_through_a_symlink_is_refused(tmp_path: Path, dangling: bool) -> None:
    real = tmp_path / "real.txt"
    if not dangling:
        real.write_bytes(b"keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(UsageError) as caught:
        atomic.write_output(str(link), b"x")
    assert str(caught.value) == (
        f"-o {link}: is a symbolic link (to {real}); transcite does not write through "
        "links: name the file itself, or remove the link"
    )
    assert link.is_symlink()
    assert real.read_bytes() == b"keep" if not dangling else not real.exists()


def test_output_to_a_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^-o .*: is a folder; name a file$"):
        atomic.write_output(str(tmp_path), b"x")


def test_compare_o_replaces_the_old_report_whole(run: Run, tmp_path: Path) -> None:
    """``compare -o`` used to truncate the old report in place; now a new file is renamed
    over it (a failure leaves the old one)."""
    out = tmp_path / "diff.txt"
    out.write_text("old report\n")
    before = out.stat().st_ino
    result = run("compare", SEED_ID, str(SEED_CAPTURE), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    assert out.stat().st_ino != before and out.read_text().startswith("")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "texts") == ["diff.txt"]


def test_export_o_to_a_symlink_is_refused_and_the_target_kept(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "library.bib"
    real.write_text("% mine\n")
    link = tmp_path / "link.bib"
    link.symlink_to(real)
    result = run("export", SEED_ID, "--to", "bibtex", "-o", str(link))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: -o {link}: is a symbolic link (to {real}); ")
    assert real.read_text() == "% mine\n" and link.is_symlink()


# -- locks ------------------------------------------------------------------------------


def _hold_lock(root: Path, name: str) -> subprocess.Popen[str]:
    code = (
        "import sys; from transcite.storage.locks import locked\n"
        "with locked(sys.argv[1], sys.argv[2]):\n"
        "    print('held', flush=True); sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(root), name],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"  # ready
    except BaseException:
        holder.kill()
        holder.communicate()
        raise
    return holder


def test_a_lock_held_too_long_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(locks.ENV_TIMEOUT, "0.2")
    holder = _hold_lock(tmp_path, "x")
    try:
        start = time.monotonic()
        with pytest.raises(locks.LockTimeout) as caught, locks.locked(str(tmp_path), "x"):
            pass
        # at least the 0.2 s asked for, and well short of the default 60 s (a busy machine
        # may add seconds, so the upper bound is generous)
        assert 0.2 <= time.monotonic() - start < 30
    finally:
        holder.communicate("")
    assert str(caught.value) == (
        f"{tmp_path}/x.xml (or a record sharing its lock) is being written by another "
        f"transcite process (the lock {tmp_path}/.transcite/locks/2d.lock was held for 0.2 "
        "s); try again when it has finished, or set $TRANSCITE_LOCK_TIMEOUT to wait longer"
    )
    with locks.locked(str(tmp_path), "x"):  # free once its holder has gone
        pass


def test_revise_waits_for_the_lock_and_reports_a_timeout(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(locks.ENV_TIMEOUT, "0.1")
    holder = _hold_lock(texts, SEED_ID)
    try:
        result = run("revise", SEED_ID, str(SEED_CAPTURE))
    finally:
        holder.communicate("")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"Error: {texts}/{SEED_ID}.xml (or a record sharing its lock) is being written by "
        "another transcite process"
    )


def test_a_dead_holder_leaves_no_lock(tmp_path: Path) -> None:
    holder = _hold_lock(tmp_path, "x")
    holder.kill()
    holder.communicate()
    fd = os.open(locks.lock_path(str(tmp_path), "x"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


def test_locks_are_reentrant_in_one_process(tmp_path: Path) -> None:
    with locks.locked(str(tmp_path), "x"), locks.locked(str(tmp_path), "x"):
        pass


def test_a_bad_timeout_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(locks.ENV_TIMEOUT, "soon")
    with pytest.raises(TransciteError, match=r"^\$TRANSCITE_LOCK_TIMEOUT='soon': give a "):
        locks.timeout()


def test_a_symlinked_lock_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".transcite" / "locks").mkdir(parents=True)
    victim = Path(tempfile.mkdtemp()) / "victim"
    Path(locks.lock_path(str(tmp_path), "x")).symlink_to(victim)
    with pytest.raises(TransciteError, match="it is a symbolic link"), locks.locked(
        str(tmp_path), "x"
    ):
        pass
    assert not victim.exists()


def test_records_share_a_bounded_number_of_lock_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many records are written, the lock folder holds at most 256 files; two ids
    in one bucket exclude each other across processes, ids in two buckets do not."""
    for k in range(2000):
        with locks.locked(str(tmp_path), f"record-{k}"):
            pass
    names = os.listdir(tmp_path / ".transcite" / "locks")
    assert len(names) == locks.BUCKETS
    assert sorted(names) == [f"{b:02x}.lock" for b in range(256)]
    same = next(f"y{k}" for k in range(10_000)
                if locks.lock_path(str(tmp_path), f"y{k}") == locks.lock_path(str(tmp_path), "x"))
    other = next(f"y{k}" for k in range(10_000)
                 if locks.lock_path(str(tmp_path), f"y{k}") != locks.lock_path(str(tmp_path), "x"))
    monkeypatch.setenv(locks.ENV_TIMEOUT, "0.1")
    holder = _hold_lock(tmp_path, "x")
    try:
        with pytest.raises(locks.LockTimeout), locks.locked(str(tmp_path), same):
            pass
        with locks.locked(str(tmp_path), other):
            pass
    finally:
        holder.communicate("")
