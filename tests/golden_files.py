"""Golden files: expected outputs kept in tests/golden/, compared with a unified diff.

Regenerate deliberately with ``TRANSCITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q
tests/...``, then read every changed file (``git diff tests/golden``) against the manual or the
source before committing it. Without the variable a missing golden file is a failure, never a
silent pass.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("TRANSCITE_REGEN_GOLDEN") == "1"


def check_golden(relative: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<relative>`` (or rewrite it when regenerating)."""
    path = GOLDEN / relative
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.is_file():
        pytest.fail(f"missing golden file {path}; see tests/README.md to create it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            f"golden/{relative}", "actual",
        )
        pytest.fail("output differs from the golden file:\n" + "".join(diff), pytrace=False)
