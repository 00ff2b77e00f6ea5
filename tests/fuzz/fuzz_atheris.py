"""Coverage-guided fuzzing of transcite's readers with atheris (libFuzzer), for long runs.

The first byte of each input picks the target (``fuzz_targets.TARGETS``: the text, HTML and
TEI readers, format detection, the REF parser, the charset handling), the rest is its input.
A target may return or raise ``TransciteError``; anything else stops the run with the input
saved as ``crash-…`` (libFuzzer's behaviour), which is a bug to fix.

Setup (atheris is not a dependency of transcite; it builds on Linux x86-64 wheels)::

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/fuzz_atheris.py --make-seeds /tmp/fuzz-corpus

Run (hours: leave out -runs; one million executions: as below)::

    .venv/bin/python tests/fuzz/fuzz_atheris.py /tmp/fuzz-corpus -runs=1000000 \\
        -max_len=16384 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1

``FUZZ_NO_INSTRUMENT=1`` leaves transcite uninstrumented: libFuzzer then mutates the seeds
without coverage feedback, several times faster (for a quick million executions).
Add ``-keep_seed=1`` then, or libFuzzer drops the seeds. Run one process per core
(``-jobs`` cannot restart this script: it is not executable).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: the packages the readers run through: every module of them is instrumented up front (a
#: module imported later, e.g. a reader found through the registry, would not be)
PACKAGES = ("transcite.core", "transcite.credits", "transcite.ingest", "transcite.storage")


def _import_all() -> list[str]:
    import transcite

    names = [m.name for m in pkgutil.walk_packages(transcite.__path__, "transcite.")
             if m.name.startswith(PACKAGES)]
    for name in names:
        importlib.import_module(name)
    return names


if os.environ.get("FUZZ_NO_INSTRUMENT"):  # mutation only, several times faster, no coverage
    from fuzz_targets import TARGETS, run
else:
    with atheris.instrument_imports(include=["transcite"]):  # transcite, as it is imported
        MODULES = _import_all()
        from fuzz_targets import TARGETS, run

NAMES = sorted(TARGETS)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    run(TARGETS[NAMES[data[0] % len(NAMES)]], data[1:])


def make_seeds(folder: Path) -> None:
    """A starting corpus: the project's captures, pages and records, one per target."""
    root = HERE.parent.parent
    sources = {
        "text": sorted((root / "tests" / "data").glob("*.txt")),
        "html": sorted((root / "tests" / "data" / "html").glob("*.html")),
        "detected": sorted((root / "tests" / "hostile").glob("*")),
        "tei": sorted((root / "texts").glob("*.xml")) + sorted((root / "tests" / "broken")
                                                               .glob("*.xml")),
        "charset": sorted((root / "tests" / "data" / "html").glob("*.html"))[:2],
    }
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, files in sources.items():
        tag = bytes([NAMES.index(name)])
        for path in files:
            if path.is_file():
                (folder / f"{name}-{path.name}").write_bytes(tag + path.read_bytes()[:16384])
                count += 1
    for ref in ("kartsev-islamists#p5", "x@2#p1:s1,s3", "a#p1-p3", "b#fig1", "c#p2:s2-3"):
        count += 1
        (folder / f"ref-{count}").write_bytes(bytes([NAMES.index("ref")]) + ref.encode())
    print(f"{count} seeds in {folder}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--make-seeds":
        make_seeds(Path(sys.argv[2]))
    else:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
