"""Concurrent writers as real processes (``bench/bench_concurrency.py``, bounded): 8 processes
revising one record, creating the same new ids, and mixing ``revise`` with ``ingest --force``.
The script only runs the processes and logs what each command answered; the checks are its
``check()``, which reads the resulting records back from disk (see its docstring for what
each scenario must show). The long run is the script itself (8 × 50 by default)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "bench" / "bench_concurrency.py"


@pytest.mark.slow
def test_eight_processes_lose_nothing() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--processes", "8", "--rounds", "4", "--json"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.stderr == ""
    results = {r["scenario"]: r for r in json.loads(proc.stdout)}
    assert {name: r["problems"] for name, r in results.items()} == {
        "revise": [], "ingest": [], "mixed": []
    }
    assert proc.returncode == 0
    revise = results["revise"]
    assert (revise["succeeded"], revise["revisions in history"], revise["versions"]) == (
        32, 32, 33
    )
    ingest = results["ingest"]
    assert (ingest["ids"], ingest["created"], ingest["refused (exit 4)"]) == (4, 4, 28)
    mixed = results["mixed"]
    assert mixed["ingest --force succeeded"] + mixed["revise succeeded"] == 32
