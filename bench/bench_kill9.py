"""``kill -9`` at every system call of a writing command: is the file always old or new?

For each command (``ingest --force`` and ``revise`` of the seed record, ``export -o`` over an
existing file), the command is first run once under ``strace`` to list its system calls;
then, for every system call of that list (``--region corpus``: every one from the first
that names the corpus or output folder; ``--region write``: from the first that names a
lock or temporary file), the command is run again from the same
starting files with strace's ``inject`` delivering SIGKILL on entering exactly that call
(``-e inject=NAME:signal=KILL:when=K``: the K-th call of NAME; strace counts per system call).
After each kill:

- the target file must be byte for byte the old file or the new one (the new one is what an
  uninterrupted run writes), never missing, never a mix;
- the next command (the same one while the file is old, else ``transcite validate``) must
  leave the new file and no temporary file.

Needs Debian's ``strace`` (``apt-get install strace``). Run::

    .venv/bin/python bench/bench_kill9.py                     # every system call: hours
    .venv/bin/python bench/bench_kill9.py --region corpus     # about 1,600 kills
    .venv/bin/python bench/bench_kill9.py --region write      # the write itself

``tests/storage/test_kill9.py`` runs the ``--region write`` form in ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = "kartsev-islamists"
SEED_XML = ROOT / "texts" / f"{SEED}.xml"
CAPTURE = ROOT / "tests" / "data" / f"{SEED}.txt"
CORRECTED = ROOT / "tests" / "data" / f"{SEED}-corrected.txt"
_CALL = re.compile(r"^(?:\d+\s+)?([a-z_0-9]+)\(")


def _commands(work: Path) -> dict[str, tuple[list[str], Path]]:
    """Each command's arguments and the file it writes."""
    texts, out = work / "texts", work / "out" / "library.ris"
    return {
        "ingest": (["ingest", str(CAPTURE), "--id", SEED, "--force", "--texts", str(texts)],
                   texts / f"{SEED}.xml"),
        "revise": (["revise", SEED, str(CORRECTED), "--date", "2030-01-01",
                    "--texts", str(texts)], texts / f"{SEED}.xml"),
        "export": (["export", SEED, "--to", "ris", "-o", str(out), "--texts", str(texts)], out),
    }


def _fresh(work: Path) -> None:
    """The starting files: the seed record, and an old export to be replaced."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "texts").mkdir(parents=True)
    (work / "out").mkdir()
    shutil.copy(SEED_XML, work / "texts")
    (work / "out" / "library.ris").write_text("TY  - NEWS\nTI  - the old export\nER  - \n")


def _transcite(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "transcite.cli.main", *args]


def _temps(work: Path) -> list[str]:
    return sorted(str(p.relative_to(work)) for p in work.rglob("*.tmp"))


def _calls(args: list[str], work: Path, region: str) -> list[tuple[str, int]]:
    """The system calls of one run in ``region``, as (name, K-th call of that name)."""
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as trace:
        subprocess.run(["strace", "-qq", "-o", trace.name, "--", *_transcite(args)],
                       capture_output=True, check=True)
        lines = trace.read().splitlines()
    seen: Counter[str] = Counter()
    calls, first = [], None
    for line in lines:
        match = _CALL.match(line)
        if not match or match[1] in ("exit_group", "exit"):
            continue
        seen[match[1]] += 1
        if first is None and match[1] != "execve" and _starts(region, line, work):
            first = len(calls)
        calls.append((match[1], seen[match[1]]))
    return calls[first or 0:]


def _starts(region: str, line: str, work: Path) -> bool:
    """Whether ``line`` starts the region: any call (all), the first naming the work folder
    (corpus), the first naming a lock or temporary file (write)."""
    if region == "all":
        return True
    if region == "corpus":
        return str(work) in line
    return str(work) in line and (".transcite" in line or ".tmp" in line)


def run_command(
    name: str, region: str, work: Path, only: frozenset[str] = frozenset()
) -> dict[str, Any]:
    args, target = _commands(work)[name]
    _fresh(work)
    old = target.read_bytes()
    subprocess.run(_transcite(args), capture_output=True, check=True)
    new = target.read_bytes()
    assert new != old
    _fresh(work)
    calls = [c for c in _calls(args, work, region) if not only or c[0] in only]
    outcome: Counter[str] = Counter()
    problems: list[str] = []
    for call, k in calls:
        _fresh(work)
        proc = subprocess.run(
            ["strace", "-qq", "-o", "/dev/null", "-e", f"trace={call}",
             "-e", f"inject={call}:signal=KILL:when={k}", "--", *_transcite(args)],
            capture_output=True, check=False,
        )
        killed = proc.returncode in (-9, 137)
        now = target.read_bytes() if target.exists() else None
        state = "old" if now == old else "new" if now == new else "neither"
        outcome[f"{'killed' if killed else 'finished'}, {state}"] += 1
        if state == "neither":
            problems.append(f"{call} #{k}: the file is neither old nor new "
                            f"({'missing' if now is None else f'{len(now)} bytes'})")
        # the next command: the same one when the file is still old (it must write the new
        # file), else validate (a revise of the same text again is refused, rightly)
        texts = str(work / "texts")
        again = args if state == "old" else ["validate", "--all", "--texts", texts]
        after = subprocess.run(_transcite(again), capture_output=True, text=True, check=False)
        if state == "old" and after.returncode != 0:
            last = after.stderr.strip().splitlines()[-1:]
            problems.append(f"{call} #{k}: the next command failed: {last}")
        elif target.read_bytes() != new:
            problems.append(f"{call} #{k}: the next command did not leave the new file")
        left = _temps(work)
        if left:
            problems.append(f"{call} #{k}: temporary files left after the next command: {left}")
    return {"command": name, "system calls": len(calls), "outcomes": dict(outcome),
            "problems": problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--region", choices=["all", "corpus", "write"], default="all",
                        help="every system call, those from the first touching the corpus "
                        "or output folder, or those from the first touching a lock or "
                        "temporary file")
    parser.add_argument("--command", choices=["ingest", "revise", "export", "all"],
                        default="all")
    parser.add_argument("--only", default="", metavar="CALL,…",
                        help="only these system calls (e.g. openat,write,fsync,rename)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("strace") is None:
        raise SystemExit("strace is needed: apt-get install strace")
    names = ["ingest", "revise", "export"] if args.command == "all" else [args.command]
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            start = time.monotonic()
            only = frozenset(filter(None, args.only.split(",")))
            result = run_command(name, args.region, Path(scratch) / name, only)
            result["seconds"] = round(time.monotonic() - start, 1)
            results.append(result)
            if not args.json:
                print(f"{name}: kill -9 at {result['system calls']} system calls "
                      f"({args.region}), {result['seconds']} s")
                for key, count in sorted(result["outcomes"].items()):
                    print(f"  {key}: {count}")
                print(f"  problems: {len(result['problems'])}")
                for problem in result["problems"][:10]:
                    print(f"    {problem}")
    if args.json:
        print(json.dumps(results))
    sys.exit(1 if any(r["problems"] for r in results) else 0)


if __name__ == "__main__":
    os.environ.pop("TRANSCITE_TEXTS", None)
    main()
