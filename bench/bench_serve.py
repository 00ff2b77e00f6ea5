"""Benchmark: `transcite serve`, start-up and 1,000 requests per endpoint.

    .venv/bin/python bench/bench_serve.py [--requests 1000] [--starts 5]

Start-up: from starting `transcite serve --texts texts` to the first answer of `/api/records`,
median of --starts runs, beside `transcite --version` (the CLI's own start) and
`python -c "import click, lxml.etree"` (bench_record's baseline), interleaved in the same run.
Right after each start the seed's page is requested once: its first serving (the record parsed
from its file), the figure the issue's "< 50 ms after start-up" is about.

Load: one server, one client with keep-alive, --requests requests of each endpoint, sent in
rounds (one of each per round, so that the machine's noise falls on all alike): the seed's
page, a citation (`/api/cite`), a quotation (`/api/quote`, HTML), and the baseline, a static
asset (`/static/reading-room.css`): what the framework and the transport cost with no
transcite work at all. Median and 99th percentile of each, in ms. Targets (the issue): page
< 50 ms, citation < 10 ms, start-up < 1 s.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time

import httpx
from bench_record import BASELINE_CMD, BIN, ROOT, cold_medians, compile_transcite

ENDPOINTS = {
    "static asset (baseline)": "/static/reading-room.css",
    "seed page": "/records/kartsev-islamists",
    "citation": "/api/cite?ref=kartsev-islamists%23p5&style=apa&form=in-text",
    "quotation (html)": "/api/quote?ref=kartsev-islamists%23p14:s1&style=chicago-notes"
                        "&format=html",
}
_URL = re.compile(rb"reading room at (http://\S+/) ")


def start() -> tuple[subprocess.Popen[bytes], str, float, float]:
    """A server on the committed texts/: (process, URL, seconds to the first API answer,
    seconds for the first page after that)."""
    began = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "transcite"), "serve", "--texts", str(ROOT / "texts")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    match = _URL.search(process.stderr.readline())
    assert match, "no URL on stderr"
    url = match.group(1).decode()
    with httpx.Client(base_url=url, timeout=10) as client:
        while True:
            try:
                if client.get("/api/records").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.002)
        ready = time.perf_counter() - began
        page_start = time.perf_counter()
        assert client.get(ENDPOINTS["seed page"]).status_code == 200
        first_page = time.perf_counter() - page_start
    return process, url, ready, first_page


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr is not None:
        process.stderr.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load(url: str, requests: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
    with httpx.Client(base_url=url, timeout=30) as client:
        for path in ENDPOINTS.values():  # warm: the record parsed, the templates compiled
            client.get(path)
        for _ in range(requests):
            for name, path in ENDPOINTS.items():
                began = time.perf_counter()
                answer = client.get(path)
                times[name].append(time.perf_counter() - began)
                assert answer.status_code == 200, (path, answer.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    compile_transcite()
    os.environ.pop("TRANSCITE_TEXTS", None)

    readies, firsts = [], []
    for _ in range(args.starts):
        process, _, ready, first_page = start()
        stop(process)
        readies.append(ready)
        firsts.append(first_page)
    baselines = cold_medians({"transcite --version": [str(BIN / "transcite"), "--version"],
                              "import click, lxml.etree": BASELINE_CMD}, args.starts)
    print(f"start-up, to the first API answer (median of {args.starts}): "
          f"{statistics.median(readies) * 1000:.0f} ms")
    for name, value in baselines.items():
        print(f"  baseline {name}: {value * 1000:.0f} ms")
    print(f"first page of the seed after start-up (median of {args.starts}): "
          f"{statistics.median(firsts) * 1000:.1f} ms")

    process, url, _, _ = start()
    try:
        times = load(url, args.requests)
    finally:
        stop(process)
    print(f"\n{args.requests} requests each, one client, keep-alive (ms):")
    print(f"  {'endpoint':<26}{'median':>8}{'p99':>8}")
    for name, values in times.items():
        print(f"  {name:<26}{statistics.median(values) * 1000:>8.2f}"
              f"{percentile(values, 99) * 1000:>8.2f}")


if __name__ == "__main__":
    sys.exit(main())
