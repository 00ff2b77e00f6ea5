"""Benchmark: CSL styles through pandoc (`--csl`), against the built-in styles in the same run.

    .venv/bin/python bench/bench_csl.py [--runs 10] [--records 1000] [--styles apa,ieee,...]

Cold start, interleaved run by run: `python -c "import click, lxml.etree"` (baseline),
`transcite cite kartsev-islamists#p5 --style apa --form in-text` (built-in) and the same with
`--csl apa` (pandoc's citeproc). Then a bibliography of --records records (copies of the seed
with their own ids, titles, authors and dates) in one call, `transcite export --all --csl
STYLE`, for each style, against `transcite export --all --to csl-json` of the same records
(the part without pandoc); goal: under 5 s for 1,000 records. Wall time and CPU time
(transcite and pandoc together) are both given: on a loaded machine the CPU time is the figure
that does not move.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_record import BASELINE_CMD, BIN, ROOT, cold_medians, compile_transcite

from transcite.core.model import Person
from transcite.storage.corpus import Corpus

SEED = "kartsev-islamists"
FAMILIES = ("Kartsev", "Petrova", "Sidorov", "Ivanova", "Smirnov", "Kuznetsova", "Popov")
GIVEN = ("Dmitry", "Anna", "Ivan", "Olga", "Pavel", "Maria", "Sergei")


def make_corpus(folder: Path, count: int) -> None:
    corpus = Corpus(folder)
    seed = Corpus(ROOT / "texts").load(SEED)
    for n in range(count):
        author = Person(GIVEN[n % 7], FAMILIES[(n // 7) % 7])
        corpus.save(seed._replace(
            id=f"record-{n:04d}", authors=(author,), title=f"{seed.title} Part {n}",
            published=f"{2010 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        ))


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children, pandoc included): the CPU
    time does not grow when other work on the machine slows the wall clock down."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--styles", default="apa,ieee,chicago-notes-bibliography,din-1505-2")
    args = parser.parse_args()

    compile_transcite()
    cite = [str(BIN / "transcite"), "cite", f"{SEED}#p5", "--form", "in-text"]
    medians = cold_medians({
        "baseline": BASELINE_CMD,
        "builtin": [*cite, "--style", "apa"],
        "csl": [*cite, "--csl", "apa"],
    }, args.runs)
    b = medians["baseline"]
    print(f"python -c 'import click, lxml.etree' (baseline):   {b * 1e3:7.1f} ms")
    for name, label in (("builtin", "--style apa"), ("csl", "--csl apa  ")):
        print(f"transcite cite {SEED}#p5 {label} (cold): {medians[name] * 1e3:7.1f} ms "
              f"({medians[name] / b:.1f}x baseline)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        make_corpus(folder, args.records)
        export = [str(BIN / "transcite"), "export", "--all", "--texts", str(folder)]
        runs = max(1, args.runs // 3)
        commands = {"--to csl-json (no pandoc)": [*export, "--to", "csl-json"]}
        commands.update((f"--csl {s}", [*export, "--csl", s]) for s in args.styles.split(","))
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, as cold_medians does
            for name, cmd in commands.items():
                results[name].append(timed(cmd))
        print(f"\n{args.records} records, one call each (median of {runs}; goal < 5 s):")
        for name, pairs in results.items():
            wall = statistics.median(p[0] for p in pairs)
            cpu = statistics.median(p[1] for p in pairs)
            print(f"  export --all {name:<34} {wall:6.2f} s wall, {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main()
