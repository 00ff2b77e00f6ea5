"""Run tests N times under artificial CPU load and report every test whose verdict changed.

    .venv/bin/python tests/flaky.py [--runs N] [--load K] [--minutes M] [-- PYTEST ARGS]
    make test-flaky [RUNS=10] [LOAD=2] [MINUTES=0] [FLAKY='-m "slow or browser"']

A test that passes on an idle machine and fails on a busy one fails by chance, and on a shared
machine it throws away a submission. This script keeps the CPUs busy with K processes per core
(``stress-ng --cpu`` when Debian's ``stress-ng`` is installed, otherwise Python busy loops)
while pytest runs the selected tests N times, one run after another. Each run writes a JUnit
report; at the end every test is listed whose verdict (passed, failed, skipped) was not the
same in all runs, and every test that failed in all of them. With ``--minutes`` no run starts
after that many minutes (as many runs as fit); Ctrl-C reports the runs completed so far.

The runs use Hypothesis's ``ci`` profile (``CI=true``): a fixed draw, so a changed verdict
comes from timing, not from a new example. The PYTEST ARGS default to ``-m "slow or browser"``
(the parts that start browsers and do long work); give ``--`` alone for the whole suite.

Exit status: 0 when every test had one verdict and none failed, 1 otherwise, 2 on bad usage.
The load and the test runs are stopped when the script ends, however it ends.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SELECTION = ["-m", "slow or browser"]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End ``proc`` and everything it started (its own process group): TERM, then KILL."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def start_load(per_core: int) -> tuple[list[subprocess.Popen[bytes]], str]:
    """``per_core`` busy processes on each core; returns them and a description."""
    workers = per_core * _cores()
    if workers == 0:
        return [], "no load"
    if shutil.which("stress-ng"):
        command = ["stress-ng", "--cpu", str(workers), "--quiet"]
        count = 1
    else:
        command, count = [sys.executable, "-c", "while True: pass"], workers
    procs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        for _ in range(count)
    ]
    return procs, shlex.join(command) if count == 1 else f"{count} × {shlex.join(command)}"


def verdicts(report: Path) -> dict[str, str]:
    """Test id → passed / failed / skipped, from a pytest JUnit XML report."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    out: dict[str, str] = {}
    for case in etree.parse(str(report), parser).iter("testcase"):
        module = case.get("classname", "").replace(".", "/")
        test = f"{module}.py::{case.get('name')}"
        tags = {child.tag for child in case}
        verdict = ("failed" if tags & {"failure", "error"} else
                   "skipped" if "skipped" in tags else "passed")
        # a test that passed but errored in teardown appears twice: the failure wins
        if out.get(test) != "failed":
            out[test] = verdict
    return out


def _interrupt(signum: int, frame: object) -> None:
    """A TERM (make interrupted, a CI timeout) unwinds like Ctrl-C, so clean-ups run."""
    raise KeyboardInterrupt


def run_once(args: list[str], report: Path, log: Path) -> tuple[int, float]:
    """One pytest run in its own process group; returns its exit code and wall time."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               f"--junitxml={report}", *args]
    start = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "CI": "true"}, start_new_session=True)
        try:
            code = proc.wait()
        finally:
            _stop(proc)
    return code, time.monotonic() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="tests/flaky.py", description=__doc__.split("\n\n")[0],
        epilog="Arguments after -- go to pytest (default: -m 'slow or browser').",
    )
    parser.add_argument("--runs", type=int, default=10, help="how many runs (default 10)")
    parser.add_argument("--load", type=int, default=2,
                        help="busy processes per core during the runs (default 2; 0: none)")
    parser.add_argument("--minutes", type=float, default=0,
                        help="start no new run after this many minutes (default: no limit)")
    parser.add_argument("--keep", type=Path, help="keep each run's report and log here")
    split = argv.index("--") if "--" in argv else len(argv)
    options = parser.parse_args(argv[:split])
    if options.runs < 1 or options.load < 0 or options.minutes < 0:
        parser.error("--runs must be at least 1, --load and --minutes at least 0")
    selection = argv[split + 1:] if split < len(argv) else DEFAULT_SELECTION

    signal.signal(signal.SIGTERM, _interrupt)
    folder = options.keep or Path(tempfile.mkdtemp(prefix="transcite-flaky-"))
    folder.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = defaultdict(list)
    load, described = start_load(options.load)
    print(f"pytest {shlex.join(selection) or '(whole suite)'}, {options.runs} runs, "
          f"under load: {described} ({_cores()} cores)", flush=True)
    crashed = complete = 0
    interrupted = False
    begun = time.monotonic()
    try:
        for i in range(1, options.runs + 1):
            if options.minutes and time.monotonic() - begun > 60 * options.minutes:
                print(f"stopping after {i - 1} runs: {options.minutes:g} minutes are up",
                      flush=True)
                break
            report, log = folder / f"run-{i}.xml", folder / f"run-{i}.log"
            code, took = run_once(selection, report, log)
            if not report.is_file():
                crashed += 1
                print(f"run {i}: pytest exited {code} with no report; see {log}", flush=True)
                continue
            complete += 1
            result = verdicts(report)
            for test, verdict in result.items():
                seen[test].append(verdict)
            counts = Counter(result.values())
            summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
            print(f"run {i}: {summary} in {took:.0f} s (exit {code})", flush=True)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: the runs completed so far follow")
    finally:
        for proc in load:
            _stop(proc)

    runs = complete
    changed = {t: v for t, v in seen.items() if len(set(v)) > 1 or len(v) < runs}
    always = sorted(t for t, v in seen.items() if t not in changed and v[0] == "failed")
    print(f"{runs} complete runs in {time.monotonic() - begun:.0f} s; "
          f"{len(seen)} tests, {len(changed)} changed verdict, {len(always)} failed every run")
    for test, history in sorted(changed.items()):
        counts = Counter(history)
        if len(history) < runs:
            counts["not run"] = runs - len(history)
        print(f"  changed: {test}: " + ", ".join(f"{v} {n}" for v, n in sorted(counts.items())))
    for test in always:
        print(f"  failed every run: {test}")
    if changed or always or crashed:
        print(f"reports and logs: {folder}")
        return 130 if interrupted else 1
    if options.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 130 if interrupted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
