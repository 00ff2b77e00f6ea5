"""Bylines that carry the site's name (the HTML reader's authors): "Name Outlet" is the
person; "Outlet Sports Writer" is a desk, not a person. See docs/html-reader.md."""

from __future__ import annotations

import re

#: words that make a site's name plus them a desk or a job, not a person ("CNN Editor-at-large")
_ROLES = re.compile(r"(?i)\b(writer|editor|staff|reporter|correspondent|desk|team|"
                    r"contributor|columnist|newsroom)")


def _squeezed(text: str) -> str:
    return re.sub(r"[\s.\-]+", "", text.casefold())


def without_site_names(names: list[str], sites: list[str | None]) -> list[str]:
    """Bylines that carry the site's name: "Name Outlet" becomes "Name" (two words or more
    left); "Outlet Sports Writer", "Outlet Editor-at-large" (the site's name, then a job or
    desk) are no person and are left out."""
    known = {_squeezed(s) for s in sites if s and len(_squeezed(s)) >= 3}
    out = []
    for name in names:
        words = name.split()
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if _squeezed(head) in known and _ROLES.search(tail):
                name = ""
                break
            if k >= 2 and _squeezed(tail) in known:
                name = head
                break
        if name:
            out.append(name)
    return out
