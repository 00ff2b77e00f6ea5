"""Fetching a web page for ``transcite ingest URL`` with the standard library's urllib.

One GET with a user agent naming transcite and its version, a timeout, a size cap (the body is
read up to the cap and refused beyond it), and redirects followed (at most
:data:`MAX_REDIRECTS`, http and https only) and recorded. Only HTML responses are accepted.
The timeout is a deadline for the whole fetch (connection, redirects, headers and body), not
only for each read: a server that trickles a byte a second is given up on in time.
Failures to get a page (network, timeout, HTTP error status, a malformed HTTP answer, a
compressed body cut off before its end) raise :class:`FetchError` (exit 1); a response that
is not a usable page (not HTML, too large) raises :class:`~transcite.core.errors.DataError`
(exit 3). Each is one line naming the URL.
"""

from __future__ import annotations

import datetime
import http.client
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urljoin

from transcite import __version__
from transcite.core.errors import DataError, TransciteError, UsageError
from transcite.core.urls import url_problem
from transcite.ingest.readers.html_source import MAX_HTML_BYTES, looks_like_html

USER_AGENT = f"transcite/{__version__} (citation and credit records of translated journalism)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 10
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(TransciteError):
    """The page could not be fetched (exit code 1: the operation failed)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: its bytes, the URL chain (asked for, then each redirect), charset."""

    data: bytes
    chain: tuple[str, ...]
    charset: str | None
    accessed: str

    @property
    def final_url(self) -> str:
        return self.chain[-1]


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def check_url(url: str, what: str) -> str:
    """Refuse an http(s) URL a record could not store (a stray ``%``, a broken host)."""
    if not is_url(url):
        raise UsageError(f"{what}: {url!r} is not an http(s) URL")
    problem = url_problem(url)
    if problem:
        raise UsageError(f"{what}: {url!r} is not a valid URL: {problem}")
    return url


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http(s) redirects only, and remembers every target in order."""

    max_redirections = MAX_REDIRECTS

    def __init__(self) -> None:
        self.chain: list[str] = []

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: HTTPMessage,
    ) -> Any:
        """Refuse a redirect to another scheme (file:, ftp:, data:) before following it."""
        target = headers.get("location") or headers.get("uri")
        if not target:
            fp.close()
            raise FetchError(
                f"{req.full_url}: HTTP {code} {' '.join(str(msg).split())} with no Location "
                "to go to; the server's answer is broken"
            )
        if not is_url(urljoin(req.full_url, target)):
            fp.close()
            raise FetchError(f"{req.full_url}: redirected to {target!r}, which is not http(s)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            self.chain.append(new.full_url)
        return new


def _opener(redirects: _Redirects) -> urllib.request.OpenerDirector:
    """An opener for http and https only (no file:, ftp: or data: handlers)."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(), urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(), redirects,
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_HTML_BYTES
) -> Fetched:
    """GET ``url`` and return the page; every failure is one clear error line.

    The whole fetch must end within ``timeout`` seconds: it runs in a worker thread that
    is abandoned (a daemon, ended with the process) when the deadline passes.
    """
    if not is_url(url):
        raise DataError(f"{url}: not an http(s) URL")
    outcome: list[Fetched | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_fetch(url, timeout, max_bytes))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=work, name="transcite-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise FetchError(f"{url}: no answer within {timeout:g} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    redirects = _Redirects()
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}
    )
    try:
        with _opener(redirects).open(request, timeout=timeout) as response:
            chain = (url, *redirects.chain)
            typed = response.headers.get("Content-Type") is not None
            content_type = response.headers.get_content_type()
            if typed and content_type not in _HTML_TYPES:
                raise DataError(
                    f"{chain[-1]}: not an HTML page (Content-Type: {content_type}); "
                    "save the text and ingest the file"
                )
            if response.status in (204, 205):
                raise FetchError(
                    f"{chain[-1]}: HTTP {response.status} {' '.join(response.reason.split())}: "
                    "the server sent no page"
                )
            if response.status == 206:
                raise FetchError(f"{chain[-1]}: HTTP 206: the server sent part of the page only")
            data = _body(response, chain[-1], max_bytes)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:  # urllib gives up on a loop or a long chain of redirects
            raise FetchError(
                f"{url}: more than {MAX_REDIRECTS} redirects, or a redirect loop"
            ) from None
        why = " ".join(str(exc.reason).split())
        raise FetchError(f"{exc.url or url}: HTTP {exc.code} {why}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from None
        raise FetchError(f"{url}: cannot fetch: {reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except http.client.HTTPException as exc:  # a malformed status line, headers or body
        raise FetchError(f"{url}: the server's answer is not valid HTTP: {_why(exc)}") from None
    except (OSError, ValueError) as exc:  # connection reset, bad URL
        raise FetchError(f"{url}: cannot fetch: {_one_line(str(exc))}") from None
    if not data:
        raise FetchError(f"{chain[-1]}: the server sent an empty page")
    if len(data) > max_bytes:
        raise DataError(f"{chain[-1]}: the page is larger than {_size(max_bytes)}; refused")
    if not typed and not looks_like_html(data):
        raise DataError(
            f"{chain[-1]}: not an HTML page (no Content-Type, and it does not look like HTML); "
            "save the text and ingest the file"
        )
    return Fetched(data, chain, charset, datetime.date.today().isoformat())


def _why(exc: http.client.HTTPException) -> str:
    """What is wrong with an HTTP answer, in a few words."""
    if isinstance(exc, http.client.LineTooLong):
        return "a line longer than 64 KiB"
    if isinstance(exc, http.client.BadStatusLine):
        return "no status line (is it an HTTP server?)"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    text = str(exc)
    if "more than" in text and "headers" in text:
        return "more than 100 headers"
    return _one_line(text) or type(exc).__name__


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _body(response: Any, url: str, max_bytes: int) -> bytes:
    """The page's bytes, up to ``max_bytes + 1``: complete, and decompressed when the server
    compressed it although it was not asked to (gzip, deflate)."""
    from http.client import IncompleteRead

    expected = response.headers.get("Content-Length", "").strip()
    try:
        raw: bytes = response.read(max_bytes + 1)
    except IncompleteRead as exc:
        raise _cut_off(url, len(exc.partial), len(exc.partial) + (exc.expected or 0)) from None
    if expected.isdigit() and len(raw) < int(expected) and len(raw) <= max_bytes:
        raise _cut_off(url, len(raw), int(expected))
    coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if coding == "identity":
        return raw
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise DataError(
            f"{url}: the page is compressed as {coding!r}, which transcite cannot read; save "
            "the page from a browser and ingest the file"
        )
    import zlib

    stream = zlib.decompressobj(wbits=47)
    try:  # wbits 47: a gzip or zlib header, detected; at most max_bytes + 1 come out
        data = stream.decompress(raw, max_bytes + 1)
    except zlib.error:
        raise FetchError(f"{url}: the page's {coding} data is damaged; try again") from None
    if not stream.eof and len(data) <= max_bytes:  # no end of the compressed stream
        raise FetchError(
            f"{url}: the page's {coding} data ends early (cut off after {len(raw):,} "
            "bytes); the page is incomplete: try again"
        )
    return data


def _cut_off(url: str, got: int, expected: int) -> FetchError:
    return FetchError(
        f"{url}: the connection closed after {got:,} of {expected:,} bytes; the page is "
        "incomplete: try again"
    )


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 else f"{n:,} bytes"
