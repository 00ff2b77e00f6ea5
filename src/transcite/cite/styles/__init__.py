"""Citation styles: each a small class in its own module, registered by name.

A style subclasses :class:`Style`, sets ``name``, ``label``, the ``forms`` it has, its
``quote_rules`` (how ``transcite quote`` sets a quotation) and ``csl`` (the official CSL style
it is checked against), implements one method per form (``reference``, ``in_text``, ``note``,
``short_note``), each returning a rich-text node (``transcite.render.richtext``) and appending
to ``notices`` anything the user must be told (a pinpoint it cannot show, a date it had to
leave out), and decorates the class with :func:`register_style`. A built-in style lives in
``transcite/cite/styles/<name>.py`` (``-`` in the name becomes ``_``) and is imported only
when first used, so adding one touches no other file. Third-party styles call
:func:`register_style` the same way, or are entry points of the group ``transcite.styles``
(``transcite.core.registry``).

Rules every style follows, from the issue and the manuals (see ``docs/styles.md``): the
translator is always credited; unknown values are never invented; a pinpoint the style cannot
show produces a notice rather than a silent drop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from transcite.cite.form import Citation, Form
from transcite.core.errors import UsageError
from transcite.core.registry import Registry

if TYPE_CHECKING:
    from transcite.cite.quote_rules import QuoteRules
    from transcite.cite.work import Work
    from transcite.core.refs import Pinpoint
    from transcite.render.richtext import Node

_METHODS: dict[str, str] = {
    "reference": "reference", "in-text": "in_text", "note": "note", "short-note": "short_note",
}


class Style:
    """Base class of a citation style."""

    name: ClassVar[str]
    #: the style and edition, e.g. "APA 7th edition"
    label: ClassVar[str]
    forms: ClassVar[tuple[Form, ...]]
    #: US punctuation: periods and commas inside closing quotation marks (CMOS 6.9, MLA, APA);
    #: False for British practice (Harvard: outside unless part of the quotation)
    us_punctuation: ClassVar[bool] = True
    #: how the style sets a quotation (``transcite quote``); ``None``: APA's, with a notice
    quote_rules: ClassVar[QuoteRules | None] = None
    #: the official CSL style this one is checked against and its locale
    #: (``("apa", "en-US")``; tests/oracle), or ``None``
    csl: ClassVar[tuple[str, str] | None] = None

    def cite(self, work: Work, form: Form, pinpoint: Pinpoint | None) -> Citation:
        """Render one form; refuse a form the style does not have."""
        if form not in self.forms:
            raise UsageError(
                f"{self.name} has no {form} form; choose one of: {', '.join(self.forms)}"
            )
        notices: list[str] = []
        if form == "reference" and pinpoint is not None:
            where = " or ".join(f for f in self.forms if f != "reference")
            notices.append(
                f"{self.label}: a reference entry cites the work as a whole; "
                f"ask for --form {where} to pinpoint {pinpoint.label}"
            )
            pinpoint = None
        node: Node = getattr(self, _METHODS[form])(work, pinpoint, notices)
        if self.us_punctuation:
            from transcite.render.punctuation import punctuation_inside_quotes

            node = punctuation_inside_quotes(node)
        if form in ("reference", "note") and work.is_translation and not work.translators:
            notices.append(_no_translator(work))
        if form in ("reference", "note"):
            _access_before_publication(work, notices)
        return Citation(self.name, form, node, tuple(notices))

    def reference(self, work: Work, pinpoint: None, notices: list[str]) -> Node:
        raise NotImplementedError

    def in_text(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        raise NotImplementedError

    def note(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        raise NotImplementedError

    def short_note(self, work: Work, pinpoint: Pinpoint | None, notices: list[str]) -> Node:
        raise NotImplementedError

    def locator(self, work: Work, pinpoint: Pinpoint, notices: list[str]) -> str | None:
        """The pinpoint alone, as the style writes it in a citation ("para. 5"), or ``None``
        (with a notice) when the style shows none. For citations another program typesets,
        such as a biblatex postnote in ``transcite quote --format latex``."""
        return None


def _no_translator(work: Work) -> str:
    from transcite.core.languages import english_name

    source = english_name(work.original_language)
    origin = f" (from {source})" if source else ""
    return (
        f"the record is a translation{origin} but names no translator, so none is credited; "
        "add the translator to the record if the source names one"
    )


def _access_before_publication(work: Work, notices: list[str]) -> None:
    """An access date before the publication date is a slip in one of them."""
    accessed, published = work.accessed, work.published
    if accessed is None or published is None:
        return
    # the last day the access date can mean, before the first day the publication date can mean
    latest = (accessed.year, accessed.month or 12, accessed.day or 31)
    earliest = (published.year, published.month or 1, published.day or 1)
    if latest < earliest:
        notices.append(
            f"the access date ({_iso(accessed)}) is before the publication date "
            f"({_iso(published)}); check both (give the access date with --accessed YYYY-MM-DD)"
        )


def _iso(date: tuple[int, int | None, int | None]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date) if p is not None)


def register_style(cls: type[Style]) -> type[Style]:
    """Class decorator: add a style to the registry under ``cls.name``."""
    STYLES.register(cls.name, cls())
    return cls


def style_names() -> list[str]:
    """Every style available: registered ones and built-in ones not yet imported."""
    return STYLES.names()


def get_style(name: str) -> Style:
    """The style ``name``: registered, built in (imported on first use) or an entry point."""
    return STYLES.get(name)


#: the citation styles: the modules of this folder, and the entry points ``transcite.styles``
STYLES: Registry[Style] = Registry("style", __name__, "transcite.styles", path=__path__)
