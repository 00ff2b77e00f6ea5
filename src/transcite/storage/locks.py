"""Locks between transcite processes: one lock file per record, held with ``fcntl.flock``.

Every read-modify-write of a record (``revise``, ``align``, ``ingest --force``) and every
"create if absent" (``ingest`` of a new id) runs while holding the record's lock, so writers
wait for each other and none loses its update. The lock files live in the corpus folder, in
``.transcite/locks/``; they are empty and stay there (removing a lock file on release would
let two processes hold "the" lock on two different files). So that their number stays small
however many records there are, records share :data:`BUCKETS` lock files by a hash of their
id (``00.lock`` … ``ff.lock``): two writers of different records rarely wait for each other,
and never for long, as no process holds two record locks at once. The operating system drops
a lock when its process ends, even by ``kill -9``, so a crashed writer never leaves a corpus
locked.

A writer that cannot take the lock within :func:`timeout` seconds (default 60; set
``$TRANSCITE_LOCK_TIMEOUT`` to change it) stops with a one-line :class:`LockTimeout`.
Locks are re-entrant within a process: taking a lock this process already holds is free.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

from transcite.core.errors import TransciteError

ENV_TIMEOUT = "TRANSCITE_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
#: the folder of transcite's own files inside a corpus folder (locks, the index)
STATE_DIR = ".transcite"
LOCK_DIR = os.path.join(STATE_DIR, "locks")

#: lock file path -> (descriptor, depth) for the locks this process holds
_held: dict[str, tuple[int, int]] = {}


class LockTimeout(TransciteError):
    """Another process held a record's lock for longer than the timeout."""


def timeout() -> float:
    """Seconds a writer waits for a lock: ``$TRANSCITE_LOCK_TIMEOUT`` or 60."""
    value = os.environ.get(ENV_TIMEOUT)
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 1e9:
        raise TransciteError(
            f"${ENV_TIMEOUT}={value!r}: give a number of seconds, e.g. 60"
        )
    return seconds


#: the number of lock files records share
BUCKETS = 256


def lock_path(root: str, name: str) -> str:
    """The lock file of ``name`` in the corpus folder ``root``: a record id's bucket
    (``3f.lock``), or the name itself for transcite's own locks (``.index.lock``)."""
    if not name.startswith("."):
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).digest()
        name = f"{digest[0] % BUCKETS:02x}"
    return os.path.join(root, LOCK_DIR, f"{name}.lock")


@contextmanager
def locked(root: str, name: str, *, what: str | None = None) -> Iterator[None]:
    """Hold the lock of ``name`` in ``root`` (created if needed) for the ``with`` body.

    ``what`` names the locked thing in the timeout message (default: ``root/name.xml``).
    """
    path = lock_path(root, name)
    key = os.path.abspath(path)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    fd = _open(root, path)
    try:
        _acquire(fd, what or os.path.join(root, f"{name}.xml"), path)
        _held[key] = (fd, 1)
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _open(root: str, path: str) -> int:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        reason = exc.strerror
        if exc.errno == errno.ELOOP:
            reason = "it is a symbolic link"
        raise TransciteError(
            f"{root}/: cannot create the lock file {path}: {reason}; check the folder's "
            "permissions, or choose another --texts"
        ) from None


def _acquire(fd: int, what: str, path: str) -> None:
    limit = timeout()
    deadline = time.monotonic() + limit
    pause = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:  # e.g. a file system without locks
            raise TransciteError(f"{path}: cannot lock: {exc.strerror}") from None
        now = time.monotonic()
        if now >= deadline:
            raise LockTimeout(
                f"{what}{_shared(path)} is being written by another transcite process (the "
                f"lock {path} was held for {limit:g} s); try again when it has finished, "
                f"or set ${ENV_TIMEOUT} to wait longer"
            )
        # short random pauses: waiting writers take turns instead of polling in step
        time.sleep(min(pause * (0.5 + random.random()), deadline - now))
        pause = min(pause * 2, 0.05)


def _shared(path: str) -> str:
    """A record lock is shared: the writer may be writing another record."""
    return "" if os.path.basename(path).startswith(".") else " (or a record sharing its lock)"
