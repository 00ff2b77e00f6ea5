"""Which URLs a record can store: http(s), with a host, and nothing the TEI schema's
``anyURI`` refuses (a ``%`` that starts no escape, a malformed host or port, white space or
control characters)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def url_problem(url: str) -> str | None:
    """Why a record cannot store ``url``, or ``None`` when it can."""
    if not url.startswith(("http://", "https://")):
        return "not an http(s) URL"
    if _STRAY_PERCENT.search(url):
        return "a '%' must start an escape such as %20 (write a literal % as %25)"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return "it holds white space or a control character"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading the port refuses a malformed one)
    except ValueError as exc:
        return str(exc)
    if not parts.hostname:
        return "it names no host"
    return None


def stray_percent(url: str) -> bool:
    """Whether a ``%`` in ``url`` starts no escape (the schema refuses such a URI)."""
    return bool(_STRAY_PERCENT.search(url))


def join_url(base: str | None, value: str) -> str | None:
    """``value`` resolved against ``base``; ``None`` when either is malformed."""
    try:
        return urljoin(base, value) if base else value
    except ValueError:
        return None
