"""What every route of the reading room shares: the templates, the JSON answers and error
answers, query parameters read as the CLI reads options, and the wrappers that turn a plain
function into an endpoint.

A function that does CPU work (a search, a check, an ingest, a comparison) runs in
Starlette's thread pool (``threaded=True``), so that one slow request never holds up the
event loop and the requests behind it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote as url_quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from transcite import __version__
from transcite.core.errors import (
    ConflictError,
    DataError,
    TransciteError,
    Unavailable,
    UsageError,
)
from transcite.serve.reading import safe_url

Endpoint = Callable[[Request], Awaitable[Response]]


def status_of(error: TransciteError) -> int:
    if isinstance(error, UsageError):
        return 400
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, DataError):
        return 422
    if isinstance(error, Unavailable):  # the corpus database (--corpus URL) is unreachable
        return 503
    return 500


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status, media_type="application/json")


def api_error(error: TransciteError) -> Response:
    return json_response({"error": error.message, "exit_code": int(error.exit_code)},
                         status_of(error))


def one(request: Request, name: str, default: str | None = None) -> str | None:
    """A query parameter given at most once (a repeated one is a usage error)."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise UsageError(f"{name} given {len(values)} times; give it once")
    return values[0] if values else default


def required(request: Request, name: str, example: str = "kartsev-islamists%23p5") -> str:
    value = one(request, name)
    if value is None or value == "":
        raise UsageError(f"missing {name}: e.g. ?{name}={example}")
    return value


class Pages:
    """The Jinja2 templates (autoescaping on), loaded and compiled on first use."""

    def __init__(self, **globals_: Any) -> None:
        self._env: Any = None
        self._globals = globals_

    @property
    def env(self) -> Any:
        if self._env is None:
            from jinja2 import Environment, PackageLoader, select_autoescape

            env = Environment(
                loader=PackageLoader("transcite.serve", "templates"),
                autoescape=select_autoescape(default=True, default_for_string=True),
                trim_blocks=True, lstrip_blocks=True,
            )
            env.filters["urlpart"] = lambda value: url_quote(str(value), safe="")
            env.globals.update(version=__version__, safe_url=safe_url, **self._globals)
            self._env = env
        return self._env

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status)

    def error(self, error: TransciteError) -> HTMLResponse:
        return self.page("error.html", status_of(error), message=error.message, title="Error")


def api(handler: Callable[[Request], Any], *, threaded: bool = False) -> Endpoint:
    """A JSON endpoint: the handler's plain data, or the error's line and exit code."""
    async def endpoint(request: Request) -> Response:
        try:
            if threaded:
                return json_response(await run_in_threadpool(handler, request))
            return json_response(handler(request))
        except TransciteError as error:
            return api_error(error)

    return endpoint


def api_post(handler: Callable[[Request, bytes], Any]) -> Endpoint:
    """A JSON endpoint over the request's body (already capped by the middleware)."""
    async def endpoint(request: Request) -> Response:
        body = await request.body()
        try:
            return json_response(await run_in_threadpool(handler, request, body))
        except TransciteError as error:
            return api_error(error)

    return endpoint


def html(pages: Pages, handler: Callable[[Request], Response], *,
         threaded: bool = False) -> Endpoint:
    """A page: the handler's response, or the error page with the error's line."""
    async def endpoint(request: Request) -> Response:
        try:
            if threaded:
                return await run_in_threadpool(handler, request)
            return handler(request)
        except TransciteError as error:
            return pages.error(error)

    return endpoint


def form(pages: Pages, handler: Callable[[Request, Any], Response]) -> Endpoint:
    """A page answering a posted form (``multipart/form-data`` or URL-encoded)."""
    async def endpoint(request: Request) -> Response:
        from transcite.serve.security import MAX_BODY

        async with request.form(max_files=1, max_fields=20, max_part_size=MAX_BODY) as data:
            try:
                return await run_in_threadpool(handler, request, data)
            except TransciteError as error:
                return pages.error(error)

    return endpoint
