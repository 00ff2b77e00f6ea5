"""``kill -9`` at every system call of a writing command: is every file old or new, and the
index never wrong?

Commands (each from its own starting corpus, with an up-to-date index built beforehand):
``ingest --force`` and ``revise`` of the seed record, ``align`` of a translation to its
original, ``export -o`` over an existing file, ``index`` (a record added behind the index's
back), ``index --rebuild``, and a batch ``ingest FOLDER --force`` of three captures (one
replacing a record, two new).

Each command is first run once under ``strace`` to list its system calls (``--region all``:
every call of the whole process from ``execve``; ``corpus``: from the first naming the work
folder; ``before``: the calls before that one, so that ``corpus`` and ``before`` make
``all``; ``write``: from the first naming a lock or temporary file); then, for every system
call of that list, the command is run again from the same starting files with strace's
``inject`` delivering SIGKILL on entering exactly that call (``-e inject=NAME:signal=KILL:
when=K``: the K-th call of NAME). After each kill:

- every file the command writes must be byte for byte the old file or the new one (the new
  one is what an uninterrupted run writes; "old" for a new record is "absent");
- if the work folder is byte for byte the starting one (a kill before anything was written)
  the next command is the reference run already checked, and nothing more is run;
- else, unless a kill before left the folder with the same content (every name and every
  file's bytes, the index's included: the next command then does the same), the next
  command runs: the same command again while any file is old (it must succeed
  and leave every file new), then ``list --format json``, which must print what a fresh index
  of the same files prints (the index is never wrong on the next read), then
  ``index --check`` must find no difference, and no temporary file (``*.tmp``, ``*.new``,
  SQLite ``-journal``/``-wal``) may be left anywhere in the folder.

Kills run in parallel (``--jobs``, default 2); run the whole script with ``nice``.
Needs Debian's ``strace``. Run::

    nice -n 10 .venv/bin/python bench/bench_kill9.py --region all      # every call: ~25,000
    .venv/bin/python bench/bench_kill9.py --region write --command export
    .venv/bin/python bench/bench_kill9.py --sample 97                   # every 97th call

``tests/storage/test_kill9.py`` runs a small sample of each command in ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = "kartsev-islamists"
SEED_XML = ROOT / "texts" / f"{SEED}.xml"
DATA = ROOT / "tests" / "data"
CAPTURE = DATA / f"{SEED}.txt"
CORRECTED = DATA / f"{SEED}-corrected.txt"
BILINGUAL = DATA / "bilingual"
_CALL = re.compile(r"^(?:\d+\s+)?([a-z_0-9]+)\(")
_LEFT = re.compile(r"(\.tmp|\.new|-journal|-wal|-shm)\Z")
#: the starting files' modification time (old enough not to be "racily clean")
_OLD_TIME = 1_600_000_000
COMMANDS = ("ingest", "revise", "align", "export", "index", "rebuild", "batch")


@dataclass
class Scenario:
    name: str
    args: list[str]
    targets: list[str]  # paths relative to the work folder
    rerun: bool  # whether the same command is run again while a target is old


def scenario(name: str, work: Path) -> Scenario:
    t = ["--texts", str(work / "texts")]
    return {
        "ingest": Scenario(name, ["ingest", str(CAPTURE), "--id", SEED, "--force", *t],
                           [f"texts/{SEED}.xml"], True),
        "revise": Scenario(name, ["revise", SEED, str(CORRECTED), "--date", "2030-01-01", *t],
                           [f"texts/{SEED}.xml"], True),
        "align": Scenario(name, ["align", "library-en", "library-ru", *t],
                          ["texts/library-en.xml"], True),
        "export": Scenario(name, ["export", SEED, "--to", "ris", "-o",
                                  str(work / "out" / "library.ris"), *t],
                           ["out/library.ris"], True),
        "index": Scenario(name, ["index", "--jobs", "1", *t], [], False),
        "rebuild": Scenario(name, ["index", "--rebuild", "--jobs", "1", *t], [], False),
        "batch": Scenario(name, ["ingest", str(work / "captures"), "--id-from", "file",
                                 "--force", "--jobs", "1", *t],
                          ["texts/a.xml", "texts/b.xml", "texts/c.xml"], True),
    }[name]


def _transcite(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "transcite.cli.main", *args]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_transcite(args), capture_output=True, text=True, check=False)


_IN_ONE = """
import contextlib, io, json, sys
from transcite.cli.main import cli
results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(args, prog_name="transcite")
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def _run_in_one_process(commands: list[list[str]]) -> list[tuple[int, str, str]]:
    proc = subprocess.run([sys.executable, "-c", _IN_ONE, json.dumps(commands)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return [(-1, "", f"the checking process failed: {proc.stderr[-300:]}")] * len(commands)
    return [(r[0], r[1], r[2]) for r in json.loads(proc.stdout)]


def _must(args: list[str]) -> None:
    proc = _run(args)
    if proc.returncode != 0:
        raise SystemExit(f"setting up failed: transcite {' '.join(args)}: {proc.stderr}")


def make_template(name: str, template: Path) -> None:
    """The starting corpus of a command: records, an up-to-date index, an old export."""
    shutil.rmtree(template, ignore_errors=True)
    texts = template / "texts"
    texts.mkdir(parents=True)
    (template / "out").mkdir()
    t = ["--texts", str(texts)]
    shutil.copy(SEED_XML, texts)
    (template / "out" / "library.ris").write_text("TY  - NEWS\nTI  - the old export\nER  - \n")
    if name == "align":
        _must(["ingest", str(BILINGUAL / "library-en.txt"), "--id", "library-en", *t])
        _must(["ingest", str(BILINGUAL / "library-ru.txt"), "--id", "library-ru",
               "--language", "ru", *t])
    if name == "batch":
        captures = template / "captures"
        captures.mkdir()
        shutil.copy(CAPTURE, captures / "a.txt")
        shutil.copy(CORRECTED, captures / "b.txt")
        shutil.copy(BILINGUAL / "library-en.txt", captures / "c.txt")
        _must(["ingest", str(CORRECTED), "--id", "a", *t])
    for path in template.rglob("*"):
        os.utime(path, (_OLD_TIME, _OLD_TIME))
    _must(["index", "--jobs", "1", *t])
    if name == "index":  # a record the index has not seen
        shutil.copy(SEED_XML, texts / "extra.xml")
        os.utime(texts / "extra.xml", (_OLD_TIME, _OLD_TIME))
    os.utime(texts, (_OLD_TIME, _OLD_TIME))


def snapshot(work: Path) -> dict[str, str]:
    """Every path under ``work`` -> a hash of its content ("dir" for folders)."""
    found = {}
    for path in sorted(work.rglob("*")):
        rel = str(path.relative_to(work))
        if path.is_symlink() or not path.is_file():
            found[rel] = "dir" if path.is_dir() else "other"
        else:
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@dataclass
class Run:
    """One command's kills: the reference files and what was seen."""

    scenario: Scenario
    template: Path
    fresh: dict[str, str]
    old: dict[str, bytes | None]
    new: dict[str, bytes | None]
    outcome: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    listings: dict[str, str] = field(default_factory=dict)
    clean: dict[Path, bool] = field(default_factory=dict)
    #: folder content after a kill -> the problems its next command showed
    checked: dict[tuple[tuple[str, str], ...], list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: str, problems: list[str]) -> None:
        with self.lock:
            self.outcome[outcome] += 1
            self.problems.extend(problems)

    def expected_listing(self, work: Path, scratch: Path) -> str:
        """What ``list --format json`` prints for these record files with a fresh index."""
        texts = work / "texts"
        key = hashlib.sha256(json.dumps(
            {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(texts.glob("*.xml"))}).encode()).hexdigest()
        with self.lock:
            if key in self.listings:
                return self.listings[key]
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        for path in texts.glob("*.xml"):
            shutil.copy(path, scratch)
        listing = _run(["list", "--format", "json", "--texts", str(scratch)]).stdout
        with self.lock:
            self.listings[key] = listing
        return listing


def _fresh_copy(template: Path, work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work, symlinks=True)


def reference(name: str, scratch: Path) -> Run:
    template = scratch / name / "template"
    make_template(name, template)
    work = scratch / name / "reference"
    _fresh_copy(template, work)
    sc = scenario(name, work)
    old = {t: _read(work / t) for t in sc.targets}
    proc = _run(sc.args)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: the uninterrupted run failed: {proc.stderr}")
    new = {t: _read(work / t) for t in sc.targets}
    for target in sc.targets:
        assert new[target] is not None and new[target] != old[target], (name, target)
    _fresh_copy(template, work)
    return Run(scenario(name, work), template, snapshot(work), old, new)


def list_calls(run: Run, scratch: Path, region: str) -> list[tuple[str, int]]:
    """The system calls of one run in ``region``, as (name, K-th call of that name)."""
    work = scratch / run.scenario.name / "listing"
    _fresh_copy(run.template, work)
    args = scenario(run.scenario.name, work).args
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as trace:
        subprocess.run(["strace", "-qq", "-o", trace.name, "--", *_transcite(args)],
                       capture_output=True, check=True)
        lines = trace.read().splitlines()
    seen: Counter[str] = Counter()
    calls: list[tuple[str, int]] = []
    first = None
    for line in lines:
        match = _CALL.match(line)
        if not match or match[1] in ("exit_group", "exit"):
            continue
        seen[match[1]] += 1
        if first is None and match[1] != "execve" and _starts(
            "corpus" if region == "before" else region, line, work
        ):
            first = len(calls)
        if seen[match[1]] == 1 and match[1] == "execve":
            continue  # strace's own start of the process: not interrupted by an inject
        calls.append((match[1], seen[match[1]]))
    return calls[:first] if region == "before" else calls[first or 0:]


def _starts(region: str, line: str, work: Path) -> bool:
    """Whether ``line`` starts the region: any call (all), the first naming the work folder
    (corpus), the first naming a lock or temporary file (write)."""
    if region == "all":
        return True
    if region == "corpus":
        return str(work) in line
    return str(work) in line and (".transcite" in line or ".tmp" in line)


def kill_at(run: Run, work: Path, call: str, k: int) -> None:
    """Kill the command at the K-th call of ``call``, then check as the docstring says."""
    if not run.clean.get(work):
        _fresh_copy(run.template, work)
    sc = scenario(run.scenario.name, work)
    proc = subprocess.run(
        ["strace", "-qq", "-o", "/dev/null", "-e", f"trace={call}",
         "-e", f"inject={call}:signal=KILL:when={k}", "--", *_transcite(sc.args)],
        capture_output=True, check=False,
    )
    killed = "killed" if proc.returncode in (-9, 137) else "finished"
    snap = snapshot(work)
    run.clean[work] = snap == run.fresh  # then no need to copy it afresh
    if run.clean[work]:
        return run.record(f"{killed}, untouched", [])
    problems, states = [], []
    for target in sc.targets:
        now = _read(work / target)
        state = "old" if now == run.old[target] else "new" if now == run.new[target] else None
        states.append(state or "neither")
        if state is None:
            size = "missing" if now is None else f"{len(now)} bytes"
            problems.append(f"{target} is neither old nor new ({size})")
    what = "/".join(sorted(set(states))) or "index"
    key = tuple(sorted(snap.items()))
    with run.lock:
        seen = run.checked.get(key)
    if seen is None:
        seen = check_next(run, sc, work, states)
        with run.lock:
            run.checked[key] = seen
    else:  # the same folder, byte for byte, was checked after an earlier kill
        what += "; next command as after an earlier kill"
    run.record(f"{killed}, {what}", [f"{call} #{k}: {p}" for p in problems + seen])


def check_next(run: Run, sc: Scenario, work: Path, states: list[str]) -> list[str]:
    """The next command after a kill that changed the folder (see the module docstring)."""
    problems = []
    texts = ["--texts", str(work / "texts")]
    rerun = sc.rerun and "old" in states
    # the next commands run one after another in one process (saves two start-ups)
    results = _run_in_one_process(
        ([sc.args] if rerun else [])
        + [["list", "--format", "json", *texts], ["index", "--check", "--jobs", "1", *texts]]
    )
    if rerun:
        code, _out, err = results.pop(0)
        if code != 0:
            problems.append(f"the same command again failed: {err.strip()[-300:]}")
        for target in sc.targets:
            if _read(work / target) != run.new[target]:
                problems.append(f"after the same command again, {target} is not new")
    (code, out, err), (check, _out, check_err) = results
    if out != run.expected_listing(work, work.with_name(work.name + "-fresh")):
        problems.append(f"list after the kill differs from a fresh index's "
                        f"(exit {code}: {err.strip()[-300:]})")
    if check != 0:
        problems.append(f"index --check after the next command: {check_err.strip()[-300:]}")
    left = sorted(str(p.relative_to(work)) for p in work.rglob("*") if _LEFT.search(p.name))
    if left:
        problems.append(f"files left after the next command: {left}")
    return problems


def run_command(name: str, region: str, scratch: Path, only: frozenset[str], sample: int,
                jobs: int) -> dict[str, Any]:
    run = reference(name, scratch)
    calls = [c for c in list_calls(run, scratch, region) if not only or c[0] in only]
    total = len(calls)
    if sample > 1:
        calls = calls[::sample]
    slots = [scratch / name / f"w{i}" for i in range(jobs)]
    free = list(slots)
    guard = threading.Lock()

    def one(item: tuple[str, int]) -> None:
        with guard:
            work = free.pop()
        try:
            kill_at(run, work, *item)
        finally:
            with guard:
                free.append(work)

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, calls))
    return {"command": name, "system calls": total, "killed at": len(calls),
            "outcomes": dict(run.outcome), "problems": run.problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--region", choices=["all", "corpus", "before", "write"],
                        default="all",
                        help="every system call, those from the first touching the corpus "
                        "or output folder, those before it, or those from the first touching "
                        "a lock or temporary file")
    parser.add_argument("--command", default="all", metavar="NAME,…",
                        help=f"some of {', '.join(COMMANDS)} (default: all)")
    parser.add_argument("--only", default="", metavar="CALL,…",
                        help="only these system calls (e.g. openat,write,fsync,rename)")
    parser.add_argument("--sample", type=int, default=1, metavar="N",
                        help="kill at every N-th system call of the list only")
    parser.add_argument("--jobs", type=int, default=2, help="kills run at once")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("strace") is None:
        raise SystemExit("strace is needed: apt-get install strace")
    names = COMMANDS if args.command == "all" else tuple(args.command.split(","))
    if not set(names) <= set(COMMANDS):
        raise SystemExit(f"--command: choose from {', '.join(COMMANDS)}")
    only = frozenset(filter(None, args.only.split(",")))
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            start, cpu = time.monotonic(), _children_cpu()
            result = run_command(name, args.region, Path(scratch), only, args.sample,
                                 args.jobs)
            result["seconds"] = round(time.monotonic() - start, 1)
            result["cpu seconds"] = round(_children_cpu() - cpu, 1)
            results.append(result)
            if not args.json:
                print(f"{name}: kill -9 at {result['killed at']} of {result['system calls']} "
                      f"system calls ({args.region}), {result['seconds']} s "
                      f"({result['cpu seconds']} s CPU)", flush=True)
                for key, count in sorted(result["outcomes"].items()):
                    print(f"  {key}: {count}")
                print(f"  problems: {len(result['problems'])}")
                for problem in result["problems"][:10]:
                    print(f"    {problem}", flush=True)
    if args.json:
        print(json.dumps(results))
    sys.exit(1 if any(r["problems"] for r in results) else 0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    os.environ.pop("TRANSCITE_TEXTS", None)
    main()
