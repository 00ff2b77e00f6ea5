"""Concurrent writers, as separate processes: does every update survive?

Three scenarios, each with P worker processes doing R operations as fast as they can on one
corpus folder (every operation is a whole ``transcite`` command, run in-process by the
worker with click's test runner, so that a round costs a command's work and not an
interpreter start):

- ``revise``: every worker revises the same record R times, each with its own capture
  (``w3-k17.txt``). Every revision names its capture in the record's history, so the
  history is the serial order the writers took: all P×R must be there, each once, each
  worker's in its own order.
- ``ingest``: every worker ingests the ids ``id-0`` … ``id-(R-1)`` in the same order, so
  each id is created by P processes at once: exactly one must succeed (exit 0), the others
  exit 4, and each record must hold the capture of the one that succeeded.
- ``mixed``: half the workers revise one record, half replace it with ``ingest --force``.
  The result must be explained by a serial order consistent with real time: the record's
  first version is the capture of a successful ingest (or the starting record) that no later
  successful ingest followed, its history lists only revisions that succeeded, each once,
  none that finished before that ingest started, every one that started after it finished,
  in an order that keeps every pair that did not overlap in time.

Run (prints the counts; exit 1 if anything was lost)::

    .venv/bin/python bench/bench_concurrency.py                      # 8 × 50, all three
    .venv/bin/python bench/bench_concurrency.py --processes 8 --rounds 200 --scenario revise
    .venv/bin/python bench/bench_concurrency.py --without-locks   # the baseline: locks off
    .venv/bin/python bench/bench_concurrency.py --postgres        # on a PostgreSQL corpus

With ``--postgres`` each scenario runs on a new database of a server started for the run
(``tests/pg.py``: Debian's postgresql, a Unix socket in a temporary folder), the workers
passing ``--corpus URL``; the revise scenario then also checks that the ``versions`` table
holds every version, 1 to N, once.

``tests/storage/test_concurrency.py`` runs the same script, bounded, in ``make test``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RECORD = "shared"
CAPTURE = """A headline for the concurrency test

By Ann Writer

First paragraph of the article, which stays the same in every version.

Second paragraph, which each writer changes: {marker}.

Third paragraph, also unchanged in every version of it.
"""


def _capture(folder: Path, marker: str) -> Path:
    path = folder / f"{marker}.txt"
    path.write_text(CAPTURE.format(marker=marker), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ worker


def worker(scenario: str, root: str, wid: int, rounds: int, role: str) -> None:
    """Run R operations; print one JSON line per operation (monotonic clock, shared by all
    processes of the machine)."""
    from click.testing import CliRunner

    from transcite.cli.main import cli

    if os.environ.get("BENCH_WITHOUT_LOCKS"):  # the baseline: what the locks prevent
        import contextlib

        from transcite.storage import locks

        locks.locked = lambda *_a, **_k: contextlib.nullcontext()  # type: ignore[assignment]
        from transcite.storage.pg.corpus import PgCorpus

        PgCorpus.locked = lambda self, _i: self.conn.transaction()  # type: ignore[method-assign]
    runner = CliRunner()
    scratch = Path(tempfile.mkdtemp(prefix=f"w{wid}-"))
    for k in range(rounds):
        marker = f"w{wid}-k{k}"
        if scenario == "ingest":
            record_id = f"id-{k}"
            args = ["ingest", str(_capture(scratch, marker)), "--id", record_id]
        elif role == "force":
            args = ["ingest", str(_capture(scratch, marker)), "--id", RECORD, "--force"]
        else:
            args = ["revise", RECORD, str(_capture(scratch, marker))]
        start = time.monotonic()
        result = runner.invoke(cli, [*args, *_where(root)])
        end = time.monotonic()
        error = result.stderr.strip().splitlines()[-1:] if result.exit_code else []
        if result.exit_code and not error and result.exception is not None:
            error = [repr(result.exception)]
        print(json.dumps({"op": role if scenario == "mixed" else scenario, "marker": marker,
                          "k": k, "wid": wid, "start": start, "end": end,
                          "exit": result.exit_code, "error": error}), flush=True)


# ------------------------------------------------------------------------------ driver


def _where(root: str) -> list[str]:
    """The option naming the corpus: ``--corpus URL`` for a database, else ``--texts``."""
    return ["--corpus" if root.startswith("postgresql://") else "--texts", root]


def run_scenario(scenario: str, processes: int, rounds: int, root: str) -> list[dict[str, Any]]:
    """Start the workers at once on ``root``; return every operation's log line."""
    if not root.startswith("postgresql://"):
        Path(root).mkdir(parents=True, exist_ok=True)
    if scenario != "ingest":
        _start_record(root)
    roles = ["force" if scenario == "mixed" and w % 2 else "revise" for w in range(processes)]
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "worker", scenario, str(root), str(w), str(rounds),
             roles[w]],
            stdout=subprocess.PIPE, text=True,
        )
        for w in range(processes)
    ]
    logs: list[dict[str, Any]] = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"a worker failed with exit {proc.returncode}")
        logs.extend(json.loads(line) for line in out.splitlines())
    return logs


def _start_record(root: str) -> None:
    from click.testing import CliRunner

    from transcite.cli.main import cli

    with tempfile.TemporaryDirectory() as scratch:
        result = CliRunner().invoke(cli, [
            "ingest", str(_capture(Path(scratch), "start")), "--id", RECORD, *_where(root)
        ])
    assert result.exit_code == 0, result.stderr


def _labels(record: Any) -> list[str]:
    """The capture of each revision, in the record's history order."""
    out = []
    for revision in record.revisions[1:]:
        label = revision.note.split("revised from ", 1)[1].split(".txt", 1)[0]
        out.append(label)
    return out


def _first_marker(record: Any) -> str:
    """The marker of the record's first version (the capture it was ingested from)."""
    first = record.earlier[0].blocks if record.earlier else record.blocks
    text = next(b.text for b in first if "each writer changes" in getattr(b, "text", ""))
    return text.rsplit(": ", 1)[1].rstrip(".")


def check(scenario: str, logs: list[dict[str, Any]], root: str) -> dict[str, Any]:
    """The counts, and the problems found (an empty list when nothing was lost)."""
    from transcite.storage.backends import open_corpus

    corpus = open_corpus(root)
    problems: list[str] = []
    failed = [log for log in logs if log["exit"] not in (0, 4)]
    problems += [f"{log['marker']}: exit {log['exit']}: {log['error']}" for log in failed]
    database = root.startswith("postgresql://")
    leftovers = [] if database else [n for n in os.listdir(root) if n.endswith(".tmp")]
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    counts: dict[str, Any] = {"scenario": scenario, "operations": len(logs)}
    if scenario == "revise":
        record = corpus.load(RECORD)
        labels = _labels(record)
        ok = [log["marker"] for log in logs if log["exit"] == 0]
        counts |= {"succeeded": len(ok), "versions": record.version,
                   "revisions in history": len(labels)}
        if sorted(labels) != sorted(ok):
            lost = sorted(set(ok) - set(labels))
            problems.append(f"{len(lost)} revisions lost, e.g. {lost[:3]}")
        if len(labels) != len(set(labels)):
            problems.append("a revision is in the history twice")
        problems += _order_problems(labels, logs)
        if database:  # the versions table: every version of the record, once
            stored = [r[0] for r in corpus.conn.execute(  # type: ignore[attr-defined]
                "SELECT n FROM versions WHERE record_id = %s ORDER BY n", (RECORD,))]
            counts["versions in the table"] = len(stored)
            if stored != list(range(1, record.version + 1)):
                problems.append(f"the versions table holds {len(stored)} versions, not "
                                f"1–{record.version}")
    elif scenario == "ingest":
        by_id: dict[str, list[dict[str, Any]]] = {}
        for log in logs:
            by_id.setdefault(f"id-{log['k']}", []).append(log)
        created = sum(1 for ops in by_id.values() for op in ops if op["exit"] == 0)
        refused = sum(1 for ops in by_id.values() for op in ops if op["exit"] == 4)
        counts |= {"ids": len(by_id), "created": created, "refused (exit 4)": refused}
        for record_id, ops in sorted(by_id.items()):
            winners = [op for op in ops if op["exit"] == 0]
            if len(winners) != 1:
                problems.append(f"{record_id}: created {len(winners)} times")
                continue
            if _first_marker(corpus.load(record_id)) != winners[0]["marker"]:
                problems.append(f"{record_id}: holds another capture than its creator's")
    else:
        problems += _mixed_problems(corpus.load(RECORD), logs, counts)
    corpus.close()
    counts["problems"] = problems
    return counts


def _order_problems(labels: list[str], logs: list[dict[str, Any]]) -> list[str]:
    """Revisions that did not overlap in time must be in the history in that order."""
    log = {entry["marker"]: entry for entry in logs}
    problems = []
    for earlier, later in itertools.pairwise(labels):
        if log[later]["end"] < log[earlier]["start"]:
            problems.append(f"{later} finished before {earlier} started but comes after it")
    return problems


def _mixed_problems(record: Any, logs: list[dict[str, Any]], counts: dict[str, Any]) -> list[str]:
    problems = []
    forces = [log for log in logs if log["op"] == "force" and log["exit"] == 0]
    revises = [log for log in logs if log["op"] == "revise" and log["exit"] == 0]
    base = _first_marker(record)
    labels = _labels(record)
    counts |= {"ingest --force succeeded": len(forces), "revise succeeded": len(revises),
               "revisions kept": len(labels), "last base": base}
    if base == "start":
        since = float("-inf")
        winner_start = float("-inf")
        if forces:
            problems.append("the record is the starting one although ingest --force succeeded")
    else:
        winner = next((f for f in forces if f["marker"] == base), None)
        if winner is None:
            return [f"the record's first version {base} is no successful ingest's"]
        since, winner_start = winner["end"], winner["start"]
        later = [f["marker"] for f in forces if f["start"] > winner["end"]]
        if later:
            problems.append(f"ingest {later[0]} started after {base} finished but was lost")
    kept = set(labels)
    if len(labels) != len(kept):
        problems.append("a revision is in the history twice")
    by_marker = {r["marker"]: r for r in revises}
    for label in labels:
        if label not in by_marker:
            problems.append(f"{label} is in the history but did not succeed")
        elif by_marker[label]["end"] < winner_start:
            problems.append(f"{label} finished before {base} started but survived it")
    for r in revises:
        if r["start"] > since and r["marker"] not in kept:
            problems.append(f"{r['marker']} started after {base} finished but was lost")
    problems += _order_problems([lb for lb in labels if lb in by_marker], logs)
    return problems


@contextlib.contextmanager
def _server() -> Any:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from pg import server

    with server(fsync=True) as running:
        yield running


def _run(scenario: str, args: argparse.Namespace, server: Any) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        root = scratch
        if server is not None:
            from transcite.storage.pg import db

            root = server.url(server.new_database("c"))
            conn = db.connect(root)
            db.migrate(conn, root)
            conn.close()
        start = time.monotonic()
        cpu = os.times()
        logs = run_scenario(scenario, args.processes, args.rounds, root)
        spent = os.times()
        counts = check(scenario, logs, root)
        counts["seconds"] = round(time.monotonic() - start, 1)
        counts["worker_cpu_s"] = round(spent.children_user + spent.children_system
                                       - cpu.children_user - cpu.children_system, 1)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--scenario", choices=["revise", "ingest", "mixed", "all"],
                        default="all")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--without-locks", action="store_true",
                        help="baseline: the same run with the record locks turned off")
    parser.add_argument("--postgres", action="store_true",
                        help="run on PostgreSQL corpora (a server started for the run)")
    args = parser.parse_args()
    if args.without_locks:
        os.environ["BENCH_WITHOUT_LOCKS"] = "1"
    scenarios = ["revise", "ingest", "mixed"] if args.scenario == "all" else [args.scenario]
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(_server()) if args.postgres else None
        results = [_run(scenario, args, server) for scenario in scenarios]
    for counts in results:
        scenario = counts["scenario"]
        if not args.json:
            print(f"{scenario}: {args.processes} processes × {args.rounds} rounds")
            for key, value in counts.items():
                if key not in ("scenario", "problems"):
                    print(f"  {key}: {value}")
            print(f"  problems: {len(counts['problems'])}")
            for problem in counts["problems"][:10]:
                print(f"    {problem}")
    if args.json:
        print(json.dumps(results))
    sys.exit(1 if any(r["problems"] for r in results) else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        main()
