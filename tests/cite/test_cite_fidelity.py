"""Issue 15 (citation fidelity): each class's variant cited as the manual's rule says.

The expected strings and notices are in ``tests/variants.py`` (``EXPECTED``,
``EXPECTED_NOTICES``), each written from the rule cited beside it; the goldens pin every other
form and format, and test_cite_oracle.py compares the same variants with citeproc-js.
"""

from __future__ import annotations

import pytest

from transcite.cite.citation import render_citation

from variants import EXPECTED, EXPECTED_NOTICES, variants

VARIANTS = variants()


@pytest.mark.parametrize(("variant", "style", "form"), sorted(EXPECTED))
def test_citation_follows_the_manual(variant: str, style: str, form: str) -> None:
    citation = render_citation(VARIANTS[variant], style, form)
    assert citation.render() == EXPECTED[variant, style, form]


@pytest.mark.parametrize(("variant", "style", "form"), sorted(EXPECTED_NOTICES))
def test_citation_says_what_it_could_not_do(variant: str, style: str, form: str) -> None:
    notices = render_citation(VARIANTS[variant], style, form).notices
    assert any(EXPECTED_NOTICES[variant, style, form] in n for n in notices), notices


def test_no_notice_where_the_rules_decide() -> None:
    """The phrasal verbs and the conjunction of ``phrasal-title`` are decided by rule."""
    for style in ("mla", "chicago-notes"):
        assert render_citation(VARIANTS["phrasal-title"], style, "reference").notices == ()
