"""Benchmark: `transcite corpus copy` of a folder into an empty PostgreSQL database, at
several sizes, to see whether its cost grows linearly with the number of records.

    .venv/bin/python bench/bench_pg_copy.py /work/corpora/c100k --sizes 10000 20000 40000 \
        [--jobs 2] [--against DIR] [--scratch DIR]

For each size N, the first N records of the folder (hard links in a scratch folder, made once)
are copied by ``transcite corpus copy SUBSET URL --jobs J`` into a new database of one server
started for the run (``tests/pg.py``: fsync on, a Unix socket, ``pg_stat_statements``
loaded). Reported per copy: wall time, records/s, the CPU time of the command and of the
server, the server's CPU per 1,000 records (constant when the copy grows linearly), the rows
inserted, updated (HOT), and dead in each table (``pg_stat_user_tables``), and the statements
that took most of the server's time (``pg_stat_statements``, nested ones included: the
foreign-key checks show there). Each database is dropped after it is measured.

``--against DIR`` runs the same copies with another checkout's ``src/`` (an export of main,
say: ``git archive main | tar -x -C DIR``) as the baseline, each size right after this
checkout's, on the same server. The machine is shared: compare CPU times and the two
checkouts' ratio, not wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pg import server  # noqa: E402

SETTINGS = {
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "all",
    "pg_stat_statements.max": "1000",
}


def subset(folder: str, count: int, scratch: str) -> str:
    """A folder of hard links to the first ``count`` records of ``folder`` (made once)."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".xml"))[:count]
    target = os.path.join(scratch, f"first{count}")
    if not os.path.isdir(target):
        os.makedirs(target + ".part", exist_ok=True)
        for name in names:
            if not os.path.exists(os.path.join(target + ".part", name)):
                os.link(os.path.join(folder, name), os.path.join(target + ".part", name))
        os.rename(target + ".part", target)
    return target


def transcite(src: Path) -> list[str]:
    """The transcite command line, run from the checkout whose ``src/`` is given."""
    probe = (f"import sys; sys.path.insert(0, {str(src)!r}); "
             "import transcite.cli.main as m; m.main()")
    return [sys.executable, "-c", probe]


def copy_once(running, command: list[str], folder: str, count: int, jobs: int) -> dict:
    import psycopg

    name = running.new_database("copy")
    url = running.url(name)
    subprocess.run([*command, "corpus", "init", "--corpus", url], check=True,
                   capture_output=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        conn.execute("SELECT pg_stat_statements_reset()")
        conn.execute("SELECT pg_stat_reset()")
    before, start, server_cpu = os.times(), time.perf_counter(), running.cpu_seconds()
    subprocess.run([*command, "corpus", "copy", folder, url, "--jobs", str(jobs)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, after = time.perf_counter() - start, os.times()
    server_cpu = running.cpu_seconds() - server_cpu
    cpu = (after.children_user + after.children_system - before.children_user
           - before.children_system)
    time.sleep(1)  # the copy's statistics reach the shared counters when its backend ends
    with psycopg.connect(url, autocommit=True) as conn:
        copied = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        tables = {r[0]: dict(zip(("ins", "upd", "hot_upd", "dead", "live"), r[1:], strict=True))
                  for r in conn.execute(
                      "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, "
                      "n_live_tup FROM pg_stat_user_tables WHERE relname IN "
                      "('records', 'versions', 'blocks', 'terms') ORDER BY relname")}
        statements = [
            {"ms": round(r[0]), "calls": r[1], "rows": r[2], "query": " ".join(r[3].split())[:90]}
            for r in conn.execute(
                "SELECT total_exec_time, calls, rows, query FROM pg_stat_statements "
                "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " ORDER BY total_exec_time DESC LIMIT 6")
        ]
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    running.psql(f"DROP DATABASE {name}")
    return {
        "records": count, "copied": copied, "seconds": round(seconds, 1),
        "records_per_s": round(count / seconds, 1), "command_cpu_s": round(cpu, 1),
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_s_per_1000": round(server_cpu * 1000 / count, 2),
        "database_bytes_per_record": round(size / count), "tables": tables,
        "statements": statements,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--against", metavar="DIR", help="another checkout (its src/ is used)")
    parser.add_argument("--scratch", help="where the subsets' hard links go (kept)")
    args = parser.parse_args()
    scratch = args.scratch or tempfile.mkdtemp(prefix="pgcopy")
    checkouts = {"here": ROOT / "src"}
    if args.against:
        checkouts["against"] = Path(args.against).resolve() / "src"
    for src in checkouts.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
    report: dict[str, object] = {"folder": args.folder, "jobs": args.jobs,
                                 "load_average": os.getloadavg(), "runs": []}
    with server(fsync=True, settings=SETTINGS) as running:
        for count in args.sizes:
            folder = subset(args.folder, count, scratch)
            for name, src in checkouts.items():
                result = {"checkout": name, **copy_once(running, transcite(src), folder,
                                                          count, args.jobs)}
                report["runs"].append(result)  # type: ignore[attr-defined]
                print(json.dumps(result), file=sys.stderr, flush=True)
    report["load_average_end"] = os.getloadavg()
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
