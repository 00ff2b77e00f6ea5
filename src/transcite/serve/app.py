"""The reading room as an ASGI application (Starlette): pages, the JSON API and the assets.

Pages are rendered on the server from Jinja2 templates with autoescaping on, so every value
of a record is escaped; the only HTML put in unescaped is what the library itself wrote with
every value escaped (the credit sheet, the comparison page). Every response carries a
Content-Security-Policy that allows scripts and style sheets from the app's own
``/static/`` only: no inline script runs, whatever a record holds.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote as url_quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from transcite import __version__
from transcite.core.errors import ConflictError, DataError, TransciteError, Unavailable, UsageError
from transcite.serve.reading import Reading, block_views, flag, matches, safe_url, version_number

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
#: the comparison page is the library's self-contained page: its own inline style sheet, no
#: script at all; shown inside the versions page
COMPARE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
               "form-action 'none'; frame-ancestors 'self'")
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
            await _too_large(send, self.max_body)
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


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"error": f"request body over {limit} bytes", "exit_code": 2}).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()),
    ]})
    await send({"type": "http.response.body", "body": body})


def _status(error: TransciteError) -> int:
    if isinstance(error, UsageError):
        return 400
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, DataError):
        return 422
    if isinstance(error, Unavailable):  # the corpus database (--corpus URL) is unreachable
        return 503
    return 500


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status, media_type="application/json")


def _one(request: Request, name: str, default: str | None = None) -> str | None:
    """A query parameter given at most once (a repeated one is a usage error)."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise UsageError(f"{name} given {len(values)} times; give it once")
    return values[0] if values else default


def _required(request: Request, name: str) -> str:
    value = _one(request, name)
    if value is None or value == "":
        raise UsageError(f"missing {name}: e.g. ?{name}=kartsev-islamists%23p5")
    return value


def create_app(texts_dir: str, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The reading room over the records in ``texts_dir``."""
    reading = Reading(texts_dir)
    env = Environment(
        loader=PackageLoader("transcite.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["urlpart"] = lambda value: url_quote(str(value), safe="")
    env.globals["version"] = __version__
    env.globals["safe_url"] = safe_url

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status)

    def api_error(error: TransciteError) -> Response:
        return _json({"error": error.message, "exit_code": int(error.exit_code)}, _status(error))

    def api(handler: Callable[[Request], Any]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return _json(handler(request))
            except TransciteError as error:
                return api_error(error)

        return endpoint

    def html(handler: Callable[[Request], Response]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return handler(request)
            except TransciteError as error:
                return page("error.html", _status(error), message=error.message,
                            title="Error")

        return endpoint

    def _record_id(request: Request) -> str:
        record_id = str(request.path_params["record_id"])
        if not reading.exists(record_id):
            reading.load(record_id)  # raises the corpus's own message
        return record_id

    # ------------------------------------------------------------------------ pages

    def corpus_page(request: Request) -> Response:
        words = _one(request, "q", "") or ""
        publisher = _one(request, "publisher", "") or ""
        records = reading.records()
        shown = [r for r in records if matches(r, words, publisher)]
        publishers = sorted({r.publisher for r in records if r.publisher})
        return page("corpus.html", records=shown, total=len(records), q=words,
                    publisher=publisher, publishers=publishers, title="Corpus")

    def record_page(request: Request) -> Response:
        record_id = _record_id(request)
        current = reading.load(record_id)
        version = version_number(_one(request, "version"))
        record = reading.version_of(record_id, version)
        from transcite.cite.styles import get_style, style_names
        from transcite.credits.sheet import credit_sheet, render_sheet

        sheet = credit_sheet(current)
        shown = version if version is not None and version != current.version else None
        return page(
            "record.html", record=record, current=current, shown_version=shown,
            ref_base=f"{record_id}@{shown}" if shown else record_id,
            blocks=block_views(record),
            styles=[(name, get_style(name).label) for name in style_names()],
            credits=Markup(render_sheet(sheet, "html")), credit_gaps=sheet.gaps,
            title=record.title,
        )

    def versions_page(request: Request) -> Response:
        record_id = _record_id(request)
        record = reading.load(record_id)
        old = version_number(_one(request, "a"))
        new = version_number(_one(request, "b"))
        if record.version > 1:
            old = old or record.version - 1
            new = new or record.version
            from transcite.core.versions import record_version

            record_version(record, old)
            record_version(record, new)
        return page("versions.html", record=record, old=old, new=new,
                    numbers=list(range(1, record.version + 1)), title=f"Versions: {record.title}")

    def compare_page(request: Request) -> Response:
        record_id = _record_id(request)
        old = version_number(_one(request, "a")) or 1
        new = version_number(_one(request, "b")) or reading.load(record_id).version
        body = reading.comparison_html(record_id, old, new)
        return HTMLResponse(body, headers={"Content-Security-Policy": COMPARE_CSP})

    # ------------------------------------------------------------------------ API

    def api_records(request: Request) -> Any:
        return reading.records_json()

    def api_record(request: Request) -> Any:
        record_id = _record_id(request)
        return reading.record_json(record_id, version_number(_one(request, "version")))

    def api_credits(request: Request) -> Any:
        return reading.credits_json(_record_id(request))

    def api_cite(request: Request) -> Any:
        return reading.cite(
            _required(request, "ref"), _one(request, "style", "apa") or "apa",
            _one(request, "form", "reference") or "reference",
            _one(request, "format", "text") or "text", _one(request, "accessed") or None,
        )

    def api_quote(request: Request) -> Any:
        return reading.quote(
            _required(request, "ref"), _one(request, "style", "apa") or "apa",
            _one(request, "format", "json") or "json",
            with_reference=flag(_one(request, "with_reference"), "with_reference"),
            link=flag(_one(request, "link"), "link"),
            accessed=_one(request, "accessed") or None,
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
        if request.url.path.startswith("/api/"):
            return _json({"error": detail, "exit_code": 2}, status)
        return page("error.html", status, message=detail, title="Error")

    routes = [
        Route("/", html(corpus_page), name="corpus"),
        Route("/records/{record_id}", html(record_page), name="record"),
        Route("/records/{record_id}/versions", html(versions_page), name="versions"),
        Route("/records/{record_id}/compare", html(compare_page), name="compare"),
        Route("/api/records", api(api_records)),
        Route("/api/records/{record_id}", api(api_record)),
        Route("/api/records/{record_id}/credits", api(api_credits)),
        Route("/api/cite", api(api_cite)),
        Route("/api/quote", api(api_quote)),
        Mount("/static", StaticFiles(packages=[("transcite.serve", "static")]), name="static"),
    ]
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware,
                                                             allowed_hosts=hosts)],
        exception_handlers={HTTPException: not_found},
    )
