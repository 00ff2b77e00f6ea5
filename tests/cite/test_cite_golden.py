"""The citation goldens as a whole: every style has its file of rules, every format its goldens.

``tests/golden/cite/{variant}_{style}.{txt,html,md,tex}`` hold, for each form the style has and
each pinpoint (none, p5, p5-p7, fig1), the citation and the notices printed with it. Each
style's goldens are checked in the style's own test file (``tests/cite/styles/
test_<style>.py``, through ``style_rules.StyleRules``, with its oracle and manual cases), so a
changed style rule fails there alone; regenerate them with ``TRANSCITE_REGEN_GOLDEN=1
.venv/bin/python -m pytest -q tests/cite tests/quote``. This file checks what no style owns.
"""

from __future__ import annotations

from transcite.cite.styles import style_names
from transcite.render.richtext import backend_names

from golden_files import GOLDEN
from style_rules import CITE_EXTENSIONS, STYLE_FILES, VARIANTS, declared


def test_every_output_format_has_goldens() -> None:
    assert set(CITE_EXTENSIONS) == set(backend_names())


def test_every_style_has_its_goldens() -> None:
    expected = {
        f"{variant}_{style}.{ext}"
        for variant in VARIANTS for style in style_names() for ext in CITE_EXTENSIONS.values()
    }
    assert {p.name for p in (GOLDEN / "cite").glob("*.*")} == expected


def test_every_style_of_the_registry_has_its_test_file() -> None:
    """A new style gets its oracle, goldens and manual cases checked only once its file
    exists: ``tests/cite/styles/test_<style>.py`` subclassing ``style_rules.StyleRules``."""
    files = {p.stem.removeprefix("test_"): p for p in STYLE_FILES.glob("test_*.py")}
    assert sorted(files) == sorted(s.replace("-", "_") for s in style_names())
    for style in style_names():
        path = files[style.replace("-", "_")]
        name, bases = declared(path)
        assert (name, "StyleRules" in bases) == (style, True), path
