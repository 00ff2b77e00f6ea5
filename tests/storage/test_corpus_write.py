"""Writing a record: what a user sees when the folder cannot take it, and file permissions.

The failures are made real by the operating system calls they come from (``mkstemp``, the
write, the rename) raising the ``OSError`` a read-only folder or a full disk raises; the
test runs as root on CI, where a read-only folder would not stop the write.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import SEED_CAPTURE, SEED_ID, corpus_files

Run = Callable[..., Result]


def _fail(code: int) -> Callable[..., Any]:
    def raise_(*_args: object, **_kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return raise_


def test_a_folder_that_cannot_be_written_is_one_line_exit_1(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", _fail(errno.EACCES))
    result = run("ingest", str(SEED_CAPTURE), "--id", "x", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {out}/: cannot write the record x there: Permission denied; "
        "check the folder's permissions, or choose another --texts\n"
    )
    assert corpus_files(out) == []


@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_failed_write_over_a_record_keeps_the_old_one_whole(
    run: Run, texts: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """--force over an existing record: a full disk mid-write or a failed rename leaves the
    old record exactly as it was, and no temporary file."""
    path = texts / f"{SEED_ID}.xml"
    before = path.read_bytes()
    if step == "replace":
        monkeypatch.setattr(os, "replace", _fail(errno.EROFS))
    else:
        real_write = os.write

        def half_write(fd: int, data: bytes) -> int:
            if not os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
                return real_write(fd, data)
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", half_write)
    result = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    reason = os.strerror(errno.ENOSPC if step == "write" else errno.EROFS)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {path}: cannot write the record: {reason}; the old file is unchanged\n"
    )
    assert path.read_bytes() == before
    assert corpus_files(texts) == [path.name]


def test_a_new_record_is_readable_like_any_new_file(
    run: Run, tmp_path: Path
) -> None:
    """The record gets the permissions the umask gives new files (not mkstemp's 0600)."""
    old = os.umask(0o022)
    try:
        result = run("ingest", str(SEED_CAPTURE), "--id", "x", "--texts", str(tmp_path))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE((tmp_path / "x.xml").stat().st_mode) == 0o644


def test_force_keeps_the_permissions_of_the_record_it_replaces(run: Run, texts: Path) -> None:
    path = texts / f"{SEED_ID}.xml"
    path.chmod(0o664)
    result = run("ingest", str(SEED_CAPTURE), "--id", SEED_ID, "--force")
    assert result.exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
