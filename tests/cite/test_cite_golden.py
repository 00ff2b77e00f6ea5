"""Golden files of every citation: variant × style × format, all forms and pinpoints.

``tests/golden/cite/{variant}_{style}.{txt,html,md,tex}`` hold, for each form the style has and
each pinpoint (none, p5, p5-p7, fig1), the citation and the notices printed with it. The plain
text is checked against citeproc-js and the manuals in test_cite_oracle.py; these files pin the
other formats and the notices as well.
"""

from __future__ import annotations

import pytest

from transcite.cite.citation import cite_ref
from transcite.cite.styles import get_style, style_names
from transcite.render.richtext import backend_names

from golden_files import check_golden
from variants import PINPOINTS, variants

EXTENSIONS = {"text": "txt", "html": "html", "markdown": "md", "latex": "tex"}
VARIANTS = variants()


def test_every_output_format_has_goldens() -> None:
    assert set(EXTENSIONS) == set(backend_names())


def render_all(variant: str, style: str, fmt: str) -> str:
    record = VARIANTS[variant]
    blocks: list[str] = []
    for form in get_style(style).forms:
        for pin in PINPOINTS if form != "reference" else ("",):
            citation = cite_ref(record, f"{record.id}#{pin}" if pin else record.id, style, form)
            head = f"== {form}" + (f" #{pin}" if pin else "")
            notes = [f"note: {n}" for n in citation.notices]
            blocks.append("\n".join([head, citation.render(fmt), *notes]))
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
@pytest.mark.parametrize("style", style_names())
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_citations_match_the_golden_file(variant: str, style: str, fmt: str) -> None:
    check_golden(f"cite/{variant}_{style}.{EXTENSIONS[fmt]}", render_all(variant, style, fmt))
