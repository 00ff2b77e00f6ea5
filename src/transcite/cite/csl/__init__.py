"""Any CSL style, rendered by pandoc's citeproc (the optional extra ``transcite[csl]``).

The built-in styles (``transcite.cite.styles``) stay the default and the reference; a CSL style
is for a journal, department or editor whose style is not among them. The public entry points:

- :func:`render_csl` ``(targets, style, form, fmt)`` — citations (``in-text`` or ``note``, as
  the style's class says) or reference entries of records, pinpoints as CSL locators
  (``#p5`` → the ``paragraph`` label, ``#fig1`` → ``figure``), all in one pandoc process;
- :func:`render_jobs` — the engine under it: several independent documents (each its own
  citation positions, numbering and disambiguation) in one pandoc process;
- :func:`~transcite.cite.csl.styles.load_style` and
  :func:`~transcite.cite.csl.styles.list_styles` — the style files.

The input is the CSL-JSON of the records (``transcite.cite.csl.items``, the same items
``transcite export --to csl-json`` writes). The targets of one call are cited in order as in
one document: a work cited again gets the style's subsequent form (a short note, "ibid."),
works are numbered in order of first citation, and works by the same author in the same year
are told apart as the style says. After rendering, every reference entry and first note is
checked for the name of each translator: when a style leaves the translator out (ieee.csl
does), a notice says so, so the credit is never lost silently.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from transcite.core.errors import UsageError

if TYPE_CHECKING:
    from transcite.cite.csl.styles import CslStyle
    from transcite.cite.work import Work
    from transcite.core.model import Record
    from transcite.core.refs import Pinpoint

#: transcite's ``--format`` values -> pandoc writers
#: (Markdown without ``smart``: curly quotes and dashes stay the characters they are)
FORMATS = {"text": "plain", "html": "html", "markdown": "markdown-smart", "latex": "latex"}
#: more records than this whose translator a style left out are named in one notice
MAX_NOTICES = 5
#: an item every request carries, for the probe style (see citeproc.lua)
PROBE_ITEM = {"id": "transcite-probe", "type": "article", "title": "probe"}


class CslCite(NamedTuple):
    """One citation of an item: ``label`` is a CSL locator label (``paragraph``, ``figure``)."""

    id: str
    locator: str | None = None
    label: str | None = None


class CslJob(NamedTuple):
    """One document: its citations in order, and the items its bibliography lists."""

    style: CslStyle
    cites: tuple[CslCite, ...] = ()
    references: tuple[str, ...] = ()
    #: a locale to use instead of the style's ``default-locale`` (``en-GB``)
    lang: str | None = None


class CslText(NamedTuple):
    """A rendered citation or entry: in the requested format, and as plain words."""

    text: str
    plain: str
    #: the item, for a bibliography entry
    id: str = ""
    #: the same in each of ``render_jobs``'s ``also`` formats
    also: tuple[str, ...] = ()


class CslResult(NamedTuple):
    citations: tuple[CslText, ...]
    #: in the style's order
    bibliography: tuple[CslText, ...]


class CslOutput(NamedTuple):
    """What :func:`render_csl` gives: one text per citation or entry, and notices for stderr."""

    texts: tuple[str, ...]
    notices: tuple[str, ...]


def pandoc_format(fmt: str) -> str:
    writer = FORMATS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown format {fmt!r} for --csl; choose one of: {', '.join(FORMATS)}")
    return writer


def render_jobs(
    items: Sequence[dict[str, Any]], jobs: Sequence[CslJob], fmt: str = "text",
    also: Sequence[str] = (),
) -> list[CslResult]:
    """Render every job with pandoc's citeproc in one pandoc process, in ``fmt`` and in each
    of the ``also`` formats (citeproc runs once for all of them)."""
    from transcite.cite.csl.pandoc import PandocError, run_writer

    writers = [pandoc_format(f) for f in (fmt, *also)]
    with tempfile.TemporaryDirectory(prefix="transcite-csl-") as tmp:
        folder = Path(tmp)
        files: dict[bytes, str] = {}

        def file_of(data: bytes) -> str:
            if data not in files:
                path = folder / f"style{len(files)}.csl"
                path.write_bytes(data)
                files[data] = str(path)
            return files[data]

        bibliography = folder / "items.json"
        bibliography.write_text(
            json.dumps([*items, PROBE_ITEM], ensure_ascii=False), encoding="utf-8"
        )
        request = {
            "formats": writers,
            "bibliography": str(bibliography),
            "probe_item": PROBE_ITEM["id"],
            "jobs": [
                {
                    "style": file_of(job.style.xml),
                    "probe": file_of(job.style.probe),
                    "lang": job.lang,
                    "locale": job.lang or job.style.locale,
                    "cites": [
                        {"id": c.id, "locator": c.locator, "label": c.label} for c in job.cites
                    ],
                    "references": list(job.references),
                }
                for job in jobs
            ],
        }
        path = folder / "request.json"
        path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        answer = run_writer(path, sum(len(j.cites) + len(j.references) for j in jobs))
    results = answer.get("jobs")
    if not isinstance(results, list) or len(results) != len(jobs):
        raise PandocError("pandoc gave no answer for some citations")
    out: list[CslResult] = []
    for job, result in zip(jobs, results, strict=True):
        if not isinstance(result, dict):
            raise PandocError(f"{job.style.name}: pandoc gave no answer")
        if "error" in result:
            raise PandocError(f"{job.style.name}: {result['error']}")
        out.append(CslResult(_texts(result.get("citations")), _texts(result.get("bibliography"))))
    return out


def _texts(value: object) -> tuple[CslText, ...]:
    if not isinstance(value, list):  # an empty Lua table is written as {}
        return ()
    out: list[CslText] = []
    for v in value:
        if isinstance(v, dict) and isinstance(v.get("texts"), list) and v["texts"]:
            texts = [str(t) for t in v["texts"]]
            out.append(CslText(texts[0], str(v.get("plain", "")), str(v.get("id", "")),
                               tuple(texts[1:])))
    return tuple(out)


def locator(pinpoint: Pinpoint) -> CslCite:
    """The CSL locator of a pinpoint: paragraphs by their number (``5``, ``5-7``), a figure by
    its place among the figures (``fig1`` → ``figure`` ``1``)."""
    where = str(pinpoint.first) if not pinpoint.is_range else f"{pinpoint.first}-{pinpoint.last}"
    label = "figure" if pinpoint.kind == "figure" else "paragraph"
    return CslCite("", where, label)


def render_csl(
    targets: Sequence[tuple[Record, Pinpoint | None]],
    style: str,
    form: str = "reference",
    fmt: str = "text",
    *,
    accessed: str | None = None,
) -> CslOutput:
    """Citations (or, with ``form="reference"``, the reference list) of ``targets`` in the CSL
    ``style`` (an id such as ``nature``, or a ``.csl`` file), in one pandoc process."""
    from transcite.cite.csl.items import csl_item
    from transcite.cite.csl.styles import load_style
    from transcite.cite.form import check_form
    from transcite.cite.work import Work

    csl = load_style(style)
    check_form(form)
    if form not in csl.forms:
        raise UsageError(
            f"{csl.name} is a CSL {csl.style_class} style with no {form} form; choose one of: "
            f"{', '.join(csl.forms)}"
        )
    pandoc_format(fmt)
    works: dict[str, Work] = {}
    for record, _ in targets:
        works.setdefault(record.id, Work.from_record(record, accessed=accessed))
    items = [csl_item(w) for w in works.values()]
    notices: list[str] = []
    if form == "reference":
        for _, pinpoint in targets:
            if pinpoint is not None:
                notices.append(
                    f"{csl.name}: a reference entry cites the work as a whole; ask for --form "
                    f"{csl.forms[1]} to pinpoint {pinpoint.label}"
                )
        [result] = render_jobs(items, [CslJob(csl, references=tuple(works))], fmt)
        texts = result.bibliography
        checked = {entry.id: entry.plain for entry in texts}
    else:
        cites = tuple(
            locator(p)._replace(id=r.id) if p is not None else CslCite(r.id)
            for r, p in targets
        )
        [result] = render_jobs(items, [CslJob(csl, cites=cites)], fmt)
        texts = result.citations
        checked = {}
        if form == "note":  # the first note of each work names the translator
            for (record, _), text in zip(targets, texts, strict=True):
                checked.setdefault(record.id, text.plain)
    dropped: list[str] = []
    for record_id, plain in checked.items():
        found = _credit_notices(csl.name, works[record_id], plain)
        dropped += [n for n in found if n.startswith(f"{csl.name} (CSL)")]
        notices += [n for n in found if not n.startswith(f"{csl.name} (CSL)")]
    if len(dropped) > MAX_NOTICES:  # a long reference list: one line, not one per record
        missing = [i for i in checked if _credit_notices(csl.name, works[i], checked[i])]
        shown = ", ".join(missing[:3])
        dropped = [
            f"{csl.name} (CSL) left out the translators of {len(missing)} records ({shown}, …); "
            "credit the translations in your text, or use a built-in style (transcite styles)"
        ]
    return CslOutput(tuple(t.text for t in texts), (*notices, *dropped))


def _credit_notices(style: str, work: Work, plain: str) -> list[str]:
    from transcite.cite.styles import _no_translator

    if work.is_translation and not work.translators:
        return [_no_translator(work)]
    missing = [p for p in work.translators if p.family not in plain]
    if not missing:
        return []
    names = ", ".join(" ".join(n for n in (p.given, p.family) if n) for p in missing)
    return [
        f"{style} (CSL) left out the translator of {work.id} ({names}); credit the "
        "translation in your text, or use a built-in style (transcite styles)"
    ]
