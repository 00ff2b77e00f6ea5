"""Benchmark: rendering prepared citations in each output format, against another checkout.

    .venv/bin/python bench/bench_render.py [--rounds 5] [--repeat 20] [--against DIR]

Every citation of every record variant in ``tests/variants.py`` (each style, form and
pinpoint) is made once, then rendered ``--repeat`` times in ``text``, ``html``, ``markdown``
and ``latex``. Each measurement runs in a fresh process, with this checkout's ``src/`` and, with
``--against DIR`` (e.g. ``/work/main``), with that checkout's, alternating, ``--rounds`` times;
the median wall and CPU (``time.process_time``) time per format is printed for each. The
rendering is what a change to the rich-text walker or a backend costs every citation.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "html", "markdown", "latex")

_PROBE = """
import json, sys, time
sys.path.insert(0, {src!r}); sys.path.insert(0, {tests!r})
from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style, style_names
from variants import PINPOINTS, variants
citations = []
for record in variants().values():
    for style in style_names():
        for form in get_style(style).forms:
            for pin in PINPOINTS if form != "reference" else ("",):
                ref = f"{{record.id}}#{{pin}}" if pin else record.id
                citations.append(cite_ref(record, ref, style, form))
out = {{"count": len(citations)}}
for fmt in {formats!r}:
    for c in citations[:50]:
        c.render(fmt)  # the backend's module loaded, caches warm
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range({repeat}):
        for c in citations:
            c.render(fmt)
    out[fmt] = (time.perf_counter() - wall, time.process_time() - cpu)
print(json.dumps(out))
"""


def measure(checkout: Path, repeat: int) -> dict[str, list[float] | int]:
    probe = _PROBE.format(
        src=str(checkout / "src"), tests=str(ROOT / "tests"), formats=FORMATS, repeat=repeat
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    data: dict[str, list[float] | int] = json.loads(result.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--against", metavar="DIR", help="another checkout (its src/ is used)")
    args = parser.parse_args()
    checkouts = {"here": ROOT}
    if args.against:
        checkouts["against"] = Path(args.against).resolve()
    runs: dict[str, list[dict[str, list[float] | int]]] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            runs[name].append(measure(checkout, args.repeat))
    count = runs["here"][0]["count"]
    print(f"{count} citations x {args.repeat} renders per format, median of {args.rounds} "
          "processes (wall / CPU, ms)")
    for fmt in FORMATS:
        cells = []
        for name, checkout in checkouts.items():
            wall = statistics.median(r[fmt][0] for r in runs[name])  # type: ignore[index]
            cpu = statistics.median(r[fmt][1] for r in runs[name])  # type: ignore[index]
            cells.append(f"{name} ({checkout}): {wall * 1e3:7.1f} / {cpu * 1e3:7.1f}")
        print(f"  {fmt:9s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
