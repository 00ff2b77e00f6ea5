"""The routes of the reading room's tools: search (``/find``, ``/api/find``), checking a
manuscript (``/check``, ``/api/check``) and, with ``--allow-ingest`` only, making a record of
a URL or a pasted capture (``/ingest``). Each runs in the thread pool (CPU work)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from transcite.api import Found
from transcite.api import find as find_in_corpus
from transcite.core.errors import TransciteError, UsageError
from transcite.serve import tools
from transcite.serve.reading import Reading, flag
from transcite.serve.web import Pages, api, api_post, form, html, one, required

#: the name a pasted draft is checked under (no suffix: its format is read from its content)
PASTED = "pasted draft"


def _styles() -> list[tuple[str, str]]:
    from transcite.cite.styles import get_style, style_names

    return [(name, get_style(name).label) for name in style_names()]


def _field(data: Any, name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def tool_routes(reading: Reading, pages: Pages, *, allow_ingest: bool) -> list[BaseRoute]:
    corpus = reading.corpus

    # ------------------------------------------------------------------------ search

    def search(request: Request, query: str) -> Found:
        return find_in_corpus(
            corpus, query, limit=tools.limit_number(one(request, "limit")),
            record_id=one(request, "record") or None, style=one(request, "style") or None,
        )

    def api_find(request: Request) -> Any:
        return search(request, required(request, "q", "neck+and+neck")).to_json()

    def find_page(request: Request) -> Response:
        query = one(request, "q", "") or ""
        found = search(request, query) if query.strip() else None
        return pages.page("find.html", q=query, found=found, title="Search the texts")

    # ------------------------------------------------------------------------ check

    def check_options(get: Any) -> dict[str, Any]:
        return {
            "style": get("style") or "apa",
            "input_format": get("input_format") or None,
            "all_quotes": flag(get("all"), "all"),
            "reuse": flag(get("reuse"), "reuse"),
        }

    def api_check(request: Request, body: bytes) -> Any:
        from transcite.check.report import to_json

        name = tools.manuscript_name(one(request, "name"), PASTED)
        report, _ = tools.check(corpus, body, name, **check_options(
            lambda key: one(request, key)))
        return to_json(report)

    def check_form(request: Request) -> Response:
        return pages.page("check.html", styles=_styles(), chosen={}, title="Check a draft")

    def check_posted(request: Request, data: Any) -> Response:
        from transcite.check.html import report_parts

        chosen = {key: _field(data, key) for key in ("style", "input_format", "all", "reuse")}
        upload = data.get("file")
        text = _field(data, "text")
        try:
            if isinstance(upload, UploadFile) and upload.filename:
                content = upload.file.read()
                name = tools.manuscript_name(upload.filename)
            elif text:
                content, name = data.get("text").encode("utf-8"), PASTED
            else:
                raise UsageError("paste a draft or choose a file to check")
            report, notes = tools.check(corpus, content, name,
                                        **check_options(lambda key: chosen.get(key)))
        except TransciteError as error:
            return pages.page("check.html", 400 if isinstance(error, UsageError) else 422,
                              styles=_styles(), chosen=chosen, text=text, error=error.message,
                              title="Check a draft")
        summary, article, aside = report_parts(report)
        return pages.page(
            "check.html", styles=_styles(), chosen=chosen, text=text, report=report,
            notes=notes, summary=Markup(summary), article=Markup(article),
            aside=Markup(aside), title=f"Check: {report.manuscript.name}",
        )

    routes: list[BaseRoute] = [
        Route("/find", html(pages, find_page, threaded=True), name="find"),
        Route("/api/find", api(api_find, threaded=True)),
        Route("/check", html(pages, check_form), name="check"),
        Route("/check", form(pages, check_posted), methods=["POST"]),
        Route("/api/check", api_post(api_check), methods=["POST"]),
    ]
    if not allow_ingest:
        return routes

    # ------------------------------------------------------------------------ ingest

    def ingest_form(request: Request) -> Response:
        return pages.page("ingest.html", chosen={}, title="Add a text")

    def ingest_posted(request: Request, data: Any) -> Response:
        chosen = {key: _field(data, key) for key in (
            "id", "url", "text", "page_url", "published", "original_language")}
        try:
            done = tools.ingest(
                corpus, chosen["id"], url=chosen["url"] or None,
                text=data.get("text") if chosen["text"] else None,
                page_url=chosen["page_url"] or None, published=chosen["published"] or None,
                original_language=chosen["original_language"] or None,
            )
        except TransciteError as error:
            from transcite.serve.web import status_of

            return pages.page("ingest.html", status_of(error), chosen=chosen,
                              error=error.message, title="Add a text")
        return pages.page("ingested.html", record=done.record, report=done.report,
                          title=f"Added: {done.record.title}")

    routes += [
        Route("/ingest", html(pages, ingest_form), name="ingest"),
        Route("/ingest", form(pages, ingest_posted), methods=["POST"]),
    ]
    return routes
