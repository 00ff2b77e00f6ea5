"""The reading room's guards, as ASGI middleware: the Content-Security-Policy and the other
security headers on every response, the cap on request bodies, and the same-origin rule for
requests that change or compute something (``POST``).

A ``POST`` from a browser carries ``Sec-Fetch-Site`` (and ``Origin``): one sent by a page of
another site (a form aimed at ``http://127.0.0.1:PORT/ingest``, which the ``Host`` check lets
through since the browser names our host) is refused with 403. A client that sends neither
(curl, a script) is let through: it runs on this computer already.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the largest request body accepted (a manuscript to check, a capture to ingest)
MAX_BODY = 2 * 1024 * 1024

#: the ``style`` attributes the quotation HTML of ``transcite.quote.formats`` carries (an
#: in-text citation set roman; the quotation marks of British and thrice-nested quotations);
#: allowed by hash so that the preview shows the quotation as it will paste, and nothing else
QUOTE_STYLES = (
    "font-style: normal",
    "quotes: '\\2018' '\\2019' '\\201C' '\\201D'",
    "quotes: '\\2018' '\\2019' '\\201C' '\\201D' '\\2018' '\\2019'",
    "quotes: '\\201C' '\\201D' '\\2018' '\\2019' '\\201C' '\\201D'",
)


def _hash(value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-hashes' " + " ".join(_hash(s) for s in QUOTE_STYLES),
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds the CSP and the other security headers to every response, and refuses request
    bodies over :data:`MAX_BODY` (413) before the app reads them."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, f"request body over {self.max_body} bytes")
            return
        if scope.get("method") not in ("GET", "HEAD") and not same_origin(headers):
            await _refuse(send, 403, "refused: the request came from a page of another site")
            return
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"request body over {self.max_body} bytes")
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                names = {name.lower() for name, _ in raw}
                if b"content-security-policy" not in names:
                    raw.append((b"content-security-policy", CSP.encode()))
                raw += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message["headers"] = raw
            await send(message)

        await self.app(scope, capped_receive, with_headers)


def same_origin(headers: dict[bytes, bytes]) -> bool:
    """Whether a request that changes or computes something came from the app's own pages
    (or from no page at all). Browsers say where a request comes from in ``Sec-Fetch-Site``;
    without it, ``Origin`` must be the app's own (the app's ``no-referrer`` policy makes a
    browser send ``Origin: null`` with a form, so ``null`` counts only beside
    ``Sec-Fetch-Site: same-origin``)."""
    site = headers.get(b"sec-fetch-site")
    if site is not None:
        return site in (b"same-origin", b"none")
    origin = headers.get(b"origin")
    if origin is None:
        return True
    host = headers.get(b"host", b"")
    return origin in (b"http://" + host, b"https://" + host)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "exit_code": 2}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()),
        *[(k.lower().encode(), v.encode()) for k, v in HEADERS.items()],
    ]})
    await send({"type": "http.response.body", "body": body})
