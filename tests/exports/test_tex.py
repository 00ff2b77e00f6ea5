"""The BibLaTeX export and the LaTeX citations and quotes, compiled by a real TeX engine.

``make test-tex`` runs these (``TRANSCITE_TEX=1``); ``make test`` does not collect them
(``tests/conftest.py``), since TeX Live is
about 650 MB (Debian: texlive-latex-extra, texlive-bibtex-extra, biber, texlive-luatex,
poppler-utils). For each biblatex style transcite's users reach for (biblatex-apa,
biblatex-chicago notes, biblatex-mla, biblatex-ieee and the standard authoryear) one document
holds ``transcite quote --format latex`` and ``transcite cite --format latex`` output and
prints the bibliography of record variants exported with ``transcite export --to biblatex``:
translators, three translators, a title with an inner quotation, a Cyrillic original title,
a particle, a suffix and an organisation as author. lualatex + biber compile it and
``pdftotext`` reads the PDF: every entry names its translators, no quotation mark is doubled,
no glyph is missing, names keep their particle, suffix and organisation form.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from transcite.exports import export

from variants import ROOT, variants

#: transcite style -> the biblatex package options that set it
STYLES = {
    "apa": r"\usepackage[style=apa,backend=biber]{biblatex}",
    "chicago-notes": r"\usepackage[notes,backend=biber]{biblatex-chicago}",
    "mla": r"\usepackage[style=mla,backend=biber]{biblatex}",
    "ieee": r"\usepackage[style=ieee,backend=biber]{biblatex}",
    "harvard": r"\usepackage[style=authoryear,backend=biber]{biblatex}",
}
#: variant -> what its entry must show in every style (besides the translators)
ENTRIES = {
    "dated": ["Kartsev"],
    "three-translators": ["Kartsev"],
    "quoted-title": ["Deal of the"],
    "original-earlier": ["Kartsev"],
    "particle": ["van der Berg"],
    "suffix": ["King", "Jr."],
    "organisation": ["Reuters"],
}
TOOLS = ("lualatex", "biber", "pdftotext")


def _records() -> list:  # type: ignore[type-arg]
    all_variants = variants()
    return [all_variants[name]._replace(id=f"v-{name}") for name in ENTRIES]


def _transcite(*args: str) -> str:
    """What the command prints, run as a user runs it on the seed corpus."""
    command = Path(sys.executable).parent / "transcite"
    return subprocess.run(
        [str(command), *args, "--texts", str(ROOT / "texts"), "--format", "latex"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()


def _document(style: str) -> str:
    quote = _transcite("quote", "kartsev-islamists#p16:s2", "--style", style)
    cite = _transcite(
        "cite", "kartsev-islamists#p5-p7", "--style", style, "--form", _citation_form(style)
    )
    return "\n".join([
        r"\documentclass{article}",
        r"\usepackage{fontspec}",
        r"\setmainfont{DejaVu Serif}",  # has Cyrillic: the original titles print
        r"\usepackage[american]{babel}",
        r"\usepackage{csquotes}",
        STYLES[style],
        r"\addbibresource{refs.bib}",
        r"\usepackage{url}",
        r"\begin{document}",
        quote,
        "",
        f"As cited: {cite}",
        "",
        r"\nocite{*}",
        r"\printbibliography",
        r"\end{document}",
        "",
    ])


def _citation_form(style: str) -> str:
    return "note" if style == "chicago-notes" else "in-text"


def _compile(folder: Path) -> str:
    for command in (["lualatex"], ["biber"], ["lualatex"], ["lualatex"]):
        target = "doc" if command[0] == "biber" else "doc.tex"
        result = subprocess.run(
            [*command, *(["-interaction=nonstopmode", "-halt-on-error"]
                         if command[0] != "biber" else []), target],
            cwd=folder, capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, f"{command[0]} failed:\n{result.stdout[-3000:]}"
    log = (folder / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, "a glyph is missing from the font"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "doc.pdf", "-"], cwd=folder, capture_output=True,
        text=True, check=True,
    ).stdout
    return " ".join(re.sub(r"-\n", "-", text).split())


def test_the_tex_tools_are_installed() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert missing == [], (
        f"make test-tex needs {', '.join(missing)}: apt-get install texlive-latex-extra "
        "texlive-bibtex-extra biber texlive-luatex poppler-utils"
    )


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(STYLES))
def test_biblatex_export_and_latex_citations_compile_and_name_the_translator(
    style: str, tmp_path: Path
) -> None:
    records = _records()
    (tmp_path / "refs.bib").write_text(export(records, "biblatex"), encoding="utf-8")
    seed = variants()["seed"]
    bib = export([seed], "biblatex")
    (tmp_path / "refs.bib").write_text(
        export(records, "biblatex") + "\n" + bib, encoding="utf-8"
    )
    (tmp_path / "doc.tex").write_text(_document(style), encoding="utf-8")
    text = _compile(tmp_path)
    # the translators, in every style (MLA 9 §5.6 names the first of three or more and "et al.")
    for name in ("Kohen",) if style == "mla" else ("Kohen", "Petrova", "Sidorov"):
        assert name in text, f"{style}: translator {name} not printed"
    for name, shown in ENTRIES.items():
        for words in shown:
            # biblatex capitalises a particle that opens an entry ("Van der Berg, Jan.")
            assert words in text or words[:1].upper() + words[1:] in text, (
                f"{style}: {name}: {words!r} not printed"
            )
    for doubled in ("““", "””", "‘‘", "’’", "“‘“", '""'):
        assert doubled not in text, f"{style}: doubled quotation marks {doubled!r}"
    assert "R. Reuters" not in text and "Reuters, R" not in text  # never initials
    assert "Lavrov" in text  # the quotation itself
    if style in ("apa", "harvard", "ieee"):  # MLA and Chicago never count paragraphs
        assert "5–7" in text
