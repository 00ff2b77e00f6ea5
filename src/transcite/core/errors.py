"""One exception hierarchy for the whole library.

The CLI turns every :class:`TransciteError` into one line on stderr and the exit code the error
carries; nothing else in the library decides how a failure is shown.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the ``transcite`` command."""

    OK = 0
    #: the work ran but found errors (e.g. ``validate``), or an operation failed
    FAILURE = 1
    #: bad arguments: unknown option value, malformed or unresolvable REF, unsafe id
    USAGE = 2
    #: bad input data: unreadable, binary, wrongly encoded, hostile or invalid file
    DATA = 3
    #: the operation would overwrite something (an existing record) without ``--force``
    CONFLICT = 4
    #: the corpus database cannot be reached: no server, wrong password, no such database
    UNAVAILABLE = 5


class TransciteError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(TransciteError):
    """The caller asked for something that does not exist or is malformed."""

    exit_code = ExitCode.USAGE


class DataError(TransciteError):
    """An input file or record cannot be read or is not what it claims to be."""

    exit_code = ExitCode.DATA


class ConflictError(TransciteError):
    """Writing would replace existing data."""

    exit_code = ExitCode.CONFLICT


class Unavailable(TransciteError):
    """The corpus cannot be reached (a database server down, a login refused); trying again
    later, or with other credentials, may work."""

    exit_code = ExitCode.UNAVAILABLE
