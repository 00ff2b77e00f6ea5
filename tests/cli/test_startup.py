"""Start-up is guarded by imports, not by a timing: ``transcite cite`` imports exactly these
``transcite`` modules (docs/architecture.md, "Idioms"). A change that makes every citation
import more (a writer, a reader of captures, rapidfuzz…) fails here, where it is cheap to see;
``bench/bench_cite.py`` measures what it costs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SEED_ID

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
    "transcite.core.errors",
    "transcite.core.model",
    "transcite.core.refs",
    "transcite.core.registry",
    "transcite.core.text",
    "transcite.render",
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

_PROBE = """
import json, sys
from transcite.cli.main import main
sys.argv = ["transcite", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _imported(texts: Path, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, "--texts", str(texts)],
        capture_output=True, text=True, check=True,
    )
    modules: list[str] = json.loads(done.stderr.splitlines()[-1])
    return modules


def test_cite_imports_only_these_modules(texts: Path) -> None:
    modules = _imported(texts, "cite", f"{SEED_ID}#p5", "--style", "apa", "--form", "in-text")
    assert [m for m in modules if m.split(".")[0] == "transcite"] == CITE_MODULES
    assert [m for m in NEVER if m in modules] == []
