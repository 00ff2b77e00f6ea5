"""Benchmark: `transcite cite` cold start, and citations rendered per second in one process.

    .venv/bin/python bench/bench_cite.py [--runs 20] [--count 10000]

Cold start: `transcite cite kartsev-islamists#p5 --style apa --form in-text` against
`python -c "import click, lxml.etree"`, interleaved in the same run (at most 1.4x, goal 1.2x;
issue 10). transcite freezes what start-up made (``gc.freeze``, cli/main.py), which also spares
the interpreter's collection at exit; the same baseline with ``gc.freeze()`` at its end is
measured beside it, so that the part of the gain that is not transcite's own shows.
`--against DIR` adds the same command run from another checkout's `src/` (e.g. an export of
main), to compare a change with what it changes.
Throughput: --count citations through the library API (`cite_ref`), cycling through every
style, form and pinpoint of the seed record, rendered as text; target at least 20,000/s.
The rich-text rendering alone is reported beside it, as the part no style can avoid.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from pathlib import Path

from bench_record import BASELINE_CMD, BIN, ROOT, cold_medians, compile_transcite

from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style, style_names
from transcite.storage.corpus import Corpus


def throughput(count: int) -> tuple[float, float]:
    """(citations per second, renders per second of prepared citations)."""
    record = Corpus(ROOT / "texts").load("kartsev-islamists")
    jobs = [
        (style, form, ref)
        for style in style_names()
        for form in get_style(style).forms
        for ref in ("kartsev-islamists", "kartsev-islamists#p5", "kartsev-islamists#p5-p7",
                    "kartsev-islamists#fig1")
        if form != "reference" or ref == "kartsev-islamists"
    ]
    work = list(itertools.islice(itertools.cycle(jobs), count))
    start = time.perf_counter()
    citations = [cite_ref(record, ref, style, form) for style, form, ref in work]
    rendered = [c.render("text") for c in citations]
    total = time.perf_counter() - start
    start = time.perf_counter()
    for c in citations:
        c.render("text")
    render_only = time.perf_counter() - start
    assert all(rendered)
    return count / total, count / render_only


def cpu_medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median CPU time (user + system) of each command in fresh processes, interleaved. On a
    machine shared with other work the wall time mostly measures waiting; CPU time does not."""
    import resource
    import statistics

    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--against", metavar="DIR", help="another checkout (its src/ is used)")
    args = parser.parse_args()

    compile_transcite()
    cite_cmd = [str(BIN / "transcite"), "cite", "kartsev-islamists#p5", "--style", "apa",
                "--form", "in-text"]
    frozen = [sys.executable, "-c", "import click, lxml.etree, gc; gc.freeze()"]
    commands = {"baseline": BASELINE_CMD, "frozen": frozen, "cite": cite_cmd}
    if args.against:
        for name, checkout in (("here", ROOT), ("against", Path(args.against).resolve())):
            src = str(checkout / "src")
            subprocess.run([sys.executable, "-m", "compileall", "-q", src], check=True)
            probe = (f"import sys; sys.path.insert(0, {src!r}); "
                     "import transcite.cli.main as m; m.main()")
            commands[name] = [sys.executable, "-c", probe, *cite_cmd[1:]]
    medians = cold_medians(commands, args.runs)
    cpu = cpu_medians(commands, args.runs)
    b, c = medians["baseline"], medians["cite"]
    print(f"python -c 'import click, lxml.etree' (baseline):         {b * 1e3:.1f} ms")
    print(f"transcite cite kartsev-islamists#p5 --form in-text (cold): {c * 1e3:.1f} ms")
    print(f"ratio: {c / b:.2f}x (at most 1.4x, goal 1.2x)")
    f = medians["frozen"]
    print(f"the baseline with gc.freeze() at its end:                 {f * 1e3:.1f} ms "
          f"(cite {c / f:.2f}x of it)")
    if args.against:
        h, a = medians["here"], medians["against"]
        print(f"the same through python -c, this checkout:                {h * 1e3:.1f} ms "
              f"({h / b:.2f}x)")
        print(f"the same through python -c, {args.against}: {a * 1e3:.1f} ms ({a / b:.2f}x)")
    print("CPU time (user + system) of each process, less sensitive to a busy machine:")
    for name, value in cpu.items():
        print(f"  {name:10s} {value * 1e3:7.1f} ms CPU  {value / cpu['baseline']:.2f}x  "
              f"({value / cpu['frozen']:.2f}x of frozen)")

    per_s, render_per_s = throughput(args.count)
    print(f"{args.count} citations (cite_ref + render, all styles/forms/pinpoints): "
          f"{per_s:,.0f}/s (target >= 20,000/s)")
    print(f"rendering prepared citations as text alone:                 {render_per_s:,.0f}/s")


if __name__ == "__main__":
    main()
