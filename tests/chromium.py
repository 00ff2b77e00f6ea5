"""One headless Chromium for the browser tests, driven by Playwright for Python.

The browser is Debian's ``chromium`` (``make browser`` installs it): Playwright is pointed at
``/usr/bin/chromium`` (``executable_path``), so no browser is ever downloaded.

One browser serves the whole test run (the ``chromium`` fixture in ``conftest.py``) and each
test gets a fresh context and page (the ``tab`` fixture, or its own context from
``chromium``): at most one Chromium runs at a time, however many pages the tests load. Tests
never sleep for a fixed time: they wait for the event they check (the load, a marker the page
sets, the scroll) with Playwright's waits, whose upper bound :data:`WAIT` is generous because
the machines running the suite are shared and can be very busy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
#: upper bound of every wait, in milliseconds (Playwright's unit): a page of the suite loads in
#: well under a second on an idle machine; the bound only decides how long a real failure
#: takes to be reported
WAIT = 60_000
ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--mute-audio",
]


@contextmanager
def launched() -> Iterator[Any]:
    """A new headless Chromium (a Playwright ``Browser``), closed when the block ends."""
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium "
                    "(apt-get update && apt-get install -y chromium, or make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, headless=True, timeout=2 * WAIT
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: Any, **context: Any) -> Iterator[Any]:
    """A page in a fresh context of ``browser`` (``context``: Playwright's context options),
    waiting up to :data:`WAIT` by default; the context is closed when the block ends."""
    ctx = browser.new_context(**context)
    try:
        ctx.set_default_timeout(WAIT)
        ctx.set_default_navigation_timeout(2 * WAIT)
        yield ctx.new_page()
    finally:
        ctx.close()
