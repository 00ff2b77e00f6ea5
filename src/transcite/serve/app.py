"""The reading room as an ASGI application (Starlette): pages, the JSON API and the assets.

Pages are rendered on the server from Jinja2 templates with autoescaping on, so every value
of a record is escaped; the only HTML put in unescaped is what the library itself wrote with
every value escaped (the credit sheet, the comparison page, the check report). Every response
carries a Content-Security-Policy that allows scripts and style sheets from the app's own
``/static/`` only: no inline script runs, whatever a record holds (``security``). The tools
(search, check, ingest) are in ``tools_routes``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from transcite.serve.reading import Reading, block_views, flag, matches, version_number
from transcite.serve.security import CSP, QUOTE_STYLES, SecurityHeaders
from transcite.serve.web import Pages, api, html, json_response, one, required

__all__ = ["COMPARE_CSP", "CSP", "QUOTE_STYLES", "create_app"]

#: the comparison page is the library's self-contained page: its own inline style sheet, no
#: script at all; shown inside the versions page
COMPARE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
               "form-action 'none'; frame-ancestors 'self'")


def create_app(
    texts_dir: str, *, allowed_hosts: list[str] | None = None, allow_ingest: bool = False,
) -> Starlette:
    """The reading room over the records in ``texts_dir``; ``allow_ingest`` adds the form
    that makes a record of a URL or a pasted capture (off by default: read-only)."""
    from transcite.serve.tools_routes import tool_routes

    reading = Reading(texts_dir)
    pages = Pages(allow_ingest=allow_ingest)
    page = pages.page

    def _record_id(request: Request) -> str:
        record_id = str(request.path_params["record_id"])
        if not reading.exists(record_id):
            reading.load(record_id)  # raises the corpus's own message
        return record_id

    # ------------------------------------------------------------------------ pages

    def corpus_page(request: Request) -> Response:
        words = one(request, "q", "") or ""
        publisher = one(request, "publisher", "") or ""
        records = reading.records()
        shown = [r for r in records if matches(r, words, publisher)]
        publishers = sorted({r.publisher for r in records if r.publisher})
        return page("corpus.html", records=shown, total=len(records), q=words,
                    publisher=publisher, publishers=publishers, title="Corpus")

    def record_page(request: Request) -> Response:
        record_id = _record_id(request)
        current = reading.load(record_id)
        version = version_number(one(request, "version"))
        record = reading.version_of(record_id, version)
        from transcite.cite.styles import get_style, style_names
        from transcite.credits.sheet import credit_sheet, render_sheet

        sheet = credit_sheet(current)
        # the sheet is a <section> of its own where it is pasted; here the panel's section,
        # with its heading, holds it (an untitled section inside is an outline without a name)
        credits = render_sheet(sheet, "html").strip()
        opening = '<section class="transcite-credits">'
        if credits.startswith(opening) and credits.endswith("</section>"):
            credits = f'<div class="transcite-credits">{credits[len(opening):-10]}</div>'
        shown = version if version is not None and version != current.version else None
        ref_base = f"{record_id}@{shown}" if shown else record_id
        selector = one(request, "quote") or None
        if selector is not None:  # ?quote=p14:s1 (a search hit's "Quote this"): checked here
            reading.cite(f"{ref_base}#{selector}")
        return page(
            "record.html", record=record, current=current, shown_version=shown,
            ref_base=ref_base, blocks=block_views(record), quote_now=selector,
            styles=[(name, get_style(name).label) for name in style_names()],
            credits=Markup(credits), credit_gaps=sheet.gaps,
            title=record.title,
        )

    def versions_page(request: Request) -> Response:
        record_id = _record_id(request)
        record = reading.load(record_id)
        old = version_number(one(request, "a"))
        new = version_number(one(request, "b"))
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
        old = version_number(one(request, "a")) or 1
        new = version_number(one(request, "b")) or reading.load(record_id).version
        body = reading.comparison_html(record_id, old, new)
        return HTMLResponse(body, headers={"Content-Security-Policy": COMPARE_CSP})

    # ------------------------------------------------------------------------ API

    def api_records(request: Request) -> Any:
        return reading.records_json()

    def api_record(request: Request) -> Any:
        record_id = _record_id(request)
        return reading.record_json(record_id, version_number(one(request, "version")))

    def api_credits(request: Request) -> Any:
        return reading.credits_json(_record_id(request))

    def api_cite(request: Request) -> Any:
        return reading.cite(
            required(request, "ref"), one(request, "style", "apa") or "apa",
            one(request, "form", "reference") or "reference",
            one(request, "format", "text") or "text", one(request, "accessed") or None,
        )

    def api_quote(request: Request) -> Any:
        return reading.quote(
            required(request, "ref"), one(request, "style", "apa") or "apa",
            one(request, "format", "json") or "json",
            with_reference=flag(one(request, "with_reference"), "with_reference"),
            link=flag(one(request, "link"), "link"),
            accessed=one(request, "accessed") or None,
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
        if request.url.path.startswith("/api/"):
            return json_response({"error": detail, "exit_code": 2}, status)
        return page("error.html", status, message=detail, title="Error")

    routes: list[BaseRoute] = [
        Route("/", html(pages, corpus_page), name="corpus"),
        Route("/records/{record_id}", html(pages, record_page), name="record"),
        Route("/records/{record_id}/versions", html(pages, versions_page), name="versions"),
        Route("/records/{record_id}/compare", html(pages, compare_page, threaded=True),
              name="compare"),
        Route("/api/records", api(api_records)),
        Route("/api/records/{record_id}", api(api_record)),
        Route("/api/records/{record_id}/credits", api(api_credits)),
        Route("/api/cite", api(api_cite)),
        Route("/api/quote", api(api_quote)),
        *tool_routes(reading, pages, allow_ingest=allow_ingest),
        Mount("/static", StaticFiles(packages=[("transcite.serve", "static")]), name="static"),
    ]
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware,
                                                             allowed_hosts=hosts)],
        exception_handlers={HTTPException: not_found},
    )
