"""``--link`` in a real browser: headless Chromium opens a page holding the record's text at the
link's text fragment, and the page must have scrolled to the quoted block.

Each block of the record is one ``<p>`` followed by 3000 px of space, so the block in the
middle of the viewport after the scroll names the match. The page marks on itself when a
scroll has ended (the ``scrollend`` event) and the test waits for that mark, never for a fixed
time. Needs Debian's ``chromium`` (``make browser``); fails, saying so, without it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from transcite.quote.quoting import quote_ref
from transcite.quote.textfragment import document_text, excerpt_link
from transcite.storage.corpus import Corpus

from citing import filled
from conftest import ROOT, SEED_ID

pytestmark = pytest.mark.browser

RECORD = Corpus(ROOT / "texts").load(SEED_ID)
_MARK = """<script>
addEventListener("scrollend", function () {
  document.documentElement.dataset.scrolled = "yes";
});
</script>"""
_LINE_IN_VIEW = """() => {
  var lines = document.querySelectorAll("p"), seen = -1;
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].getBoundingClientRect().top <= window.innerHeight / 2) seen = i;
  }
  return seen;
}"""
_SCROLLED = "() => document.documentElement.dataset.scrolled || null"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document, _ = document_text(RECORD)
    body = "\n".join(
        f'<p style="margin-bottom:3000px">{html.escape(line)}</p>' for line in document.split("\n")
    )
    path = tmp_path_factory.mktemp("browser") / "page.html"
    path.write_text(f'<!doctype html><meta charset="utf-8">{_MARK}<body>{body}', "utf-8")
    return path


def _line_in_view(tab: Any, url: str) -> int:
    """The block in view once the page at ``url`` has loaded and, with a fragment, scrolled."""
    tab.goto("about:blank")  # a new document each time: a fragment alone would not scroll
    tab.goto(url)  # returns after the load event
    if "#" in url:
        tab.wait_for_function(_SCROLLED)  # the scrollend mark; chromium.WAIT at most
    else:
        assert tab.evaluate(_SCROLLED) is None, "scrolled with no fragment"
    line = tab.evaluate(_LINE_IN_VIEW)
    assert isinstance(line, int)
    return line


SELECTORS = ["p4:s1", "p6:s2", "p16:s2", "p3", "p14:s1,s3", "p15-p16", "fig1"]


def test_browser_scrolls_to_the_quoted_block(page: Path, tab: Any) -> None:
    document, starts = document_text(RECORD)
    urls, expected = [page.as_uri()], [0]  # no fragment: the page stays at the top
    for selector in SELECTORS:
        excerpt = quote_ref(RECORD, f"{SEED_ID}#{selector}").excerpt
        urls.append(f"{page.as_uri()}#{excerpt_link(excerpt).split('#', 1)[1]}")
        expected.append(document[: starts[excerpt.pieces[0].block_id]].count("\n"))
    seen = [_line_in_view(tab, url) for url in urls]
    assert dict(zip(["(none)", *SELECTORS], seen, strict=True)) == dict(
        zip(["(none)", *SELECTORS], expected, strict=True)
    )


_STYLES = """() => Array.prototype.map.call(document.querySelectorAll("cite"), function (c) {
  return getComputedStyle(c).fontStyle;
})"""


def test_citations_are_set_roman_in_a_browser(tmp_path: Path, tab: Any) -> None:
    # browsers set <cite> in italics (HTML rendering rules); no style sets an in-text
    # citation in italics: "(Kartsev, n.d., para. 5)", "[1, Para. 5]"
    goldens = sorted((ROOT / "tests" / "golden" / "quote").glob("*.html"))
    cites = sum(filled(g).count("<cite") for g in goldens)
    assert cites > 20
    body = "\n<hr>\n".join(filled(g) for g in goldens)
    path = tmp_path / "cites.html"
    path.write_text(f'<!doctype html><meta charset="utf-8"><body>{body}', "utf-8")
    tab.goto(path.as_uri())  # returns after the load event: the styles are computed
    assert tab.evaluate(_STYLES) == ["normal"] * cites
