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
no glyph is missing, names keep their particle, suffix and organisation form. Citations with
abbreviations ("et al.", "trans.", "Feb.", "Jr.", "n.d.") are set once as written and once
under ``\\frenchspacing``: ``pdftotext -bbox`` must find every space where ``\\frenchspacing``
puts it except after the ends of sentences and colons named for each.
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


#: citations set twice, as transcite writes them and under ``\frenchspacing`` (every space
#: then the normal inter-word space: the reference nobody here wrote), and the words after
#: which the space may be wider without it: the end of a sentence, which in a citation is the
#: end of an element, and a colon (the TeXbook, ch. 12: space factor 2000 or more). Every other
#: space, after "et al.", "trans.", "Feb.", "Jr." included, must be where ``\frenchspacing``
#: puts it.
SPACING = [
    ("eleven-authors", "chicago-author-date", "in-text", []),  # (Kartsev et al.\ 2019)
    ("king-phrasal", "chicago-notes", "note", []),  # King Jr.\ and …, trans.\ Hilah Kohen
    ("phrasal-title", "ieee", "reference", ["2019.", "[Online].", "Available:"]),  # Feb.\ 12
    # MLA: "Translated by Hilah Kohen et al." ends its element; then 12 Feb.\ 2019
    ("translators-phrasal", "mla", "reference", ["Dmitry.", "Afghanistan.”", "al."]),
    ("undated-phrasal", "chicago-author-date", "reference",
     ["Dmitry.", "n.d.", "Afghanistan.”", "Kohen.", "Meduza."]),
    # an organisation in capitals: its full stop is BBC\@.
    ("bbc-phrasal", "chicago-author-date", "reference",
     ["BBC.", "2019.", "Afghanistan.”", "Kohen.", "2019."]),
    ("eleven-phrasal", "harvard", "reference", ["February.", "Kohen.", "at:"]),  # et al.\ (2019)
]
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>')


def _spacing_records() -> dict:  # type: ignore[type-arg]
    from transcite.core.model import Person

    from variants import ANNA, KING

    all_variants = variants()
    phrasal = all_variants["phrasal-title"]
    return {
        **all_variants,
        "king-phrasal": phrasal._replace(authors=(KING, ANNA)),
        "translators-phrasal": phrasal._replace(
            translators=all_variants["three-translators"].translators
        ),
        "undated-phrasal": all_variants["seed"]._replace(title=phrasal.title),
        "bbc-phrasal": phrasal._replace(authors=(Person("", "BBC", organisation=True),)),
        "eleven-phrasal": phrasal._replace(authors=all_variants["eleven-authors"].authors),
    }


def _gaps(folder: Path, name: str, lines: list[str], french: bool) -> list[list[tuple[str, float]]]:
    """Each line's words, left to right, with the space before each (points), as
    ``pdftotext -bbox`` reads them."""
    document = "\n".join([
        r"\documentclass{article}",
        r"\usepackage{fontspec}",
        r"\setmainfont{DejaVu Serif}",
        r"\usepackage[american]{babel}",
        r"\usepackage[paperwidth=300cm,paperheight=4cm,margin=1cm]{geometry}",
        r"\usepackage{hyperref}",
        r"\begin{document}" + (r"\frenchspacing" if french else ""),
        # each citation at its natural width (no line breaking stretches its spaces), on a
        # page of its own (its words in one <page>, whatever their fonts' heights)
        *(rf"\noindent\hbox{{{line}}}\newpage" for line in lines),
        r"\end{document}",
        "",
    ])
    (folder / f"{name}.tex").write_text(document, encoding="utf-8")
    result = subprocess.run(
        ["lualatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"lualatex failed:\n{result.stdout[-3000:]}"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", f"{name}.pdf", "-"], cwd=folder, capture_output=True,
        text=True, check=True,
    ).stdout
    out = []
    for page in bbox.split("<page ")[1:]:
        words = sorted((float(x0), float(x1), word) for x0, _, x1, word in _WORD.findall(page))
        out.append([
            (word, x_min - (words[i - 1][1] if i else x_min))
            for i, (x_min, _, word) in enumerate(words)
        ])
    return out


@pytest.mark.slow
def test_abbreviations_are_spaced_as_under_frenchspacing(tmp_path: Path) -> None:
    from transcite.cite.citation import cite_ref

    records = _spacing_records()
    lines = [
        cite_ref(records[variant], records[variant].id, style, form).render("latex")
        for variant, style, form, _ in SPACING
    ]
    ours = _gaps(tmp_path, "ours", lines, french=False)
    french = _gaps(tmp_path, "french", lines, french=True)
    assert len(ours) == len(french) == len(SPACING)
    for (variant, style, form, wider), line, reference in zip(SPACING, ours, french, strict=True):
        assert [w for w, _ in line] == [w for w, _ in reference], "the same words"
        widened = [
            line[i - 1][0] for i in range(1, len(line))
            if abs(line[i][1] - reference[i][1]) > 0.01
        ]
        assert widened == wider, f"{variant} {style} {form}: wider after {widened}"
        # and wider it is, by the font's extra space, where a sentence ends
        for i in range(1, len(line)):
            assert line[i][1] >= reference[i][1] - 0.01
