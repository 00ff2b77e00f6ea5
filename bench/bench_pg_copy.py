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

``--back`` measures the way back and ``list`` instead: for each size, one database is filled
by a copy in (with the ``--against`` checkout when given, measured as above), then each
checkout in turn (the baseline first; this checkout after its ``corpus migrate``, when the
schemas differ) copies it back into a new folder, ``corpus copy URL DIR`` (wall time, files/s,
CPU of the command and of the server; every file compared byte for byte with the original;
``--out-timeout`` stops a copy that takes longer and counts the files it wrote), and runs
``list`` and ``list --format json`` ``--lists`` times each, each a new process (the first
makes the output, the others may read what it kept): wall and CPU times of each run.
``--sqlite`` also lists the same records from the folder (the SQLite index, built first)::

    .venv/bin/python bench/bench_pg_copy.py /work/corpora/c100k --sizes 10000 --back \
        --against /tmp/main --sqlite --lists 5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
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
    name, result = copy_in(running, command, folder, count, jobs)
    running.psql(f"DROP DATABASE {name}")
    return result


def copy_in(running, command: list[str], folder: str, count: int, jobs: int) -> tuple[str, dict]:
    """A new database holding the folder's records, copied in by ``command``; its name and
    the copy's figures."""
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
    return name, {
        "records": count, "copied": copied, "seconds": round(seconds, 1),
        "records_per_s": round(count / seconds, 1), "command_cpu_s": round(cpu, 1),
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_s_per_1000": round(server_cpu * 1000 / count, 2),
        "database_bytes_per_record": round(size / count), "tables": tables,
        "statements": statements,
    }


def timed(running, argv: list[str], timeout: float | None = None) -> dict:
    """Run a command: its wall time, its CPU time and the server's, its exit status and
    output (``timeout``: killed after that many seconds)."""
    before, start, server_cpu = os.times(), time.perf_counter(), running.cpu_seconds()
    try:
        done = subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
        status, stdout = done.returncode, done.stdout
    except subprocess.TimeoutExpired as expired:
        status, stdout = "killed after timeout", expired.stdout or b""
    seconds, after = time.perf_counter() - start, os.times()
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(after.children_user + after.children_system - before.children_user
                       - before.children_system, 3),
        "server_cpu_s": round(running.cpu_seconds() - server_cpu, 3),
        "status": status, "stdout": stdout,
    }


def same_files(original: str, copied: str) -> dict:
    """How many of the original folder's record files the copy holds, byte for byte."""
    import filecmp

    names = sorted(n for n in os.listdir(original) if n.endswith(".xml"))
    there = set(os.listdir(copied)) if os.path.isdir(copied) else set()
    present = [n for n in names if n in there]
    differ = [n for n in present if not filecmp.cmp(os.path.join(original, n),
                                                    os.path.join(copied, n), shallow=False)]
    left = [n for n in there if not n.endswith(".xml")]
    return {"written": len(present), "identical": len(present) - len(differ),
            "differ": differ[:5], "other_entries": len(left)}


def lists(running, argv: list[str], runs: int) -> dict:
    """``list`` and ``list --format json``, ``runs`` times each in new processes."""
    found: dict[str, object] = {}
    for fmt in ("text", "json"):
        results = [timed(running, [*argv, "--format", fmt]) for _ in range(runs)]
        found[fmt] = {
            "seconds": [r["seconds"] for r in results],
            "cpu_s": [r["cpu_s"] for r in results],
            "server_cpu_s": [r["server_cpu_s"] for r in results],
            "median_later_s": statistics.median(r["seconds"] for r in results[1:])
            if runs > 1 else None,
            "bytes": len(results[0]["stdout"]),
            "sha256": hashlib.sha256(results[0]["stdout"]).hexdigest()[:16],
            "all_same": len({r["stdout"] for r in results}) == 1,
        }
    return found


def back(running, checkouts: dict[str, Path], folder: str, count: int, args, scratch: str
         ) -> list[dict]:
    """The copy in (by the first checkout), then each checkout's copy back and lists on the
    same database."""
    names = list(checkouts)
    first = "against" if "against" in checkouts else "here"
    order = [first] + [n for n in names if n != first]
    database, copied = copy_in(running, transcite(checkouts[first]), folder, count, args.jobs)
    url = running.url(database)
    results = [{"checkout": first, "step": "copy in", **copied}]
    print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    try:
        for name in order:
            command = transcite(checkouts[name])
            migrated = subprocess.run([*command, "corpus", "migrate", "--corpus", url],
                                      capture_output=True, text=True, check=True)
            out = os.path.join(scratch, f"back-{name}-{count}")
            shutil.rmtree(out, ignore_errors=True)
            run = timed(running, [*command, "corpus", "copy", url, out],
                        timeout=args.out_timeout)
            files = same_files(folder, out)
            shutil.rmtree(out, ignore_errors=True)
            result = {
                "checkout": name, "step": "copy back", "records": count,
                "migrate": migrated.stderr.strip(), "status": run["status"],
                "seconds": run["seconds"], "files_per_s": round(files["written"]
                                                                / run["seconds"], 1),
                "command_cpu_s": run["cpu_s"], "server_cpu_s": run["server_cpu_s"], **files,
            }
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
            result = {"checkout": name, "step": "list", "records": count,
                      **lists(running, [*command, "list", "--corpus", url], args.lists)}
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
        if args.sqlite:
            command = transcite(checkouts["here"])
            built = timed(running, [*command, "index", "--texts", folder])
            result = {"checkout": "here", "step": "list (folder, SQLite)", "records": count,
                      "index_build_s": built["seconds"],
                      **lists(running, [*command, "list", "--texts", folder], args.lists)}
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    finally:
        running.psql(f"DROP DATABASE {database}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--against", metavar="DIR", help="another checkout (its src/ is used)")
    parser.add_argument("--scratch", help="where the subsets' hard links go (kept)")
    parser.add_argument("--back", action="store_true",
                        help="measure the copy back into a folder and list (above)")
    parser.add_argument("--lists", type=int, default=5, help="runs of each list (--back)")
    parser.add_argument("--sqlite", action="store_true",
                        help="also list the folder (SQLite index), with --back")
    parser.add_argument("--out-timeout", type=float, default=None,
                        help="stop a copy back after this many seconds (--back)")
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
            if args.back:
                report["runs"] += back(running, checkouts, folder, count, args,  # type: ignore[operator]
                                       scratch)
                continue
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
