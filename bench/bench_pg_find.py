"""Benchmark: what a `find` costs the PostgreSQL server, this checkout against another.

    .venv/bin/python bench/bench_pg_find.py /work/corpora/c10k [--queries 300] [--runs 2] \
        [--against DIR]

One server is started for the run (``tests/pg.py``: fsync on, a Unix socket,
``pg_stat_statements`` loaded; ``--shared-buffers`` to give it more than PostgreSQL's
default 128MB); the folder is copied into a database by this checkout
(``transcite corpus copy``) and analysed (``VACUUM ANALYZE``). Then each checkout, in turn and
``--runs`` times, runs in a fresh process the same ``find`` queries through the library
(``bench_corpus.make_queries``: exact 10-word phrases and 30-word quotes with 2 words
changed, ``--queries`` of each) and reports: median and p99 time, recall@1 and @5, the CPU
time of its process per query and the **server's CPU time per query** (all the server's
processes, measured around the run), and the statements that took most of the server's time
with the buffers they read per call (``pg_stat_statements``). ``--against DIR``: another
checkout's ``src/`` (an export of main: ``git archive main | tar -x -C DIR``) as the baseline,
named by its folder (repeat it for several). ``--server FOLDER DATABASE`` measures on a
running server of ``tests/pg.py`` whose database already holds the folder's records.
The machine is shared: compare the CPU times and the two checkouts, not wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {"shared_preload_libraries": "pg_stat_statements"}



def worker(url: str, folder: str, count: int) -> None:
    """Run the queries through the library of the checkout on ``sys.path``; print JSON."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_corpus import bench_find, make_queries

    from transcite.storage.corpus import Corpus
    from transcite.storage.pg.corpus import PgCorpus

    queries = make_queries(Corpus(folder).ids(), count)
    corpus = PgCorpus(url)
    found = bench_find(corpus.index(), queries)
    corpus.close()
    keep = ("median_ms", "p99_ms", "client_cpu_ms_per_query", "recall@1", "recall@5")
    print(json.dumps({kind: {k: v[k] for k in keep} for kind, v in found.items()}))


def measure(running: object, url: str, src: Path, folder: str, count: int) -> dict:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")
    server_cpu = running.cpu_seconds()  # type: ignore[attr-defined]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--worker", url, folder, "--queries", str(count)],
        check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(src)},  # before the installed transcite
    ).stdout
    seconds = time.perf_counter() - start
    server_cpu = running.cpu_seconds() - server_cpu  # type: ignore[attr-defined]
    with psycopg.connect(url, autocommit=True) as conn:
        top = [
            {"ms_per_call": round(r[0] / r[1], 2), "calls": r[1],
             "buffers_hit_per_call": round(r[2] / r[1]), "buffers_read_per_call":
             round(r[3] / r[1]), "query": " ".join(r[4].split())[:80]}
            for r in conn.execute(
                "SELECT total_exec_time, calls, shared_blks_hit, shared_blks_read, query "
                "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE "
                "datname = current_database()) AND calls > 0 ORDER BY total_exec_time DESC "
                "LIMIT 4")
        ]
    return {"seconds": round(seconds, 1),
            "server_cpu_ms_per_query": round(server_cpu * 1000 / (2 * count), 1),
            "find": json.loads(out), "statements": top}


def compare(running: object, url: str, checkouts: dict[str, Path],
            args: argparse.Namespace) -> dict[str, list[dict]]:
    """Each checkout in turn, ``--runs`` times."""
    runs: dict[str, list[dict]] = {name: [] for name in checkouts}
    for _ in range(args.runs):
        for name, src in checkouts.items():
            runs[name].append(measure(running, url, src, args.folder, args.queries))
            print(name, json.dumps(runs[name][-1]), file=sys.stderr, flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--against", metavar="DIR", action="append", default=[],
                        help="another checkout (its src/ is used); may be repeated")
    parser.add_argument("--shared-buffers", metavar="SIZE",
                        help="the server's shared_buffers (PostgreSQL's default: 128MB)")
    parser.add_argument("--server", nargs=2, metavar=("FOLDER", "DATABASE"),
                        help="use a running server of tests/pg.py (its temporary folder) and "
                        "its database holding the folder's records, with pg_stat_statements")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.folder, args.queries)
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import bin_dir, server

    checkouts = {"here": ROOT / "src"}
    for other in args.against:
        checkouts[Path(other).name] = Path(other).resolve() / "src"
    report: dict[str, object] = {"folder": args.folder, "load_average": os.getloadavg()}
    transcite = str(Path(sys.executable).parent / "transcite")
    settings = dict(SETTINGS)
    if args.shared_buffers:
        settings["shared_buffers"] = args.shared_buffers
    report["settings"] = settings
    if args.server:  # a running server of tests/pg.py whose database holds the folder
        from pg import Server

        folder, database = args.server
        running = Server(folder, os.path.join(folder, "s"), bin_dir())
        runs = compare(running, running.url(database), checkouts, args)
    else:
        with server(fsync=True, settings=settings) as running:
            database = running.new_database("find")
            url = running.url(database)
            for step in (["corpus", "init", "--corpus", url],
                         ["corpus", "copy", args.folder, url, "--jobs", "2"]):
                subprocess.run([transcite, *step], check=True, capture_output=True)
            running.psql("CREATE EXTENSION pg_stat_statements", database)
            running.psql("VACUUM ANALYZE", database)
            runs = compare(running, url, checkouts, args)
    report["runs"] = runs
    report["server_cpu_ms_per_query_median"] = {
        name: statistics.median(r["server_cpu_ms_per_query"] for r in found)
        for name, found in runs.items()
    }
    report["load_average_end"] = os.getloadavg()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
