"""Reading an input file whole, with a byte cap enforced before it is read whole.

Every file transcite reads whole (a capture, a page, a record, an agencies file, standard
input) comes through :func:`read_capped`: at most ``cap + 1`` bytes are read, and an input
larger than the cap is refused with one line, so ``ingest /dev/zero`` or a 100 GB file stops
at once instead of filling the memory.
"""

from __future__ import annotations

import os
import stat
import sys

from transcite.core.errors import DataError, UsageError


def size_text(n: int) -> str:
    """``8 MiB``, ``512 KiB`` or ``1,234 bytes``."""
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} MiB"
    if n >= 2**10 and n % 2**10 == 0:
        return f"{n // 2**10} KiB"
    return f"{n:,} bytes"


def read_capped(path: str, cap: int, *, what: str = "the file", hint: str = "") -> bytes:
    """The bytes of ``path`` (``-``: standard input), refusing more than ``cap`` of them.

    A missing file or a folder is a :class:`UsageError`; an unreadable or too large one a
    :class:`DataError`; ``hint`` (e.g. "give a capture file") ends the folder message.
    """
    if path == "-":
        return _capped(sys.stdin.buffer.read(cap + 1), "<stdin>", cap, what)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOCTTY)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder{'; ' + hint if hint else ''}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{path}: is a folder{'; ' + hint if hint else ''}")
        if stat.S_ISREG(st.st_mode) and st.st_size > cap:
            raise _too_large(path, cap, what)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(cap + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    return _capped(b"".join(chunks), path, cap, what)


def _capped(data: bytes, path: str, cap: int, what: str) -> bytes:
    if len(data) > cap:
        raise _too_large(path, cap, what)
    return data


def _too_large(path: str, cap: int, what: str) -> DataError:
    return DataError(f"{path}: {what} is larger than {size_text(cap)}; refused")
