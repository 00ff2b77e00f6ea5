"""The reading room in a real browser: Debian's Chromium driven by Playwright for Python.

Playwright is pointed at ``/usr/bin/chromium`` (``executable_path``): no browser is ever
downloaded. The clipboard is read back as a paste sees it (the ``paste`` event's
``clipboardData``), so what is compared is what Word or Google Docs would receive.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcite.cli.main import cli

from chromium import WAIT
from conftest import SEED_ID, SEED_TITLE
from serving import HOSTILE_ID, REVISED_ID, Server, reading_corpus, running

pytestmark = pytest.mark.browser

_PASTE_PROBE = """() => {
  window.__pasted = new Promise((resolve) => {
    document.addEventListener("paste", (event) => {
      event.preventDefault();
      resolve({html: event.clipboardData.getData("text/html"),
               text: event.clipboardData.getData("text/plain")});
    }, {once: true});
  });
}"""


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reading_corpus(tmp_path_factory.mktemp("browser") / "texts")


@pytest.fixture(scope="module")
def server(texts: Path) -> Iterator[Server]:
    with running(texts) as server:
        yield server


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    return chromium  # the test run's one Chromium (conftest.py, chromium.py)


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=server.url.rstrip("/"))
    context.set_default_timeout(WAIT)  # generous: the machine may be very busy
    page = context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    try:
        yield page
    finally:
        context.close()


def cli_out(texts: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--texts", str(texts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.removesuffix("\n")


def paste(page: object) -> dict[str, str]:
    """What a paste into the page receives: the clipboard's HTML and plain text."""
    page.evaluate(_PASTE_PROBE)  # type: ignore[attr-defined]
    page.keyboard.press("Control+V")  # type: ignore[attr-defined]
    value = page.evaluate("window.__pasted")  # type: ignore[attr-defined]
    assert isinstance(value, dict)
    return value


def drag_select(page: object, selector: str) -> None:
    """Select the text of ``selector`` with the mouse: press before its first character, move
    to after its last one, release."""
    page.locator(selector).scroll_into_view_if_needed()  # type: ignore[attr-defined]
    box = page.evaluate(  # type: ignore[attr-defined]
        """(selector) => {
          const node = document.querySelector(selector).firstChild;
          const range = document.createRange();
          range.setStart(node, 0); range.setEnd(node, 1);
          const first = range.getClientRects()[0];
          range.setStart(node, node.length - 1); range.setEnd(node, node.length);
          const rects = range.getClientRects();
          const last = rects[rects.length - 1];
          return {x0: first.left + 1, y0: (first.top + first.bottom) / 2,
                  x1: last.right - 1, y1: (last.top + last.bottom) / 2};
        }""",
        selector,
    )
    mouse = page.mouse  # type: ignore[attr-defined]
    mouse.move(box["x0"] - 1, box["y0"])
    mouse.down()
    mouse.move(box["x1"], box["y1"], steps=12)
    mouse.up()


def wait_for_quotation(page: object, ref: str, contains: str = "") -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        # null-safe: right after a click on a link the old page may still be the one shown
        """([ref, contains]) => document.getElementById("ref")?.textContent === ref
             && document.getElementById("copy")?.disabled === false
             && !!document.getElementById("preview")?.textContent.includes(contains)""",
        arg=[ref, contains],
    )


def test_select_p14_s1_choose_chicago_copy(page: object, server: Server, texts: Path) -> None:
    page.goto(server.url)  # type: ignore[attr-defined]
    link = page.get_by_role("link", name=SEED_TITLE).and_(  # type: ignore[attr-defined]
        page.locator(f'[href="/records/{SEED_ID}"]'))  # type: ignore[attr-defined]
    link.click()
    page.wait_for_selector("#p14")  # type: ignore[attr-defined]
    drag_select(page, '#p14 [data-s="1"]')
    selected = page.evaluate("window.getSelection().toString()")  # type: ignore[attr-defined]
    assert selected.startswith("Then, on the first day") and selected.endswith("conflict.")
    wait_for_quotation(page, f"{SEED_ID}#p14:s1")
    page.select_option("#style", "chicago-notes")  # type: ignore[attr-defined]
    wait_for_quotation(page, f"{SEED_ID}#p14:s1", "trans. Hilah Kohen")
    page.get_by_role("button", name="Copy quotation").click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('copied').textContent.startsWith('Copied')")
    clipboard = paste(page)
    ref = f"{SEED_ID}#p14:s1"
    assert clipboard["html"] == cli_out(texts, "quote", ref, "--style", "chicago-notes",
                                        "--format", "html")
    assert clipboard["text"] == cli_out(texts, "quote", ref, "--style", "chicago-notes",
                                        "--format", "text")
    # the style is remembered: a new visit starts with Chicago
    page.reload()  # type: ignore[attr-defined]
    assert page.input_value("#style") == "chicago-notes"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("selector", "ref"), [
    ('#p16 [data-s="2"]', "p16:s2"),
    ("#fig1 .caption", "fig1"),
])
def test_selections_map_to_refs(page: object, server: Server, selector: str, ref: str) -> None:
    page.goto(f"{server.url}records/{SEED_ID}")  # type: ignore[attr-defined]
    drag_select(page, selector)
    wait_for_quotation(page, f"{SEED_ID}#{ref}")


def test_a_selection_across_paragraphs_quotes_the_range(page: object, server: Server) -> None:
    page.goto(f"{server.url}records/{SEED_ID}")  # type: ignore[attr-defined]
    page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const a = document.querySelector('#p5 [data-s="2"]').firstChild;
          const b = document.querySelector('#p7 [data-s="1"]').firstChild;
          const range = document.createRange();
          range.setStart(a, 3); range.setEnd(b, 5);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
        }""")
    page.locator("#p6 p").dispatch_event("mouseup")  # type: ignore[attr-defined]
    wait_for_quotation(page, f"{SEED_ID}#p5-p7")


def test_keyboard_only(page: object, server: Server, texts: Path) -> None:
    page.goto(f"{server.url}records/{SEED_ID}")  # type: ignore[attr-defined]
    keyboard = page.keyboard  # type: ignore[attr-defined]

    def tab_to(label: str, limit: int = 60) -> None:
        for _ in range(limit):
            keyboard.press("Tab")
            name = page.evaluate(  # type: ignore[attr-defined]
                "document.activeElement.getAttribute('aria-label') || "
                "document.activeElement.id || document.activeElement.textContent")
            if name == label:
                return
        raise AssertionError(f"Tab never reached {label!r}")

    tab_to("Quote p3")
    keyboard.press("Enter")
    wait_for_quotation(page, f"{SEED_ID}#p3")
    tab_to("style")
    page.select_option("#style", "apa")  # type: ignore[attr-defined]
    keyboard.press("ArrowDown")  # the next style, with the keyboard
    style = page.input_value("#style")  # type: ignore[attr-defined]
    assert style != "apa"
    wait_for_quotation(page, f"{SEED_ID}#p3")
    tab_to("copy")
    keyboard.press("Enter")
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('copied').textContent.startsWith('Copied')")
    assert paste(page)["text"] == cli_out(texts, "quote", f"{SEED_ID}#p3", "--style", style)


PAGES = {
    "corpus": "",
    "record": f"records/{SEED_ID}",
    "versions": f"records/{REVISED_ID}/versions",
    "compare": f"records/{REVISED_ID}/compare?a=1&b=2",
    "hostile": f"records/{HOSTILE_ID}",
    "error": "records/no-such-record",
    "find": "find?q=a+lively+contest+to+assert+influence",
    "check": "check",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing(page: object, server: Server, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server.url + PAGES[name])  # type: ignore[attr-defined]
    if name == "record":  # with a quotation in the panel
        page.get_by_role("button", name="Quote p14").click()  # type: ignore[attr-defined]
        wait_for_quotation(page, f"{SEED_ID}#p14")
    if name == "check":  # with a report
        from conftest import DATA

        page.locator("#text").fill(  # type: ignore[attr-defined]
            (DATA / "check" / "draft.md").read_text(encoding="utf-8"))
        page.get_by_role("button", name="Check").click()  # type: ignore[attr-defined]
        page.wait_for_selector("#summary")  # type: ignore[attr-defined]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _png_colours(data: bytes) -> int:
    """How many distinct RGB(A) pixels a screenshot has (a blank page has one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, kind = struct.unpack(">IIBB", data[16:26])
    chunks, pos = [], 8
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos : pos + 8])
        if tag == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    size = {2: 3, 6: 4}[kind] * depth // 8
    stride = width * size + 1
    rows = [raw[i * stride + 1 : (i + 1) * stride] for i in range(0, height, 7)]
    # filtered rows: distinct byte runs still tell a blank page from a drawn one
    return len({row[j : j + size] for row in rows for j in range(0, len(row), size * 5)})


@pytest.mark.parametrize("name", ["corpus", "record", "versions", "compare", "find"])
def test_screenshots(page: object, server: Server, name: str, tmp_path: Path) -> None:
    page.goto(server.url + PAGES[name])  # type: ignore[attr-defined]
    if name == "record":
        page.get_by_role("button", name="Quote p1", exact=True).click()  # type: ignore[attr-defined]
        wait_for_quotation(page, f"{SEED_ID}#p1")
        for block_id in ("p1", "p2", "fig1"):
            button = page.get_by_role("button", name=f"Quote {block_id}", exact=True)  # type: ignore[attr-defined]
            assert button.is_visible() and button.inner_text() == block_id
            box = button.bounding_box()
            assert box is not None and (block_id == "fig1" or 0 <= box["y"] < 900)
    elif name == "versions":
        frame = page.frame_locator("iframe.comparison")  # type: ignore[attr-defined]
        assert frame.locator("table").count() == 1
    elif name == "corpus":
        assert page.get_by_role("link", name=SEED_TITLE).first.is_visible()  # type: ignore[attr-defined]
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot))  # type: ignore[attr-defined]
    data = shot.read_bytes()
    assert len(data) > 20_000
    assert _png_colours(data) > 50


def test_the_hostile_record_runs_nothing(page: object, server: Server) -> None:
    page.goto(server.url)  # type: ignore[attr-defined]
    page.goto(f"{server.url}records/{HOSTILE_ID}")  # type: ignore[attr-defined]
    assert page.title().startswith("Hostile <script>")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Quote p1", exact=True).click()  # type: ignore[attr-defined]
    wait_for_quotation(page, f"{HOSTILE_ID}#p1", "<script>")
    page.get_by_role("button", name="Quote fig1").click()  # type: ignore[attr-defined]
    wait_for_quotation(page, f"{HOSTILE_ID}#fig1", "<img src=x")
    links = page.locator("a[href]")  # type: ignore[attr-defined]
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and not [h for h in hrefs if not h.startswith(("/", "http", "#"))]
    page.locator("#link-line").click()  # type: ignore[attr-defined]
    page.locator(".meta").click()  # type: ignore[attr-defined]
    # what the clicks set off runs before the next frames are drawn: wait for two frames
    # (an event of the page, not a fixed delay)
    page.evaluate(  # type: ignore[attr-defined]
        "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pwned = page.evaluate("window.__pwned")  # type: ignore[attr-defined]
    assert pwned is None
    assert page.locator("#text script, #text img, .panel script").count() == 0  # type: ignore[attr-defined]


def test_search_then_quote_this(page: object, server: Server, texts: Path) -> None:
    page.goto(server.url)  # type: ignore[attr-defined]
    page.fill("#find-q", "a lively contest to assert influence")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    ref = f"{SEED_ID}#p1:s3"
    # the seed's hit (its revised copy holds the same sentence)
    page.locator(f'a.quote-this[href^="/records/{SEED_ID}?"]').click()  # type: ignore[attr-defined]
    wait_for_quotation(page, ref)
    page.select_option("#style", "mla")  # type: ignore[attr-defined]
    wait_for_quotation(page, ref, "Kartsev")
    page.get_by_role("button", name="Copy quotation").click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('copied').textContent.startsWith('Copied')")
    clipboard = paste(page)
    assert clipboard["html"] == cli_out(texts, "quote", ref, "--style", "mla", "--format", "html")
    assert clipboard["text"] == cli_out(texts, "quote", ref, "--style", "mla", "--format", "text")


def test_check_a_pasted_draft_by_keyboard(page: object, server: Server) -> None:
    from conftest import DATA

    draft = (DATA / "check" / "draft.md").read_text(encoding="utf-8")
    page.goto(f"{server.url}check")  # type: ignore[attr-defined]
    keyboard = page.keyboard  # type: ignore[attr-defined]
    page.locator("#text").focus()  # type: ignore[attr-defined]
    page.locator("#text").fill(draft)  # type: ignore[attr-defined]
    for _ in range(10):  # Tab on to the button, then Enter
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Check":  # type: ignore[attr-defined]
            break
    keyboard.press("Enter")
    page.wait_for_selector("#summary")  # type: ignore[attr-defined]
    assert page.locator(".manuscript mark.exact").count() >= 1  # type: ignore[attr-defined]
    colour = page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('mark.exact')).backgroundColor")
    assert colour == "rgb(205, 236, 205)"  # the report's colours, from the app's style sheet
    value = page.input_value("#text")  # type: ignore[attr-defined]
    assert value.replace("\r\n", "\n").strip() == draft.strip()


def test_ingest_form_by_keyboard_and_axe(page: object, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from conftest import SEED_CAPTURE

    texts = tmp_path / "texts"
    texts.mkdir()
    with running(texts, "--allow-ingest") as own:
        page.goto(f"{own.url}ingest")  # type: ignore[attr-defined]
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.locator("#id").fill("pasted")  # type: ignore[attr-defined]
        page.locator("#capture").fill(SEED_CAPTURE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        page.locator("#original_language").fill("ru")  # type: ignore[attr-defined]
        page.locator("#original_language").press("Enter")  # type: ignore[attr-defined]
        page.wait_for_selector("text=Added:")  # type: ignore[attr-defined]
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("link", name="Read it").click()  # type: ignore[attr-defined]
        page.wait_for_selector("#p14")  # type: ignore[attr-defined]
    assert (texts / "pasted.xml").exists()
