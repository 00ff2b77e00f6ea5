"""Serialise the test pages as a real browser parses them (headless Chromium).

    .venv/bin/python tests/browser_dom.py --write   # needs chromium (make browser); rerun
                                                    # after changing a test page

Writes ``tests/data/html/browser/NAME.html``: the DOM Chromium builds from each page (the
WHATWG HTML parser, which libxml2 is not) once the page has loaded, serialised as
``chromium --dump-dom`` prints it. The pages are loaded one after another in one browser
driven by Playwright (``chromium.py``), which returns once the load event has fired: no fixed
delay. ``test_html_browser.py``
checks that the reader gives the same record from the browser's DOM as from the page itself,
so the tree libxml2 builds is, for these pages, the tree a reader of the page sees.

Left out on purpose: pages that declare a charset their bytes contradict (Chromium obeys the
declaration and shows mojibake; transcite reads the bytes as what they are) and the page with a
script in a caption (``--dump-dom`` needs scripts on, and Chromium runs it; transcite never
runs scripts).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from chromium import launched, new_page

HERE = Path(__file__).resolve().parent
TARGET = HERE / "data" / "html" / "browser"
PAGES = [
    *sorted((HERE / "data" / "html").glob("*.html")),
    HERE / "hostile" / "html-malformed.html",
]


#: the document as ``--dump-dom`` serialises it: the doctype, the root element, a newline
_DOM = """() => {
  var d = document.doctype;
  return (d ? new XMLSerializer().serializeToString(d) + "\\n" : "")
    + document.documentElement.outerHTML + "\\n";
}"""


def dump(tab: Any, page: Path) -> str:
    tab.goto("about:blank")
    tab.goto(page.as_uri())  # returns once the load event has fired
    dom = tab.evaluate(_DOM)
    assert isinstance(dom, str)
    return dom


def main() -> None:
    if "--write" not in sys.argv:
        raise SystemExit(__doc__)
    version = subprocess.run(
        ["chromium", "--version"], capture_output=True, check=True, text=True
    ).stdout.strip()
    TARGET.mkdir(exist_ok=True)
    with launched() as browser, new_page(browser) as tab:
        for page in PAGES:
            note = f"<!-- {page.name} as parsed by {version} (tests/browser_dom.py) -->\n"
            (TARGET / page.name).write_text(note + dump(tab, page), encoding="utf-8")
            print(f"wrote {TARGET / page.name}")


if __name__ == "__main__":
    main()
