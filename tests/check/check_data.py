"""A corpus of two records for ``check``: the seed and an article written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

DATA = Path(__file__).resolve().parent.parent / "data"

CHECK = DATA / "check"
SECOND_ID = "sepp-harbour"


def add_second_record(texts: Path, run: Callable[..., Result]) -> Path:
    """The seed and ``sepp-harbour`` (tests/data/check/harbour-capture.txt: by Maret Sepp,
    translated by Jonas Whitfield, published 2021-03-04)."""
    result = run("ingest", str(CHECK / "harbour-capture.txt"), "--id", SECOND_ID,
                 "--published", "2021-03-04", "--original-language", "et")
    assert result.exit_code == 0, result.stderr
    return texts
