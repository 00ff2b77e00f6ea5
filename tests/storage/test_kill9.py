"""``kill -9`` at system calls of every writing command (``bench/bench_kill9.py``, bounded):
strace's ``inject`` kills the command at one system call, then the script checks that every
file it writes is the old one or the new one, byte for byte, that the same command again (while
a file is old) succeeds, that ``list`` prints what a fresh index prints, that
``index --check`` finds no difference, and that no temporary file is left (see its docstring).

Here: ``export -o`` at every call from the first naming a temporary file, ``ingest --force``
at every call that opens, writes, syncs, renames or locks from the first naming its lock,
and the other commands (``revise``, ``align``, ``index``, ``index --rebuild``, a batch
``ingest``) at every 80th call from the first naming the corpus (about 90 kills; each costs a
third of a CPU-second): ``TRANSCITE_KILL9_SAMPLE=N`` kills at every N-th instead (``1``: every
call from the first naming the corpus, about 6,800 kills). The long form,
``--region all``, kills at every system call of the whole process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "bench" / "bench_kill9.py"
WRITES = "openat,write,fsync,rename,fchmod,flock,mkdir"
#: the sample of the corpus region's calls: every SAMPLE-th (tests/README.md)
SAMPLE = int(os.environ.get("TRANSCITE_KILL9_SAMPLE", "80"))


def _kill9(*args: str) -> list[dict[str, object]]:
    if shutil.which("strace") is None:
        pytest.fail("strace is needed (apt-get install strace; CI installs it)")
    proc = subprocess.run([sys.executable, str(SCRIPT), *args, "--json"],
                          capture_output=True, text=True, check=False, timeout=1200)
    assert proc.stderr == ""
    results = json.loads(proc.stdout)
    for result in results:
        assert result["problems"] == [], result["command"]
        # killed every time (never "finished"), never torn ("neither")
        assert all(k.startswith("killed, ") and "neither" not in k
                   for k in result["outcomes"]), result
    assert proc.returncode == 0
    return results


@pytest.mark.slow
@pytest.mark.parametrize(("command", "only"), [("export", ""), ("ingest", WRITES)])
def test_kill_9_at_every_system_call_of_the_write(command: str, only: str) -> None:
    (result,) = _kill9("--region", "write", "--command", command, "--only", only)
    assert result["system calls"] == result["killed at"] >= 10
    outcomes = result["outcomes"]
    assert outcomes.get("killed, old", 0) >= 1 and outcomes.get("killed, new", 0) >= 1


@pytest.mark.slow
def test_kill_9_at_a_sample_of_every_writing_commands_calls() -> None:
    commands = ["revise", "align", "index", "rebuild", "batch"]
    results = _kill9("--region", "corpus", "--sample", str(SAMPLE),
                     "--command", ",".join(commands))
    assert [r["command"] for r in results] == commands
    for result in results:
        # every SAMPLE-th call of the region, the first included
        assert result["killed at"] == -(-result["system calls"] // SAMPLE) >= 1
        assert sum(result["outcomes"].values()) == result["killed at"]
