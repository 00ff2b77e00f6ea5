from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from transcite.cli.main import cli

# Hypothesis: every property test takes its example count and deadline from one of two
# profiles, never from its own @settings. Neither profile has a deadline or the too_slow health
# check: both measure time, and on a shared, busy machine they fail tests by chance.
#   dev: a few random examples (the default on a developer's machine): a quick, fresh draw
#   ci:  the full count, derandomized (a fixed draw: a submission passes or fails on its
#        merits, not on the draw); chosen when CI=true, as CI runs .ci/run, or by
#        `pytest --hypothesis-profile=ci`
_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=20, **_UNTIMED)
settings.register_profile(
    "ci", max_examples=200, derandomize=True, database=None, print_blob=True, **_UNTIMED
)
settings.load_profile(
    "ci" if os.environ.get("CI", "").lower() in {"true", "1", "yes"} else "dev"
)

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


@pytest.fixture(autouse=True)
def _no_corpus_url_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """A $TRANSCITE_CORPUS of the developer's shell never redirects a test."""
    monkeypatch.delenv("TRANSCITE_CORPUS", raising=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """The test run's one PostgreSQL server (``pg.py``), started on first use."""
    from pg import server

    with server() as running:
        yield running


def migrated_database(pg_server: Any, prefix: str = "t") -> str:
    """The URL of a new database of the run's server, with the corpus tables (``corpus
    init``)."""
    from transcite.storage.pg import db

    url: str = pg_server.url(pg_server.new_database(prefix))
    conn = db.connect(url)
    try:
        db.migrate(conn, url)
    finally:
        conn.close()
    return url


@pytest.fixture
def pg_url(pg_server: Any) -> str:
    """A new database of the run's server, with the corpus tables (``corpus init``)."""
    return migrated_database(pg_server)


_IMPORTS_PROBE = """
import json, sys
from transcite.cli.main import main
sys.argv = ["transcite", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def command_imports(*args: str) -> tuple[str, list[str]]:
    """``transcite ARGS`` run in a new interpreter: what it printed, and every module it
    imported (guards of start-up cost: what a command imports, not how long it takes)."""
    done = subprocess.run([sys.executable, "-c", _IMPORTS_PROBE, *args],
                          capture_output=True, text=True, check=True)
    modules: list[str] = json.loads(done.stderr.splitlines()[-1])
    return done.stdout, modules


#: the corpus backends every corpus test runs on (the ``corpus`` fixture)
BACKENDS = ("folder", "postgres")


@pytest.fixture(params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """The seed corpus on each backend: the ``texts`` folder, or a PostgreSQL database
    holding a copy of it (``corpus copy``), which ``run`` then works on (through
    $TRANSCITE_CORPUS)."""
    from transcite.storage.corpus import Corpus

    if request.param == "folder":
        yield Corpus(texts)
        return
    from transcite.storage.pg.copy import to_database
    from transcite.storage.pg.corpus import PgCorpus

    url = request.getfixturevalue("pg_url")
    database = PgCorpus(url)
    to_database(str(texts), database)
    monkeypatch.setenv("TRANSCITE_CORPUS", url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def run(texts: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI against the ``texts`` fixture; stdout and stderr stay separate."""
    monkeypatch.setenv("TRANSCITE_TEXTS", str(texts))
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """The test run's one headless Chromium, a Playwright ``Browser`` (``chromium.py``)."""
    from chromium import launched

    with launched() as browser:
        yield browser


@pytest.fixture
def tab(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page (in its own context) of the run's Chromium, closed after the test."""
    if request.node.get_closest_marker("browser") is None:
        pytest.fail("a test that loads pages in Chromium is marked @pytest.mark.browser")
    from chromium import new_page

    with new_page(chromium) as page:
        yield page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``postgres`` every test that starts or uses the PostgreSQL server: those with
    the ``pg_server`` or ``pg_url`` fixture, and the ``postgres`` side of the ``corpus``
    fixture (``-m "not postgres"`` runs the rest on a machine without PostgreSQL).

    On a worker of ``make test`` (pytest-xdist, ``--dist loadfile``: a test module runs on one
    worker, so its module-scoped fixtures are built once), the modules holding a slow test
    come first, so that no long test is left for the end while the other worker has
    nothing to do."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("corpus") if callspec is not None else None
        uses = "pg_server" in names or "pg_url" in names or backend == "postgres"
        # test_pg_writes.py also runs bench_concurrency, which starts its own server
        if uses or item.path.name == "test_pg_writes.py":
            item.add_marker(pytest.mark.postgres)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        slow = {item.path for item in items if item.get_closest_marker("slow") is not None}
        items.sort(key=lambda item: item.path not in slow)  # stable: else in the same order


#: TeX Live is hundreds of MB: its tests are collected only by `make test-tex` (TRANSCITE_TEX=1),
#: never skipped in `make test`
collect_ignore = [] if os.environ.get("TRANSCITE_TEX") == "1" else ["exports/test_tex.py"]
