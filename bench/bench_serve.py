"""Benchmark: `transcite serve`, start-up and 1,000 requests per endpoint.

    .venv/bin/python bench/bench_serve.py [--requests 1000] [--starts 5]

Start-up: from starting `transcite serve --texts texts` to the first answer of `/api/records`,
median of --starts runs, beside `transcite --version` (the CLI's own start) and
`python -c "import click, lxml.etree"` (bench_record's baseline), interleaved run by run in
the same run. Each is given in wall time and in CPU time (the server's user + system time
when it first answers, read from /proc; the baselines' from the rusage of the finished
child), since on a loaded machine the wall time is mostly waiting for a CPU.
Right after each start the seed's page is requested once: its first serving (the record parsed
from its file), the figure the issue's "< 50 ms after start-up" is about.

Load: one server, one client with keep-alive, --requests requests of each endpoint, sent in
rounds (one of each per round, so that the machine's noise falls on all alike): the seed's
page, a citation (`/api/cite`), a quotation (`/api/quote`, HTML), and the baseline, a static
asset (`/static/reading-room.css`): what the framework and the transport cost with no
transcite work at all. Median and 99th percentile of each, in ms, and the server's CPU time
per request (the sum of its CPU time over the requests of that endpoint / their number; the
server is idle between requests). Targets (the issue): page < 50 ms, citation < 10 ms,
start-up < 1 s. A search (`/api/find`) is measured too, with fewer requests (--searches).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import time

import httpx
from bench_record import BASELINE_CMD, BIN, ROOT, compile_transcite

ENDPOINTS = {
    "static asset (baseline)": "/static/reading-room.css",
    "seed page": "/records/kartsev-islamists",
    "citation": "/api/cite?ref=kartsev-islamists%23p5&style=apa&form=in-text",
    "quotation (html)": "/api/quote?ref=kartsev-islamists%23p14:s1&style=chicago-notes"
                        "&format=html",
}
SEARCH = "/api/find?q=a+lively+contest+to+assert+their+influence"
_TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process (all its threads), from /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def cold_cpu(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
_URL = re.compile(rb"reading room at (http://\S+/) ")


def start() -> tuple[subprocess.Popen[bytes], str, float, float, float]:
    """A server on the committed texts/: (process, URL, seconds to the first API answer,
    seconds for the first page after that, the server's CPU seconds at its first answer)."""
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
        cpu = cpu_of(process.pid)
        page_start = time.perf_counter()
        assert client.get(ENDPOINTS["seed page"]).status_code == 200
        first_page = time.perf_counter() - page_start
    return process, url, ready, first_page, cpu


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


def load(url: str, pid: int, requests: int, searches: int
         ) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Wall seconds of each request, and the server's CPU seconds per request, by endpoint."""
    endpoints = dict(ENDPOINTS)
    times: dict[str, list[float]] = {name: [] for name in [*endpoints, "search (find)"]}
    cpu = dict.fromkeys(times, 0.0)

    def one(client: httpx.Client, name: str, path: str) -> None:
        before = cpu_of(pid)
        began = time.perf_counter()
        answer = client.get(path)
        times[name].append(time.perf_counter() - began)
        cpu[name] += cpu_of(pid) - before
        assert answer.status_code == 200, (path, answer.status_code)

    with httpx.Client(base_url=url, timeout=30) as client:
        for path in [*endpoints.values(), SEARCH]:  # warm: records parsed, templates compiled
            client.get(path)
        for n in range(requests):
            for name, path in endpoints.items():
                one(client, name, path)
            if n < searches:
                one(client, "search (find)", SEARCH)
    return times, {name: cpu[name] / max(1, len(times[name])) for name in times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    compile_transcite()
    os.environ.pop("TRANSCITE_TEXTS", None)

    baselines = {"transcite --version": [str(BIN / "transcite"), "--version"],
                 "import click, lxml.etree": BASELINE_CMD}
    walls: dict[str, list[float]] = {name: [] for name in ["serve", *baselines]}
    cpus: dict[str, list[float]] = {name: [] for name in walls}
    firsts = []
    for _ in range(args.starts):  # interleaved: the machine's load falls on all alike
        process, _, ready, first_page, cpu = start()
        stop(process)
        walls["serve"].append(ready)
        cpus["serve"].append(cpu)
        firsts.append(first_page)
        for name, cmd in baselines.items():
            wall, cpu = cold_cpu(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"start-up (median of {args.starts}; wall ms / CPU ms):")
    for name in walls:
        label = "transcite serve, to the first API answer" if name == "serve" else \
            f"baseline {name}"
        print(f"  {label:<44}{statistics.median(walls[name]) * 1000:>7.0f}"
              f"{statistics.median(cpus[name]) * 1000:>7.0f}")
    print(f"first page of the seed after start-up (median of {args.starts}): "
          f"{statistics.median(firsts) * 1000:.1f} ms")

    process, url, _, _, _ = start()
    try:
        times, cpu_per = load(url, process.pid, args.requests, args.searches)
    finally:
        stop(process)
    print(f"\n{args.requests} requests each ({args.searches} searches), one client, keep-alive"
          " (ms):")
    print(f"  {'endpoint':<26}{'median':>8}{'p99':>8}{'server CPU':>12}")
    for name, values in times.items():
        print(f"  {name:<26}{statistics.median(values) * 1000:>8.2f}"
              f"{percentile(values, 99) * 1000:>8.2f}{cpu_per[name] * 1000:>12.2f}")


if __name__ == "__main__":
    sys.exit(main())
