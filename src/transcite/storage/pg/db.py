"""Connecting to the corpus database, and its schema migrations.

The driver is psycopg 3 (the optional extra ``transcite[postgres]``). Every way a connection
can fail (no driver, no server, a wrong password, no such database, a database that is not a
transcite corpus or is of a newer schema) is one :class:`~transcite.core.errors.TransciteError`
naming the URL with its password hidden, and what to do.

Migrations are plain SQL files shipped in ``migrations/`` (``0001_corpus.sql``, …), applied in
the order of their numbers, each in its own transaction with its number and name recorded in
``transcite_schema``; a lock held meanwhile (``pg_advisory_xact_lock``) lets two
``corpus migrate`` runs at once apply each file once. Plain files need no migration library
for a schema transcite alone owns, and can be read and applied by a database administrator
with ``psql`` as they are.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from transcite.core.errors import DataError, TransciteError, Unavailable, UsageError

if TYPE_CHECKING:
    import psycopg

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")
_MIGRATION = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql\Z")
#: advisory lock keys (class, object) of transcite: 1 migrations, 2 records (by id hash)
LOCK_CLASS = 0x7472  # "tr"
MIGRATION_LOCK = 1


def shown(url: str) -> str:
    """The URL as messages show it: the password replaced by ``***``."""
    url = re.sub(r"^([a-z]+://[^/@:?]*):[^@/?]*@", r"\1:***@", url, flags=re.I)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url, flags=re.I)


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every shipped migration, in order."""
    found = []
    for name in sorted(os.listdir(MIGRATIONS)):
        match = _MIGRATION.match(name)
        if match:
            with open(os.path.join(MIGRATIONS, name), encoding="utf-8") as handle:
                found.append((int(match[1]), match[2], handle.read()))
    return found


def latest() -> int:
    return migrations()[-1][0]


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (transactions are explicit), or one clear error."""
    try:
        import psycopg
    except ImportError:
        raise UsageError(
            f"{shown(url)}: a PostgreSQL corpus needs psycopg: pip install 'transcite[postgres]'"
        ) from None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=_connect_timeout())
    except psycopg.ProgrammingError as exc:  # a URL libpq cannot parse
        raise UsageError(f"{shown(url)}: not a PostgreSQL URL: {_reason(exc)}") from None
    except psycopg.Error as exc:
        raise Unavailable(f"{shown(url)}: cannot connect: {_reason(exc)}") from None
    return conn


def _connect_timeout() -> int:
    return int(os.environ.get("PGCONNECT_TIMEOUT") or 10)


def _reason(exc: Exception) -> str:
    """The server's or libpq's own reason, on one line, with a hint for the common ones."""
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    text = lines[-1] if lines else type(exc).__name__
    failed = [ln for ln in lines if " failed: " in ln]
    fatal = [ln for ln in lines if "FATAL:" in ln]
    if fatal:
        text = fatal[-1].split("FATAL:", 1)[1].strip()
    elif failed:
        text = re.sub(r"^connection (failed|is bad): ", "", failed[-1])
    if "password authentication failed" in text or "no password supplied" in text:
        return f"{text} (check the user and password in the URL, or ~/.pgpass)"
    if re.search(r'database ".*" does not exist', text):
        return f"{text} (create it with createdb, then transcite corpus init)"
    if "No such file or directory" in text or "Connection refused" in text:
        return f"{text} (is the server running, and is the host right?)"
    return text


def schema_version(conn: psycopg.Connection[Any]) -> int | None:
    """The corpus schema of this database, or ``None`` when it holds no transcite corpus."""
    row = conn.execute("SELECT to_regclass('transcite_schema') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return None
    row = conn.execute("SELECT max(version) FROM transcite_schema").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_schema(conn: psycopg.Connection[Any], url: str) -> None:
    """Refuse a database that is not a transcite corpus of this schema, saying what to do."""
    version = schema_version(conn)
    have = latest()
    if version is None:
        raise UsageError(
            f"{shown(url)}: holds no transcite corpus; run transcite corpus init --corpus URL"
        )
    if version > have:
        raise DataError(
            f"{shown(url)}: corpus schema {version} is newer than this transcite's ({have}); "
            "upgrade transcite"
        )
    if version < have:
        raise UsageError(
            f"{shown(url)}: corpus schema {version} is older than this transcite's ({have}); "
            "run transcite corpus migrate --corpus URL"
        )


def migrate(conn: psycopg.Connection[Any], url: str) -> list[str]:
    """Apply the migrations the database has not had, in order; their names."""
    import psycopg

    applied: list[str] = []
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS transcite_schema (version integer PRIMARY KEY, "
            "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for number, name, sql in migrations():
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                             (LOCK_CLASS, MIGRATION_LOCK))
                done = conn.execute("SELECT 1 FROM transcite_schema WHERE version = %s",
                                    (number,)).fetchone()
                if done:
                    continue
                conn.execute(sql.encode())
                conn.execute("INSERT INTO transcite_schema(version, name) VALUES (%s, %s)",
                             (number, name))
            applied.append(f"{number:04d}_{name}")
    except psycopg.errors.InsufficientPrivilege as exc:
        raise TransciteError(
            f"{shown(url)}: cannot create the corpus tables: {_reason(exc)} (the user needs "
            "CREATE on the database, and pg_trgm installed or the right to create it)"
        ) from None
    newer = schema_version(conn)
    if newer is not None and newer > latest():
        raise DataError(
            f"{shown(url)}: corpus schema {newer} is newer than this transcite's "
            f"({latest()}); upgrade transcite"
        )
    return applied
