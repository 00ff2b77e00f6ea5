"""The CSL oracle (tests/oracle/csl/) and transcite's renderings of the same cases.

A case is named as the oracle names it: ``seed``, ``seed#p5`` (a citation) or
``bibliography:seed`` (a reference entry). :func:`rendered` renders every case of one style
through ``transcite.cite.csl`` (pandoc) the way the oracle rendered it, each citation as if
alone (a first note, number 1): in a document of its own when the style tests positions
(first, subsequent, ibid.), else with the other citations of its variant and its bibliography
entry (one work: no positions, numbers or disambiguation to differ). Results are cached, so the
tests that compare with citeproc-js and with the built-in styles share one pandoc run per
style, for plain text and HTML together.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from transcite.cite.csl import CslCite, CslJob, render_jobs
from transcite.cite.csl.pandoc import ENV_TIMEOUT
from transcite.cite.csl.styles import load_style

from variants import PINPOINTS, variants

ORACLE = Path(__file__).resolve().parent / "oracle" / "csl"


def _json(name: str) -> Any:
    return json.loads((ORACLE / name).read_text(encoding="utf-8"))


TEXT: dict[str, dict[str, dict[str, str]]] = _json("citeproc-js.json")
HTML: dict[str, dict[str, dict[str, str]]] = _json("citeproc-js.html.json")
ITEMS: list[dict[str, Any]] = _json("items.json")
CITES: list[dict[str, Any]] = _json("cites.json")
STYLES: dict[str, dict[str, str]] = _json("styles.json")
DIFFERENCES: list[dict[str, Any]] = tomllib.loads(
    (ORACLE / "engine-differences.toml").read_text(encoding="utf-8")
).get("difference", [])


@contextmanager
def _pandoc_limit(seconds: int) -> Iterator[None]:
    """``$TRANSCITE_PANDOC_TIMEOUT`` set to ``seconds`` meanwhile, unless the run sets it."""
    before = os.environ.get(ENV_TIMEOUT)
    if before is None:
        os.environ[ENV_TIMEOUT] = str(seconds)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_TIMEOUT, None)


@cache
def _rendered(style: str, lang: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Every case of ``style`` rendered by transcite: (plain text, HTML), one pandoc run."""
    csl = load_style(style)
    jobs: list[CslJob] = []
    named: list[list[str]] = []
    # a style's output depends on earlier citations only through positions: tests of them
    # (position="subsequent", "ibid"…) and the et-al-subsequent-* name options
    together = b"position=" not in csl.xml and b"subsequent" not in csl.xml
    for variant in variants():
        cases = [c for c in CITES if c["items"][0]["id"] == variant]
        cites = [CslCite(i["id"], i.get("locator"), i.get("label")) for c in cases
                 for i in c["items"]]
        if together:
            # no position in the style: a citation does not depend on the others of its
            # document (one work: one number, nothing to disambiguate), so the variant's
            # citations share one document, and citeproc reads the style once for them
            jobs.append(CslJob(csl, tuple(cites), (variant,), lang))
            named.append([c["name"] for c in cases])
        else:
            for case, cite in zip(cases, cites, strict=True):
                references = (variant,) if cite.locator is None else ()
                jobs.append(CslJob(csl, (cite,), references, lang))
                named.append([case["name"]])
    text: dict[str, str] = {}
    html: dict[str, str] = {}
    # the time limit guards users against a hung pandoc; these renderings are checked for
    # what they say, so a busy machine (one pandoc run per style, 105 citations) must not
    # fail them: a limit no healthy run reaches
    with _pandoc_limit(600):
        results = render_jobs(ITEMS, jobs, "text", ("html",))
    for names, result in zip(named, results, strict=True):
        for name, citation in zip(names, result.citations, strict=True):
            text[name], html[name] = citation.text, citation.also[0]
        for entry in result.bibliography:
            text[f"bibliography:{entry.id}"] = entry.text
            html[f"bibliography:{entry.id}"] = entry.also[0]
    return text, html


def rendered(style: str, fmt: str, lang: str | None = None) -> dict[str, str]:
    """Every case of ``style`` rendered by transcite in ``fmt`` (``text`` or ``html``), as the
    oracle rendered it: each citation as the first of its document, numbered 1."""
    text, html = _rendered(style, lang)
    return text if fmt == "text" else html


def oracle(style: str, fmt: str = "text") -> dict[str, str]:
    data = (TEXT if fmt == "text" else HTML)[style]
    out = dict(data["citations"])
    out.update((f"bibliography:{k}", v) for k, v in data["bibliography"].items())
    return out


def differences(style: str, aspect: str = "text") -> dict[str, str]:
    """Case -> id of each listed engine difference of ``style`` for ``aspect``."""
    names = list(variants())
    out: dict[str, str] = {}
    for diff in DIFFERENCES:
        if style not in diff["styles"] or diff.get("aspect", "text") != aspect:
            continue
        for variant in diff.get("variants", names):
            if diff["kind"] == "reference":
                out[f"bibliography:{variant}"] = diff["id"]
            else:
                for pin in diff.get("pinpoints", PINPOINTS):
                    out[f"{variant}#{pin}" if pin else variant] = diff["id"]
    return out
