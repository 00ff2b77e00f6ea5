"""``compare --format html``: one self-contained page, checked by lxml and by a real browser.

The browser is Debian's ``chromium`` package, run headless by Playwright (``chromium.py``).
When it is missing the test fails and says how to install it: it is never skipped.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from lxml import html

from chromium import new_page
from conftest import DATA, SEED_ID

Run = Callable[..., Result]
CORRECTED = str(DATA / "kartsev-islamists-corrected.txt")
WIDTH, HEIGHT = 1200, 1600


@pytest.fixture
def page(run: Run, tmp_path: Path) -> Path:
    out = tmp_path / "compare.html"
    result = run("compare", SEED_ID, CORRECTED, "--format", "html", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    return out


def test_page_is_self_contained_and_marks_exactly_the_changes(page: Path) -> None:
    doc = html.fromstring(page.read_bytes())
    assert doc.xpath("//script|//link|//img|//iframe|//object|//@src") == []
    assert all(href.startswith("#") for href in doc.xpath("//@href"))
    assert "url(" not in "".join(doc.xpath("//style/text()"))
    assert [d.text for d in doc.xpath("//del")] == ["2016", "Minster"]
    assert [i.text for i in doc.xpath("//ins")][:4] == ["2018", "Minister", "was ", "."]
    assert doc.xpath("//ins")[4].text.startswith("Correction: An earlier version")
    rows = doc.xpath("//tbody/tr")
    assert [r.get("class") for r in rows if r.get("class") != "equal"] == [
        "changed", "changed", "changed", "split", "inserted",
    ]
    # the overview bar: one segment per row, each linking to it
    assert doc.xpath("//nav[@class='overview']/a/@href") == [f"#{r.get('id')}" for r in rows]
    split = doc.xpath("//tr[@class='split']/td[@class='new']/p/span[@class='id']/text()")
    assert split == ["p13", "p14"]


@pytest.mark.browser
def test_headless_chromium_renders_the_page(page: Path, chromium: Any) -> None:
    with new_page(chromium, viewport={"width": WIDTH, "height": HEIGHT}) as tab:
        tab.goto(page.as_uri())  # returns after the load event
        data = tab.screenshot()
        dom = tab.evaluate("() => document.documentElement.outerHTML")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (WIDTH, HEIGHT)
    assert len(data) > 50_000, "the screenshot is (nearly) blank"
    rendered = html.fromstring(dom)
    assert len(rendered.xpath("//tbody/tr")) == 21
    assert [d.text for d in rendered.xpath("//del")] == ["2016", "Minster"]


def test_captions_sit_in_figures_as_the_html_spec_requires(page: Path) -> None:
    """HTML: a figcaption is a child of a figure (the Nu checker flagged it inside a td)."""
    doc = html.fromstring(page.read_bytes())
    captions = doc.xpath("//figcaption")
    assert len(captions) == 2 * 3
    assert {c.getparent().tag for c in captions} == {"figure"}
    changed = doc.xpath("//tr[@class='changed']/td[@class='new']/figure")
    assert [f.xpath("string(p[@class='credit'])") for f in changed] == [
        "Credit: U.S. Embassy / Reuters / Scanpix / LETA"
    ]
