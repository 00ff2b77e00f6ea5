"""A PostgreSQL server for the tests, started from Debian's ``postgresql`` package.

:func:`server` runs ``initdb`` into a new temporary folder (as the user ``nobody`` when the
tests run as root: PostgreSQL refuses to run as root), starts it with ``pg_ctl`` listening
on a Unix socket in that folder only (``listen_addresses=''``: no TCP port), and stops it
and removes the folder on the way out, whatever happened. The superuser ``transcite`` logs in
without a password on the socket; the user ``alice`` (password ``right``) needs hers, so
that the tests can try a wrong one. ``make test`` installs the package (``make postgres``).
The benchmarks (``bench/bench_corpus.py --postgres``) start one the same way.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count

USER = "transcite"
_numbers = count(1)


def bin_dir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is needed for these tests: make postgres (apt-get install postgresql)"
        )
    return os.path.dirname(found[-1])


@dataclass
class Server:
    folder: str
    socket_dir: str
    bin: str

    def url(self, database: str, user: str = USER, password: str | None = None) -> str:
        login = user if password is None else f"{user}:{password}"
        return f"postgresql://{login}@/{database}?host={self.socket_dir}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        return subprocess.run(
            [os.path.join(self.bin, "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
             "-h", self.socket_dir, "-U", USER, "-d", database, "-c", sql],
            check=True, capture_output=True, text=True,
        ).stdout

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far: the postmaster's own and its children's,
        those that ended (reaped into its counts) and those still running (benchmarks)."""
        with open(os.path.join(self.folder, "data", "postmaster.pid")) as handle:
            pid = int(handle.readline())
        tick = os.sysconf("SC_CLK_TCK")

        def fields(p: int) -> list[str]:
            with open(f"/proc/{p}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()

        mine = fields(pid)
        total = sum(int(v) for v in mine[11:15])  # utime stime cutime cstime
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != pid:
                try:
                    child = fields(int(entry))
                except OSError:
                    continue
                if int(child[1]) == pid:  # its parent is the postmaster
                    total += int(child[11]) + int(child[12])
        return total / tick

    def new_database(self, prefix: str = "t") -> str:
        """A new empty database (UTF-8, C collation); its name."""
        name = f"{prefix}{os.getpid()}_{next(_numbers)}"
        self.psql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
        return name


def _as_owner(argv: list[str], owner: str | None) -> list[str]:
    return argv if owner is None else ["runuser", "-u", owner, "--", *argv]


@contextmanager
def server(*, fsync: bool = False, settings: dict[str, str] | None = None) -> Iterator[Server]:
    """A running server in a temporary folder; stopped and removed afterwards (``settings``:
    more server settings, ``-c name=value``, for the benchmarks)."""
    binaries = bin_dir()
    folder = tempfile.mkdtemp(prefix="tpg")
    owner = "nobody" if os.geteuid() == 0 else None
    data, sockets = os.path.join(folder, "data"), os.path.join(folder, "s")
    os.mkdir(sockets)
    if owner is not None:
        shutil.chown(folder, owner)
        shutil.chown(sockets, owner)
    os.chmod(folder, 0o755)
    started = False
    try:
        hba = os.path.join(folder, "hba")
        subprocess.run(
            _as_owner([os.path.join(binaries, "initdb"), "-D", data, "-U", USER, "-E", "UTF8",
                       "--locale=C", "--auth=trust", "--no-sync"], owner),
            check=True, capture_output=True, text=True,
        )
        with open(hba, "w") as handle:
            handle.write(f"local all {USER} trust\nlocal all all scram-sha-256\n")
        shutil.copy(hba, os.path.join(data, "pg_hba.conf"))
        if owner is not None:
            shutil.chown(os.path.join(data, "pg_hba.conf"), owner)
        options = (f"-c listen_addresses='' -c unix_socket_directories={sockets} "
                   f"-c fsync={'on' if fsync else 'off'} -c max_connections=60")
        for name, value in (settings or {}).items():
            options += f" -c {name}={value}"
        subprocess.run(
            _as_owner([os.path.join(binaries, "pg_ctl"), "-D", data, "-l",
                       os.path.join(folder, "log"), "-o", options, "-w", "-t", "120",
                       "start"], owner),
            check=True, capture_output=True, text=True,
        )
        started = True
        running = Server(folder, sockets, binaries)
        running.psql("CREATE ROLE alice LOGIN PASSWORD 'right'")
        yield running
    finally:
        if started:
            subprocess.run(
                _as_owner([os.path.join(binaries, "pg_ctl"), "-D", data, "-m", "immediate",
                           "-w", "stop"], owner),
                check=False, capture_output=True,
            )
        shutil.rmtree(folder, ignore_errors=True)
