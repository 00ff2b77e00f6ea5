"""``transcite ingest URL`` against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import datetime
import gzip
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import Result

from transcite import __version__
from transcite.core.errors import DataError
from transcite.ingest.fetch import USER_AGENT, FetchError, fetch
from transcite.storage.tei import record_from_bytes

from conftest import DATA, SEED_URL

PAGE = (DATA / "html" / "kartsev-islamists.html").read_bytes()
CP1251_PAGE = (
    "<html><body><h1>Заголовок</h1><p>Страница в кодировке Windows-1251 без тега meta, "
    "кодировка названа только в заголовке HTTP.</p></body></html>"
).encode("cp1251")
Run = Callable[..., Result]


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server; the last request's headers are kept for the tests."""

    seen: dict[str, str] = {}  # noqa: RUF012  (shared with the tests on purpose)
    #: ``/slow`` answers only once this is set (the timeout test sets it when the client has
    #: given up), so no fixed delay decides who is first
    release = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean

    def _send(self, status: int, ctype: str | None, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Handler.seen = dict(self.headers.items())
        routes: dict[str, Callable[[], None]] = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", PAGE),
            "/old": lambda: self._send(301, None, Location="/moved"),
            "/moved": lambda: self._send(302, None, Location="/article"),
            "/missing": lambda: self._send(404, "text/html", b"<h1>Not found</h1>"),
            "/pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.4"),
            "/big": lambda: self._send(200, "text/html", b"<p>" + b"x" * 9 * 2**20),
            "/cp1251": lambda: self._send(200, "text/html; charset=windows-1251", CP1251_PAGE),
            "/to-file": lambda: self._send(302, None, Location="file:///etc/passwd"),
            "/loop": lambda: self._send(302, None, Location="/loop"),
            "/slow": self._slow,
            "/gzip": lambda: self._send(200, "text/html", gzip.compress(PAGE),
                                        Content_Encoding="gzip"),
            "/gzip-bomb": lambda: self._send(200, "text/html",
                                             gzip.compress(b"<p>" + b" " * 9 * 2**20),
                                             Content_Encoding="gzip"),
            "/brotli": lambda: self._send(200, "text/html", b"\x1b\x00", Content_Encoding="br"),
            "/no-type": lambda: self._send(200, None, PAGE),
            "/no-type-text": lambda: self._send(200, None, b"Just some text.\n"),
            "/cut-off": self._cut_off,
        }
        routes.get(self.path, lambda: self._send(404, "text/plain", b"no route"))()

    def _cut_off(self) -> None:
        """The connection closes after 1,000 bytes of a longer page (Content-Length says)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE[:1000])
        self.close_connection = True

    def _slow(self) -> None:
        _Handler.release.wait(timeout=120)
        self._send(200, "text/html", PAGE)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is not an error of the server


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"  # listening since the line above
    finally:
        _Handler.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment must not see requests to the local server."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def test_fetch_sends_a_user_agent_naming_transcite(server: str) -> None:
    page = fetch(f"{server}/article")
    assert page.data == PAGE
    assert page.chain == (f"{server}/article",)
    assert page.charset == "utf-8"
    assert _Handler.seen["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"transcite/{__version__} ")


def test_redirects_are_followed_and_recorded(server: str) -> None:
    page = fetch(f"{server}/old")
    assert page.chain == (f"{server}/old", f"{server}/moved", f"{server}/article")
    assert page.final_url == f"{server}/article"


def test_ingest_url_writes_a_record_with_the_fetch_chain(
    run: Run, server: str, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    before = datetime.date.today().isoformat()
    result = run("ingest", f"{server}/old", "--id", "k", "--texts", str(out))
    after = datetime.date.today().isoformat()
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out / 'k.xml'}\n"
    # the day the page was fetched: the one the test started on, or (run over midnight) the next
    days = [day for day in (before, after) if f"recognised accessed: {day} (" in result.stderr]
    assert days, result.stderr
    today = days[0]
    lines = result.stderr.splitlines()
    assert lines[:9] == [
        "recognised headline: Russia and the U.S. are racing to negotiate with Islamists. "
        "So far, they’re neck and neck. (from json-ld)",
        "recognised publisher: Meduza (from json-ld)",
        "recognised authors: Dmitry Kartsev (from json-ld)",
        "recognised translators: Hilah Kohen (from json-ld)",
        f"recognised url: {SEED_URL} (from json-ld)",
        "recognised published: 2019-02-13 (from json-ld)",
        "recognised modified: 2019-02-13 (from json-ld)",
        f"recognised accessed: {today} (from http)",
        "recognised 16 paragraphs, 3 figures, 1 label, 5 sections",
    ]
    record = record_from_bytes((out / "k.xml").read_bytes(), "k.xml")
    assert record.fetched == (f"{server}/old", f"{server}/moved", f"{server}/article")
    assert (record.accessed, record.origin("accessed")) == (today, "http")
    assert record.url == SEED_URL  # the page's own URL, not the local one it came from


def test_charset_from_the_http_header(run: Run, server: str, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", f"{server}/cp1251", "--id", "ru", "--texts", str(out))
    assert result.exit_code == 0, result.stderr
    record = record_from_bytes((out / "ru.xml").read_bytes(), "ru.xml")
    assert record.title == "Заголовок"
    # no canonical URL in the page: the URL it was read from
    assert (record.url, record.origin("url")) == (f"{server}/cp1251", "http")


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/missing", 1, "{server}/missing: HTTP 404 Not Found"),
        ("/pdf", 3, "{server}/pdf: not an HTML page (Content-Type: application/pdf); "
                    "save the text and ingest the file"),
        ("/big", 3, "{server}/big: the page is larger than 8 MiB; refused"),
        ("/loop", 1, "{server}/loop: more than 10 redirects, or a redirect loop"),
        ("/to-file", 1, "{server}/to-file: redirected to 'file:///etc/passwd', which is not "
                        "http(s)"),
    ],
)
def test_bad_responses_give_one_line(
    run: Run, server: str, tmp_path: Path, path: str, code: int, message: str
) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", server + path, "--id", "x", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"Error: {message.format(server=server)}\n"
    assert not out.exists()


def test_nothing_listening_gives_one_line(run: Run, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago, now closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run("ingest", f"http://127.0.0.1:{port}/", "--id", "x", "--texts", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: http://127.0.0.1:{port}/: cannot fetch: ")
    assert result.stderr.count("\n") == 1


def test_timeout(server: str) -> None:
    _Handler.release.clear()
    try:
        with pytest.raises(FetchError) as info:
            fetch(f"{server}/slow", timeout=0.3)
    finally:
        _Handler.release.set()  # the server answers only now, after the client gave up
    assert str(info.value) == f"{server}/slow: no answer within 0.3 s"


def test_size_cap_is_applied_while_reading(server: str) -> None:
    with pytest.raises(DataError) as info:
        fetch(f"{server}/article", max_bytes=1000)
    assert str(info.value) == f"{server}/article: the page is larger than 1,000 bytes; refused"


def test_only_http_urls(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize("path", ["/gzip", "/no-type"])
def test_a_compressed_or_untyped_page_is_read_like_the_page(server: str, path: str) -> None:
    """Some servers gzip whatever the request says, or send no Content-Type: the page is the
    same page (an untyped body is taken when it looks like HTML, as browsers sniff it)."""
    assert fetch(f"{server}{path}").data == PAGE


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/cut-off", 1, "{server}/cut-off: the connection closed after 1,000 of {size:,} "
                        "bytes; the page is incomplete: try again"),
        ("/gzip-bomb", 3, "{server}/gzip-bomb: the page is larger than 8 MiB; refused"),
        ("/brotli", 3, "{server}/brotli: the page is compressed as 'br', which transcite "
                       "cannot read; save the page from a browser and ingest the file"),
        ("/no-type-text", 3, "{server}/no-type-text: not an HTML page (no Content-Type, and "
                             "it does not look like HTML); save the text and ingest the file"),
    ],
)
def test_incomplete_or_unreadable_bodies_give_one_line_and_no_record(
    run: Run, server: str, tmp_path: Path, path: str, code: int, message: str
) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", server + path, "--id", "x", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"Error: {message.format(server=server, size=len(PAGE))}\n"
    assert not out.exists()
