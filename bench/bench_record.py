"""Benchmark: ingest the seed capture, load a record, and `transcite show` cold start.

    .venv/bin/python bench/bench_record.py [--runs 20]

`transcite show` is compared with `python -c "import click, lxml.etree"` measured in the same
run (target: show at most 1.5x that baseline). Figures are medians; the machine is shared, so
compare the ratio rather than absolute times.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from transcite.ingest.readers import IngestOptions, get_reader
from transcite.storage.tei import record_from_bytes, record_to_bytes

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "tests" / "data" / "kartsev-islamists.txt"
RECORD = ROOT / "texts" / "kartsev-islamists.xml"
BIN = Path(sys.executable).parent


def per_call(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds per call over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(cmd: list[str], runs: int) -> float:
    """Median wall time of a fresh process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


BASELINE_CMD = [sys.executable, "-c", "import click, lxml.etree"]


def compile_transcite() -> None:
    """click and lxml come byte-compiled from their wheels; compile transcite too, as a normal
    install does (an editable install under PYTHONDONTWRITEBYTECODE=1 would never have .pyc)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "transcite")], check=True
    )


def cold_medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command in fresh processes, the commands interleaved run by
    run so that machine load affects all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(cold(cmd, 1))
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    data = CAPTURE.read_bytes()
    reader = get_reader("text")
    options = IngestOptions(id="bench", original_language="ru")

    def ingest() -> bytes:
        return record_to_bytes(reader.read(data, options).record)

    stored = RECORD.read_bytes()
    ingest_s = per_call(ingest, 200)
    load_s = per_call(lambda: record_from_bytes(stored, "bench"), 200)
    print(f"ingest seed (read + build + validate + serialise): {ingest_s * 1e3:.2f} ms")
    print(f"load record (parse + validate + build):             {load_s * 1e3:.2f} ms")

    compile_transcite()
    show_cmd = [str(BIN / "transcite"), "show", "kartsev-islamists"]
    medians = cold_medians({"baseline": BASELINE_CMD, "show": show_cmd}, args.runs)
    b, s = medians["baseline"], medians["show"]
    print(f"python -c 'import click, lxml.etree' (baseline): {b * 1e3:.1f} ms")
    print(f"transcite show kartsev-islamists (cold):          {s * 1e3:.1f} ms")
    print(f"ratio: {s / b:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
