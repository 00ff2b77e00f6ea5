"""``--link`` in a real browser: headless Chromium opens a page holding the record's text at the
link's text fragment, and the page must have scrolled to the quoted block.

Each block of the record is one ``<p>`` followed by 3000 px of space, so the block in the
middle of the viewport after the scroll names the match. Needs ``chromium`` on PATH (Debian:
``apt-get install chromium``); fails, saying so, without it.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from transcite.quote.quoting import quote_ref
from transcite.quote.textfragment import document_text, excerpt_link
from transcite.storage.corpus import Corpus

from conftest import ROOT, SEED_ID

RECORD = Corpus(ROOT / "texts").load(SEED_ID)
_PROBE = """<script>
setTimeout(function () {
  var lines = document.querySelectorAll("p"), seen = -1;
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].getBoundingClientRect().top <= window.innerHeight / 2) seen = i;
  }
  var out = document.createElement("div");
  out.id = "probe";
  out.textContent = "line=" + seen;
  document.body.appendChild(out);
}, 300);
</script>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert shutil.which("chromium"), "this test needs chromium on PATH (apt-get install chromium)"
    document, _ = document_text(RECORD)
    body = "\n".join(
        f'<p style="margin-bottom:3000px">{html.escape(line)}</p>' for line in document.split("\n")
    )
    path = tmp_path_factory.mktemp("browser") / "page.html"
    path.write_text(f'<!doctype html><meta charset="utf-8"><body>{body}{_PROBE}', "utf-8")
    return path


def _lines_in_view(urls: list[str]) -> list[int]:
    """The block in view after each URL has loaded; the browsers run side by side."""
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--virtual-time-budget=1500", "--dump-dom"]
    runs = [subprocess.Popen([*command, url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True) for url in urls]
    lines = []
    for run in runs:
        out, _ = run.communicate(timeout=120)
        match = re.search(r'<div id="probe">line=(-?\d+)</div>', out)
        assert run.returncode == 0 and match, out[-500:]
        lines.append(int(match.group(1)))
    return lines


SELECTORS = ["p4:s1", "p6:s2", "p16:s2", "p3", "p14:s1,s3", "p15-p16", "fig1"]


def test_browser_scrolls_to_the_quoted_block(page: Path) -> None:
    document, starts = document_text(RECORD)
    urls, expected = [page.as_uri()], [0]  # no fragment: the page stays at the top
    for selector in SELECTORS:
        excerpt = quote_ref(RECORD, f"{SEED_ID}#{selector}").excerpt
        urls.append(f"{page.as_uri()}#{excerpt_link(excerpt).split('#', 1)[1]}")
        expected.append(document[: starts[excerpt.pieces[0].block_id]].count("\n"))
    assert dict(zip(["(none)", *SELECTORS], _lines_in_view(urls), strict=True)) == dict(
        zip(["(none)", *SELECTORS], expected, strict=True)
    )


_STYLE_PROBE = """<script>
var out = document.createElement("div");
out.id = "probe";
out.textContent = Array.prototype.map.call(document.querySelectorAll("cite"), function (c) {
  return getComputedStyle(c).fontStyle;
}).join(" ");
document.body.appendChild(out);
</script>"""


def test_citations_are_set_roman_in_a_browser(tmp_path: Path) -> None:
    # browsers set <cite> in italics (HTML rendering rules); no style sets an in-text
    # citation in italics: "(Kartsev, n.d., para. 5)", "[1, Para. 5]"
    goldens = sorted((ROOT / "tests" / "golden" / "quote").glob("*.html"))
    cites = sum(g.read_text("utf-8").count("<cite") for g in goldens)
    assert cites > 20
    body = "\n<hr>\n".join(g.read_text("utf-8") for g in goldens)
    path = tmp_path / "cites.html"
    path.write_text(f'<!doctype html><meta charset="utf-8"><body>{body}{_STYLE_PROBE}', "utf-8")
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--dump-dom", path.as_uri()]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r'<div id="probe">([a-z ]*)</div>', out)
    assert match, out[-500:]
    assert match.group(1).split() == ["normal"] * cites
