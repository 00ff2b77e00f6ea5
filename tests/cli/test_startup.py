"""Start-up is guarded by imports, not by a timing: ``transcite cite`` imports exactly these
``transcite`` modules (docs/architecture.md, "Idioms"). A change that makes every citation
import more (a writer, a reader of captures, rapidfuzz…) fails here, where it is cheap to see;
``bench/bench_cite.py`` measures what it costs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SEED_ID, command_imports

CITE_MODULES = [
    "transcite",
    "transcite.api",
    "transcite.cite",
    "transcite.cite.casing",
    "transcite.cite.citation",
    "transcite.cite.form",
    "transcite.cite.quote_rules",
    "transcite.cite.styles",
    "transcite.cite.styles._common",
    "transcite.cite.styles.apa",
    "transcite.cite.work",
    "transcite.cli",
    "transcite.cli.commands",
    "transcite.cli.commands.cite",
    "transcite.cli.main",
    "transcite.cli.options",
    "transcite.core",
    "transcite.core.dates",
    "transcite.core.errors",
    "transcite.core.model",
    "transcite.core.refs",
    "transcite.core.registry",
    "transcite.core.text",
    "transcite.render",
    "transcite.render.punctuation",
    "transcite.render.richtext",
    "transcite.storage",
    "transcite.storage.corpus",
    "transcite.storage.inputs",  # the byte cap on reading a record (os and stat only)
    "transcite.storage.parsers",  # the hardened XML parser (lxml.html only on first use)
    "transcite.storage.tei",
    "transcite.storage.tei_xml",
]
#: never imported to print a citation: heavy, or for other commands only (pathlib pulls in
#: urllib.parse, ipaddress and fnmatch; html its table of entities; importlib.metadata is read
#: only for a name no built-in unit has; dataclasses: the value classes a citation makes are
#: NamedTuples, a fifth of the cost to define)
NEVER = ["rapidfuzz", "diff_match_patch", "importlib.metadata", "pathlib", "html", "lxml.html",
         "dataclasses",
         "transcite.quote.quoting", "transcite.storage.tei_write", "transcite.ingest"]

def _imported(texts: Path, *args: str) -> list[str]:
    return command_imports(*args, "--texts", str(texts))[1]


def test_cite_imports_only_these_modules(texts: Path) -> None:
    modules = _imported(texts, "cite", f"{SEED_ID}#p5", "--style", "apa", "--form", "in-text")
    assert [m for m in modules if m.split(".")[0] == "transcite"] == CITE_MODULES
    assert [m for m in NEVER if m in modules] == []


_GC_PROBE = """
import gc, sys
import transcite.api as api
from transcite.cli.main import main
seen = []
cite = api.cite
def spy(*args, **kwargs):
    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
    return cite(*args, **kwargs)
api.cite = spy
sys.argv = ["transcite", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(seen, gc.isenabled(), file=sys.stderr)
"""


def test_the_command_runs_with_the_collector_on_and_start_up_frozen(texts: Path) -> None:
    """main() pauses the cyclic garbage collector while the command's modules are imported and
    resumes it, with what start-up made frozen (gc.freeze), before the command runs: a long
    command (serve, index) collects as usual, and no collection re-scans start-up's objects."""
    done = subprocess.run(
        [sys.executable, "-c", _GC_PROBE, "cite", f"{SEED_ID}#p5", "--texts", str(texts)],
        capture_output=True, text=True, check=True,
    )
    assert done.stderr.splitlines()[-1] == "[(True, True)] True"
