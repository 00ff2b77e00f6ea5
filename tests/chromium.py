"""One headless Chromium for the browser tests, driven through WebDriver.

The browser is Debian's ``chromium`` and the driver Debian's ``chromium-driver`` (built from the
same source, so their versions always match; ``make browser`` installs both). Selenium talks to
the driver; it is given the driver's path, so it never looks for, or downloads, a driver or a
browser of its own.

One browser serves the whole test run (the ``chromium`` fixture in ``conftest.py``) and each
test gets a fresh tab (the ``browser`` fixture): at most one Chromium runs at a time, however
many pages the tests load. Tests never sleep for a fixed time: they wait for the event they
check (the load, a marker the page sets, the scroll) with :func:`wait_for`, whose upper bound is
generous because the machines running the suite are shared and can be very busy.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

#: upper bound of every wait, in seconds: a page of the suite loads in well under a second on
#: an idle machine; the bound only decides how long a real failure takes to be reported
WAIT = 60.0
#: how often a condition is polled while waiting, in seconds
POLL = 0.05
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--mute-audio",
]
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver (or: make browser)"


def _which(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: the browser tests need Debian's {INSTALL}")
    return found


def start() -> WebDriver:
    """A new headless Chromium under its driver; ``quit()`` ends both (the caller's job)."""
    options = webdriver.ChromeOptions()
    options.binary_location = _which("chromium")
    for flag in FLAGS:
        options.add_argument(flag)
    options.page_load_strategy = "normal"  # get() returns once the load event has fired
    service = Service(_which("chromedriver"), log_output=subprocess.DEVNULL)
    driver = webdriver.Chrome(options=options, service=service)  # cleans up if it fails
    try:
        driver.set_page_load_timeout(2 * WAIT)
        driver.set_script_timeout(WAIT)
    except BaseException:
        driver.quit()
        raise
    return driver


def wait_for(
    driver: WebDriver, script: str, *, until: Callable[[Any], bool] = bool, what: str = ""
) -> Any:
    """Evaluate ``script`` (a ``return …`` JavaScript body) until ``until`` holds for its value.

    Returns that value; after :data:`WAIT` seconds fails the test, naming ``what`` was awaited
    and the last value seen.
    """
    seen: list[Any] = []

    def check(d: WebDriver) -> bool:
        seen[:] = [d.execute_script(script)]
        return until(seen[0])

    try:
        WebDriverWait(driver, WAIT, poll_frequency=POLL).until(check)
    except TimeoutException:
        last = seen[0] if seen else "nothing"
        pytest.fail(f"waited {WAIT:g} s for {what or script!r}; last seen: {last!r}")
    return seen[0]
