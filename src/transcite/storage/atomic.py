"""Durable atomic writes: the one way transcite writes a file.

:func:`write_atomic` writes a temporary file in the folder of the target, flushes it to the
disk (``fsync``), renames it over the target and flushes the folder, so the target is always
either the old file or the new one, whole, even across a crash or a power loss. A writer
holds an ``flock`` on its temporary file while it works; temporary files whose writer has
gone (a ``kill -9`` between the write and the rename) are removed by the next write of the
same target and by :func:`remove_stale_temps` (``transcite validate``).

:func:`write_output` is for files a user names with ``-o``: a regular file (or a new name) is
written as above; a FIFO, a device or a standard stream (``/dev/stdout``, ``/dev/fd/N``) is
written directly and never replaced; a symbolic link to anything else is refused, never
written through.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator

from transcite.core.errors import UsageError

_TEMP = re.compile(r"^\..+\.tmp\Z")


class FolderNotWritable(OSError):
    """No temporary file can be made in the target's folder (nothing was touched)."""


def temp_prefix(name: str) -> str:
    """Temporary files of the target file ``name`` are ``.NAME.XXXXXXXX.tmp``."""
    return f".{name}."


def new_file_mode(path: str, new: int | None = None) -> int:
    """The permissions of the file being replaced, or what the umask gives a new file
    (``mkstemp`` makes its file readable by its owner only; ``new``: that mode, when the
    caller has read the umask already)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return _umask_mode() if new is None else new


def _umask_mode() -> int:
    """What the umask gives a new file (the umask is read by setting it: not while other
    threads make files)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data``, durably and atomically.

    Raises the ``OSError`` of the step that failed, after removing its temporary file; the
    old file is then unchanged. A symbolic link at ``path`` is replaced, not written through.
    """
    folder, name = os.path.split(os.path.abspath(path))
    remove_stale_temps(folder, name)
    _replace(folder, name, data, new_file_mode(path))
    fsync_folder(folder)


def _replace(folder: str, name: str, data: bytes, mode: int) -> None:
    """Write ``data`` to a new temporary file, flush it to the disk and rename it to
    ``folder/name`` (the folder itself is not flushed)."""
    fd, tmp = _locked_temp(folder, name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fchmod(fd, mode)
            os.fsync(fd)
            os.replace(tmp, os.path.join(folder, name))
        except BaseException:
            _unlink(tmp)
            raise
    finally:
        os.close(fd)  # releases the temporary file's lock


#: files :func:`write_many` writes at once
WRITERS = 8
#: :func:`write_many` keeps at most this many files (and bytes) in memory, and flushes the
#: folder after each this many files
IN_FLIGHT = 256
IN_FLIGHT_BYTES = 64 * 2**20


class NotWritten(OSError):
    """A file of :func:`write_many` could not be written (``filename``); ``written`` files
    were, whole."""

    def __init__(self, exc: OSError, path: str, written: int) -> None:
        super().__init__(exc.errno, exc.strerror, path)
        self.written = written


def write_many(
    folder: str, files: Iterable[tuple[str, bytes]],
    done: Callable[[int], None] | None = None,
) -> int:
    """Write each ``(name, data)`` of ``files`` to ``folder/name`` as :func:`write_atomic`
    does (a temporary file, flushed to the disk, renamed over the target), :data:`WRITERS`
    at a time in threads, so that their flushes share the file system's journal commits
    (one at a time, each file would wait for a flush of the disk of its own). The stale
    temporary files of the folder are removed once, first (not once per file: each time,
    the folder's every entry is read), and the folder is flushed after every
    :data:`IN_FLIGHT` files and at the end, not after each file. A file is whole or absent
    whenever the process stops; once this returns, every file is on the disk. Returns how
    many files were written; ``done(n)`` is called as they are. Raises :class:`NotWritten`
    after the writes under way have ended."""
    import tempfile  # noqa: F401  (imported once here, not in the threads)
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    folder = os.path.abspath(folder)
    remove_stale_temps(folder)
    new = _umask_mode()
    written = 0
    pending: deque[tuple[str, Future[None], int]] = deque()
    held = 0  # bytes of the pending files

    def finish_oldest() -> None:  # in order: the first `written` files are there
        nonlocal written, held
        name, future, size = pending[0]
        try:
            future.result()
        except OSError as exc:
            raise NotWritten(exc, os.path.join(folder, name), written) from None
        pending.popleft()
        held -= size
        written += 1
        if written % IN_FLIGHT == 0:
            fsync_folder(folder)
            if done is not None:
                done(written)

    with ThreadPoolExecutor(WRITERS, thread_name_prefix="write_many") as pool:
        try:
            for name, data in files:
                mode = new_file_mode(os.path.join(folder, name), new)
                pending.append((name, pool.submit(_replace, folder, name, data, mode),
                                len(data)))
                held += len(data)
                while len(pending) >= IN_FLIGHT or held > IN_FLIGHT_BYTES:
                    finish_oldest()
            while pending:
                finish_oldest()
            fsync_folder(folder)
        except BaseException as exc:
            for _name, future, _size in pending:
                future.cancel()
            pool.shutdown(wait=True)  # the writes under way end, whole
            if not isinstance(exc, OSError):
                raise
            written += sum(f.done() and not f.cancelled() and f.exception() is None
                           for _name, f, _size in pending)
            with contextlib.suppress(OSError):
                fsync_folder(folder)
            where = exc.filename if isinstance(exc, NotWritten) else folder
            raise NotWritten(exc, where, written) from None
    if done is not None and written % IN_FLIGHT:
        done(written)
    return written


def new_temp(path: str) -> tuple[int, str]:
    """A new temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``), opened and held with an
    ``flock`` until the returned descriptor is closed: while held, no clean-up removes it."""
    return _locked_temp(*os.path.split(os.path.abspath(path)))


def _locked_temp(folder: str, name: str) -> tuple[int, str]:
    """A new temporary file beside ``name``, opened and locked by this process.

    Between ``mkstemp`` and ``flock`` another process's clean-up may take the file for a
    stale one and remove it; the file is then made again.
    """
    import tempfile  # with random and shutil: not on the path of `list`

    while True:
        try:
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise FolderNotWritable(exc.errno, exc.strerror, folder) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.path.samestat(os.fstat(fd), os.lstat(tmp)):
                return fd, tmp
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            _unlink(tmp)
            raise
        os.close(fd)


def fsync_folder(folder: str) -> None:
    """Flush a folder's entries (a rename in it) to the disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def stale_temps(folder: str, name: str | None = None) -> Iterator[str]:
    """The temporary files in ``folder`` (of the target ``name``, or of any target)."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    prefix = temp_prefix(name) if name is not None else "."
    for entry in entries:
        if entry.startswith(prefix) and _TEMP.match(entry):
            yield os.path.join(folder, entry)


def remove_stale_temps(folder: str, name: str | None = None) -> list[str]:
    """Remove the temporary files left in ``folder`` by writers that have gone (their
    ``flock`` is free); a file some live writer holds is left alone. Returns the removed."""
    return remove_unlocked(stale_temps(folder, name))


def remove_unlocked(paths: Iterable[str]) -> list[str]:
    """Remove those of ``paths`` (temporary files) whose ``flock`` is free; returns them."""
    removed = []
    for tmp in paths:
        try:
            fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live writer's
            try:
                if os.path.samestat(st, os.lstat(tmp)):
                    os.unlink(tmp)
                    removed.append(tmp)
            except OSError:
                continue
        finally:
            os.close(fd)
    return removed


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


_STREAM = re.compile(r"^/(?:dev/(?:stdout|stderr|fd/(\d+))|proc/self/fd/(\d+))\Z")


def write_output(path: str, data: bytes) -> None:
    """Write a file named with ``-o`` (see the module docstring); a path that cannot be
    written is a one-line :class:`UsageError` saying whether the old file is unchanged."""
    stream = _STREAM.match(path)
    if stream:
        fileno = (1 if path.endswith("stdout") else 2) if stream.lastindex is None else int(
            stream[stream.lastindex]
        )
        return _write_fd(path, fileno, data)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write: {exc.strerror}") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            target = None
        if target is None or not _special(target.st_mode):
            raise UsageError(
                f"-o {path}: is a symbolic link (to {os.readlink(path)}); transcite does not "
                "write through links: name the file itself, or remove the link"
            )
        st = target
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"-o {path}: is a folder; name a file")
    if st is not None and _special(st.st_mode):
        return _write_special(path, data)
    existed = st is not None
    try:
        write_atomic(path, data)
    except OSError as exc:
        unchanged = "; the old file is unchanged" if existed else ""
        raise UsageError(f"-o {path}: cannot write: {exc.strerror}{unchanged}") from None


def _special(mode: int) -> bool:
    """A FIFO, a device or a socket: written in place, never replaced."""
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode) and not stat.S_ISLNK(mode)


def _write_special(path: str, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write: {exc.strerror}") from None
    try:
        _write_fd(path, fd, data)
    finally:
        os.close(fd)


def _write_fd(path: str, fd: int, data: bytes) -> None:
    if fd == 1:
        sys.stdout.flush()
    elif fd == 2:
        sys.stderr.flush()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write: {exc.strerror}") from None
