"""``kill -9`` at every system call of the write (``bench/bench_kill9.py --region write``,
bounded): strace's ``inject`` kills ``export -o`` at each of its system calls from the first
that names a temporary file, and ``ingest --force`` at each call that opens, writes, syncs,
renames or locks from the first that names its lock. After each kill the file must be
the old one or the new one, byte for byte, and the next command must leave no temporary file
(the script's checks; see its docstring). The long form covers every system call from the
first that names the corpus, for ``ingest``, ``revise`` and ``export``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "bench" / "bench_kill9.py"
WRITES = "openat,write,fsync,rename,fchmod,flock,mkdir"


@pytest.mark.slow
@pytest.mark.parametrize(("command", "only"), [("export", ""), ("ingest", WRITES)])
def test_kill_9_at_every_system_call_of_the_write(command: str, only: str) -> None:
    if shutil.which("strace") is None:
        pytest.fail("strace is needed (apt-get install strace; CI installs it)")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--region", "write", "--command", command,
         "--only", only, "--json"],
        capture_output=True, text=True, check=False, timeout=900,
    )
    assert proc.stderr == ""
    (result,) = json.loads(proc.stdout)
    assert result["problems"] == []
    assert result["system calls"] >= 10
    outcomes = result["outcomes"]
    assert set(outcomes) <= {"killed, old", "killed, new"}  # killed every time, never torn
    assert outcomes.get("killed, old", 0) >= 1 and outcomes.get("killed, new", 0) >= 1
    assert proc.returncode == 0
