from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from transcite.cli.main import cli

# On CI (CI=true) Hypothesis runs a fixed set of examples, so that a submission passes or fails
# on its merits, not on the draw; developers' runs stay random and keep finding new cases.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_CAPTURE = DATA / "kartsev-islamists.txt"
SEED_ID = "kartsev-islamists"
SEED_URL = (
    "https://meduza.io/en/slides/"
    "russia-and-the-u-s-are-racing-to-negotiate-with-islamists-so-far-they-re-neck-and-neck"
)
SEED_TITLE = (
    "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck."
)
SHARED = ROOT.parent / "shared"


def corpus_files(folder: Path) -> list[str]:
    """The files of a corpus folder, less transcite's own ``.transcite/`` (its locks)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".transcite")


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the committed seed record."""
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(ROOT / "texts" / f"{SEED_ID}.xml", folder)
    return folder


@pytest.fixture
def run(texts: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI against the ``texts`` fixture; stdout and stderr stay separate."""
    monkeypatch.setenv("TRANSCITE_TEXTS", str(texts))
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke

