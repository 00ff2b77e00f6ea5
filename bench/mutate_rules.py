"""How many test files fail when one rule changes (issue 10: "one rule change fails in one test
file").

    .venv/bin/python bench/mutate_rules.py [--only NAME ...] [--tests PATH ...] [--list]

For each mutation below (one rule of each style, of the quotation engine, of the credit sheet
and of a rule the styles share), a copy of ``src/`` gets the one change and the quick suite
(``-m "not slow and not browser"``) runs against it (``PYTHONPATH``, so that subprocesses of the
tests use the copy as well). A test file stops at its first failure (the rest of it is
skipped: only failing files are counted), so a run takes a few minutes. The table lists, per
mutation, the failing test files; a mutation that fails none means the rule has no test.
Nothing in the worktree is changed.
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

#: name -> (file under src/transcite, the text, the text it becomes); the text occurs once
MUTATIONS: dict[str, tuple[str, str, str]] = {
    "apa: para.": (
        "cite/styles/apa.py", '"Figure", "para.", "paras."', '"Figure", "par.", "paras."'),
    "mla: Translated by": (
        "cite/styles/mla.py", 'period(f"Translated by {series(names)}")',
        'period(f"Trans. by {series(names)}")'),
    "chicago-notes: trans.": (
        "cite/styles/chicago_notes.py", 'f"trans. {chicago.translators(work)}"',
        'f"tr. {chicago.translators(work)}"'),
    "chicago-author-date: Translated by": (
        "cite/styles/chicago_author_date.py",
        'period(f"Translated by {chicago.translators(work)}")',
        'period(f"Trans. by {chicago.translators(work)}")'),
    "harvard: Available at": (
        "cite/styles/harvard.py", 'span("Available at: ", Link(work.url), ".")',
        'span("Available from: ", Link(work.url), ".")'),
    "ieee: Para.": (
        "cite/styles/ieee.py", '"Paras." if pinpoint.is_range else "Para."',
        '"Paras." if pinpoint.is_range else "Par."'),
    "apa quote rules: block from 40 words": (
        "cite/styles/apa.py", '"words", 40, SPACED)', '"words", 30, SPACED)'),
    "quote: ellipsis spacing": (
        "quote/quoting.py", 'parts.append(f" {ellipsis} ")', 'parts.append(f" {ellipsis}  ")'),
    "credits: Photo: label": (
        "credits/sheet.py", '("Photos: " if len(lines) > 1 else "Photo: ")',
        '("Photos: " if len(lines) > 1 else "Photograph: ")'),
    "shared: serial comma": (
        "core/text.py", 'comma = "," if serial_comma else ""',
        'comma = "" if serial_comma else ""'),
}

#: a pytest plugin: a test file stops at its first failure; failing files are written out
PLUGIN = '''
import json, os
import pytest
_failed = {}

@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.path in _failed:
        pytest.skip("this file already failed")

def pytest_collectreport(report):
    if report.failed:
        _failed[os.path.abspath(report.nodeid.split("::")[0] or "collection")] = None

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if outcome.get_result().failed:
        _failed[item.path] = None

def pytest_sessionfinish(session):
    root = session.config.rootpath
    files = sorted({os.path.relpath(str(p), root) for p in _failed})
    # under pytest-xdist (--workers) each worker writes its own list
    with open(os.environ["MUTATE_OUT"] + os.environ.get("PYTEST_XDIST_WORKER", ""), "w") as out:
        json.dump(files, out)
'''


def run(src: Path, tests: list[str], out: Path, plugin_dir: Path,
        workers: int) -> tuple[list[str], float]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{plugin_dir}", "MUTATE_OUT": str(out)}
    for old in out.parent.glob(out.name + "*"):
        old.unlink()
    start = time.monotonic()
    parallel = ["-n", str(workers), "--dist", "loadfile"] if workers else []
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "mutate_plugin", "-p", "no:cacheprovider",
         *parallel, "-m", "not slow and not browser", *tests],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )
    files: set[str] = set()
    for written in out.parent.glob(out.name + "*"):
        files.update(json.loads(written.read_text()))
    return sorted(files), time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="names of mutations (default: all)")
    parser.add_argument("--tests", nargs="*", default=["tests"], help="test paths to run")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--json", metavar="FILE", help="also write the table as JSON")
    parser.add_argument("--workers", type=int, default=0,
                        help="pytest-xdist worker processes per run (default: none)")
    parser.add_argument("--control", action="store_true",
                        help="first run the tests on src/ unchanged (files failing anyway)")
    args = parser.parse_args()
    chosen = {k: v for k, v in MUTATIONS.items() if not args.only or k in args.only}
    if args.control:
        chosen = {"control (no change)": ("__init__.py", "", ""), **chosen}
    if args.list:
        for name, (path, old, new) in chosen.items():
            print(f"{name}: src/transcite/{path}: {old} -> {new}")
        return
    table: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        work = Path(tmp)
        (work / "plugin").mkdir()
        (work / "plugin" / "mutate_plugin.py").write_text(PLUGIN)
        for name, (path, old, new) in chosen.items():
            src = work / "src"
            if src.exists():
                shutil.rmtree(src)
            shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
            target = src / "transcite" / path
            text = target.read_text(encoding="utf-8")
            if old and text.count(old) != 1:
                raise SystemExit(f"{name}: the text to change occurs {text.count(old)} times")
            target.write_text(text.replace(old, new), encoding="utf-8")
            files, seconds = run(src, args.tests, work / "out.json", work / "plugin",
                                 args.workers)
            table[name] = files
            print(f"{name}: {len(files)} failing file(s) ({seconds:.0f} s)", flush=True)
            for f in files:
                print(f"    {f}", flush=True)
    print("\n| mutation | failing test files |\n| --- | --- |")
    for name, files in table.items():
        print(f"| {name} | {len(files)} |")
    if args.json:
        Path(args.json).write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
