"""``transcite serve``: the reading room, a local web app over the corpus.

:mod:`transcite.serve.reading` answers as plain data (no web framework), :mod:`.app` is the
Starlette application (pages, JSON API, assets; the security headers), :mod:`.server` runs it
with uvicorn on 127.0.0.1. Templates and static assets ship in this package: no CDN, no build
step. See ``docs/serve.md``.
"""
