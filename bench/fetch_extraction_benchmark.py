"""Fetch the public article-extraction benchmark (181 real news pages) for bench_extraction.py.

    .venv/bin/python bench/fetch_extraction_benchmark.py [DIR] [--source URL_OR_PATH]

Clones scrapinghub/article-extraction-benchmark into DIR (checking out only its scorer,
ground truth, pages, licence and README), by default
``~/.cache/transcite/article-extraction-benchmark``, outside the checkout: the pages are
third-party material and are never committed here. ``--source`` clones from another URL or a
local git directory (a mirror) instead. A DIR that already holds the benchmark is left as it
is. Prints the folder, to give to ``bench/bench_extraction.py``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPOSITORY = "https://github.com/scrapinghub/article-extraction-benchmark.git"
DEFAULT_DIR = Path.home() / ".cache" / "transcite" / "article-extraction-benchmark"
ROOT = Path(__file__).resolve().parent.parent
NEEDED = ("evaluate.py", "ground-truth.json", "html", "LICENSE", "README.rst")


def is_benchmark(folder: Path) -> bool:
    """True when ``folder`` holds the benchmark's scorer, ground truth and pages."""
    return (
        (folder / "evaluate.py").is_file()
        and (folder / "ground-truth.json").is_file()
        and any((folder / "html").glob("*.html.gz"))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--source", default=REPOSITORY, help="git URL or local git directory")
    args = parser.parse_args()
    target: Path = args.dir.expanduser().resolve()
    if target == ROOT or ROOT in target.parents:
        print(f"error: {target} is inside the checkout; the benchmark's pages must stay out "
              "of it", file=sys.stderr)
        return 2
    if is_benchmark(target):
        print(target)
        return 0
    if target.exists() and any(target.iterdir()):
        print(f"error: {target} exists and is not the benchmark; give an empty folder",
              file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    # only what the runner needs: the scorer, the ground truth and the pages (not the 30-odd
    # extractors' outputs), so a partial mirror is enough too
    clone = ["git", "clone", "--quiet", "--no-checkout", args.source, str(target)]
    checkout = ["git", "-C", str(target), "checkout", "--quiet", "HEAD", "--", *NEEDED]
    done = subprocess.run(clone)
    if done.returncode == 0:
        done = subprocess.run(checkout)
    if done.returncode != 0 or not is_benchmark(target):
        print(f"error: could not clone {args.source} into {target}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
