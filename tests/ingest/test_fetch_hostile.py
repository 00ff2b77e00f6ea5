"""``ingest URL`` against a hostile HTTP server on 127.0.0.1 that sends raw bytes: broken
status lines and headers, a trickle, a cut-off gzip body, redirects with nowhere to go, and
answers with no page. Each ends in one line with its exit code, never a traceback."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from transcite.ingest.fetch import FetchError, fetch

from conftest import DATA, corpus_files

PAGE = (DATA / "html" / "kartsev-islamists.html").read_bytes()
Run = Callable[..., Result]


def _head(status: str, *headers: str) -> bytes:
    return ("\r\n".join([f"HTTP/1.1 {status}", *headers, "", ""])).encode("latin-1")


_GZ = gzip.compress(PAGE)
ROUTES: dict[str, bytes | Callable[[socket.socket], None]] = {
    "/bad-status": b"SSH-2.0-OpenSSH_9.2\r\n\r\n",
    "/many-headers": _head("200 OK", *(f"X-H{i}: {i}" for i in range(150))),
    "/long-header": _head("200 OK", "X-Long: " + "a" * 70_000),
    "/gzip-cut": _head(
        "200 OK", "Content-Type: text/html", "Content-Encoding: gzip", "Connection: close"
    ) + _GZ[: len(_GZ) // 3],
    "/no-location": _head("301 Moved Permanently", "Content-Length: 0"),
    "/no-content": _head("204 No Content"),
    "/garbage-length": _head("200 OK", "Content-Type: text/html", "Content-Length: lots"),
}


def _trickle(conn: socket.socket) -> None:
    """A byte a second, for ever: a per-read timeout never fires."""
    for byte in _head("200 OK", "Content-Type: text/html", "Content-Length: 100000") + PAGE:
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


ROUTES["/trickle"] = _trickle


def _serve(listener: socket.socket) -> None:
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_answer, args=(conn,), daemon=True).start()


def _answer(conn: socket.socket) -> None:
    with conn:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode()
            route = ROUTES.get(path, _head("404 Not Found", "Content-Length: 0"))
            if callable(route):
                route(conn)
            else:
                conn.sendall(route)
        except OSError:
            pass  # the client gave up: expected for the trickle


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    threading.Thread(target=_serve, args=(listener,), daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bad-status", "the server's answer is not valid HTTP: no status line (is it an HTTP "
         "server?)"),
        ("/many-headers", "the server's answer is not valid HTTP: more than 100 headers"),
        ("/long-header", "the server's answer is not valid HTTP: a line longer than 64 KiB"),
        ("/gzip-cut", "the page's gzip data ends early (cut off after {n} bytes); the page is "
         "incomplete: try again"),
        ("/no-location", "HTTP 301 Moved Permanently with no Location to go to; the server's "
         "answer is broken"),
        ("/no-content", "HTTP 204 No Content: the server sent no page"),
    ],
)
def test_a_broken_answer_is_one_line_exit_1(
    run: Run, server: str, tmp_path: Path, path: str, message: str
) -> None:
    out = tmp_path / "corpus"
    result = run("ingest", f"{server}{path}", "--id", "x", "--texts", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    expected = message.format(n=f"{len(_GZ) // 3:,}")
    assert result.stderr == f"Error: {server}{path}: {expected}\n"
    assert not out.exists() or corpus_files(out) == []


def test_a_trickling_server_is_given_up_on_at_the_deadline(server: str) -> None:
    """The timeout is for the whole fetch: 1 s here, although every read gets a byte in
    well under a second."""
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{server}/trickle", timeout=1.0)
    assert str(caught.value) == f"{server}/trickle: no answer within 1 s"
    assert time.monotonic() - start < 10


def test_an_empty_answer_is_named_as_such(server: str) -> None:
    """A malformed Content-Length and no body: not "the file is empty"."""
    with pytest.raises(FetchError) as caught:
        fetch(f"{server}/garbage-length", timeout=5)
    assert str(caught.value) == f"{server}/garbage-length: the server sent an empty page"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://example.org/a%zz", "a '%' must start an escape such as %20 (write a "
         "literal % as %25)"),
        ("https://example.org/100%", "a '%' must start an escape such as %20 (write a "
         "literal % as %25)"),
        ("https://[example.org/", "Invalid IPv6 URL"),
    ],
)
def test_a_url_a_record_cannot_hold_is_refused_first(
    run: Run, tmp_path: Path, url: str, why: str
) -> None:
    """It used to be written, refused by the schema and reported as a broken record."""
    capture = DATA / "kartsev-islamists.txt"
    result = run("ingest", str(capture), "--id", "x", "--url", url,
                 "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: --url: {url!r} is not a valid URL: {why}\n"
    result = run("ingest", url, "--id", "x", "--texts", str(tmp_path / "c"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: URL: {url!r} is not a valid URL: {why}\n"
