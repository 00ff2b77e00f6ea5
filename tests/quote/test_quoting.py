"""``quote/quoting.py``: the rules of setting a quotation that every style shares, tested on
their own (issue 10). A style's own quote rules (its marks, its block threshold, its ellipsis,
MLA's brackets) are owned by its file in ``tests/cite/styles/``; a change here also changes
every style's quote goldens, so those fail too: that is expected of a shared rule.
"""

from __future__ import annotations

import pytest

from transcite.cite.styles import style_names
from transcite.quote.formats import quoted_text
from transcite.quote.quoting import quote_ref

from variants import record_with


@pytest.mark.parametrize("style", style_names())
def test_an_omission_is_the_styles_ellipsis_with_one_space_either_side(style: str) -> None:
    quotation = quote_ref(record_with("First one. Second one. Third one."),
                          "synthetic#p1:s1,s3", style)
    ellipsis = quotation.rules.ellipsis.replace("\u00a0", " ")  # a no-break space in text: " "
    assert f"First one. {ellipsis} Third one" in quoted_text(quotation)
    assert f"  {ellipsis}" not in quoted_text(quotation)
    assert f"{ellipsis}  " not in quoted_text(quotation)
