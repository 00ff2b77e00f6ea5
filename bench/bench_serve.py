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
from pathlib import Path

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


def start(src: str | None = None) -> tuple[subprocess.Popen[bytes], str, float, float, float]:
    """A server on the committed texts/ (``src``: the transcite package of another source
    tree, e.g. main's, put first on the path): (process, URL, seconds to the first API
    answer, seconds for the first page after that, the server's CPU seconds at its first
    answer)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(Path(src) / "src")
    began = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "transcite"), "serve", "--texts", str(ROOT / "texts")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
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


def load(servers: dict[str, tuple[str, int]], requests: int, searches: int
         ) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Wall seconds of each request, and the server's CPU seconds per request, by endpoint
    and server (``servers``: label -> (URL, pid)), the servers asked in turn."""
    times: dict[str, list[float]] = {}
    cpu: dict[str, float] = {}
    clients = {label: httpx.Client(base_url=url, timeout=30) for label, (url, _) in
               servers.items()}

    def one(label: str, name: str, path: str) -> None:
        key = f"{name}{label}"
        pid = servers[label][1]
        before = cpu_of(pid)
        began = time.perf_counter()
        answer = clients[label].get(path)
        times.setdefault(key, []).append(time.perf_counter() - began)
        cpu[key] = cpu.get(key, 0.0) + cpu_of(pid) - before
        assert answer.status_code == 200, (path, answer.status_code)

    try:
        for label, client in clients.items():  # warm: records parsed, templates compiled
            for path in ENDPOINTS.values():
                client.get(path)
            if not label:
                client.get(SEARCH)
        for n in range(requests):
            for name, path in ENDPOINTS.items():
                for label in clients:
                    one(label, name, path)
            if n < searches:
                one("", "search (find)", SEARCH)
    finally:
        for client in clients.values():
            client.close()
    return times, {key: cpu[key] / len(times[key]) for key in times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--baseline-src", metavar="DIR",
                        help="also measure the server of another source tree (e.g. a worktree "
                        "of main before a change), interleaved with this one")
    args = parser.parse_args()
    compile_transcite()
    if args.baseline_src:
        subprocess.run([sys.executable, "-m", "compileall", "-q",
                        str(Path(args.baseline_src) / "src" / "transcite")], check=True)
    os.environ.pop("TRANSCITE_TEXTS", None)

    baselines = {"transcite --version": [str(BIN / "transcite"), "--version"],
                 "import click, lxml.etree": BASELINE_CMD}
    srcs = {"serve": None, **({"serve (baseline src)": args.baseline_src}
                              if args.baseline_src else {})}
    walls: dict[str, list[float]] = {name: [] for name in [*srcs, *baselines]}
    cpus: dict[str, list[float]] = {name: [] for name in walls}
    firsts: dict[str, list[float]] = {name: [] for name in srcs}
    for _ in range(args.starts):  # interleaved: the machine's load falls on all alike
        for name, src in srcs.items():
            process, _, ready, first_page, cpu = start(src)
            stop(process)
            walls[name].append(ready)
            cpus[name].append(cpu)
            firsts[name].append(first_page)
        for name, cmd in baselines.items():
            wall, cpu = cold_cpu(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"start-up (median of {args.starts}; wall ms / CPU ms):")
    for name in walls:
        label = f"transcite {name}, to the first API answer" if name in srcs else \
            f"baseline {name}"
        print(f"  {label:<58}{statistics.median(walls[name]) * 1000:>7.0f}"
              f"{statistics.median(cpus[name]) * 1000:>7.0f}")
    for name in srcs:
        print(f"first page of the seed after start-up, {name} (median of {args.starts}): "
              f"{statistics.median(firsts[name]) * 1000:.1f} ms")

    started = {"": start()}
    if args.baseline_src:
        started[" (baseline src)"] = start(args.baseline_src)
    try:
        times, cpu_per = load({label: (s[1], s[0].pid) for label, s in started.items()},
                              args.requests, args.searches)
    finally:
        for server in started.values():
            stop(server[0])
    print(f"\n{args.requests} requests each ({args.searches} searches), one client, keep-alive"
          " (ms):")
    print(f"  {'endpoint':<42}{'median':>8}{'p99':>8}{'server CPU':>12}")
    for name, values in times.items():
        print(f"  {name:<42}{statistics.median(values) * 1000:>8.2f}"
              f"{percentile(values, 99) * 1000:>8.2f}{cpu_per[name] * 1000:>12.2f}")


if __name__ == "__main__":
    sys.exit(main())
