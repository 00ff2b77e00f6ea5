"""The tree libxml2 builds is the tree a browser builds, for every test page.

``tests/data/html/browser/`` holds each test page as Chromium parsed it (written by
``tests/browser_dom.py --write``; see there for the pages left out and why). A record read
from the browser's DOM must equal the record read from the page itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transcite.ingest.readers import IngestOptions, get_reader

from conftest import DATA

BROWSER = DATA / "html" / "browser"
HOSTILE = Path(__file__).resolve().parent.parent / "hostile"
DUMPS = sorted(BROWSER.glob("*.html"))


def _original(dump: Path) -> Path:
    page = DATA / "html" / dump.name
    return page if page.is_file() else HOSTILE / dump.name


def test_browser_dumps_are_present() -> None:
    assert [d.name for d in DUMPS] == [
        "html-malformed.html", "kartsev-islamists.html", "no-metadata.html",
        "open-graph-only.html", "wire-service.html",
    ]


@pytest.mark.parametrize("dump", DUMPS, ids=[d.stem for d in DUMPS])
def test_record_from_the_browser_dom_equals_the_record_from_the_page(dump: Path) -> None:
    reader = get_reader("html")
    options = IngestOptions(id=dump.stem)
    from_page = reader.read(_original(dump).read_bytes(), options)
    from_browser = reader.read(dump.read_bytes(), options)
    assert from_browser.record == from_page.record
    assert from_browser.report == from_page.report
