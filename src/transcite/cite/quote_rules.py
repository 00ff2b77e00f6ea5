"""How a citation style sets a quotation: :class:`QuoteRules`, carried by each style
(``Style.quote_rules``) and applied by :mod:`transcite.quote.quoting`. Rules and their sources:
docs/quoting.md."""

from __future__ import annotations

from typing import Literal, NamedTuple

from transcite.cite.form import Form

#: spaced periods; Chicago joins them with no-break spaces (CMOS 17, chapter 13)
SPACED = ". . ."
SPACED_NBSP = ".\u00a0.\u00a0."


# a NamedTuple, as the other value classes every `transcite cite` defines (docs/architecture.md)
class QuoteRules(NamedTuple):
    """How a style sets a quotation (sources in ``docs/quoting.md``)."""

    #: the style and the rule, for people: "APA 7 (8.27): 40 words or more"
    rule: str
    #: ``words``: block at ``threshold`` words or more; ``characters``: block above
    #: ``threshold`` characters (a proxy for lines of typed prose, 80 characters a line)
    measure: Literal["words", "characters"]
    threshold: int
    #: the mark for omitted sentences, put after the sentence before the gap (which keeps its
    #: own period: ". . . ." in APA, MLA and Chicago)
    ellipsis: str
    #: the citation form attached to the quote
    form: Form = "in-text"
    #: British quotation marks: single outside, double inside
    british: bool = False
    #: the biblatex command for ``--format latex``
    latex_cite: str = r"\parencite"
    #: the ellipsis goes in square brackets when the quoted text has ellipses of its own (MLA)
    bracket_own_ellipsis: bool = False
    #: a block quotation's citation goes before its final period, as run in (IEEE) rather
    #: than after the final punctuation (APA, MLA, Chicago, Harvard)
    block_cite_inside: bool = False
