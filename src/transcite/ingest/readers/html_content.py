"""Which text of a page is the article's: trafilatura's choice, used as a guide.

transcite keeps what article extractors drop (figures with their credits, labels, bylines,
translators, the origin of every value), but choosing the article's text among a real page's
navigation, teasers, comments and footers is what trafilatura does best (F1 0.960 on the
article-extraction benchmark, transcite's own rules 0.858: see ``docs/html-reader.md``). So
the page is given to ``trafilatura.bare_extraction`` first, and its text guides the reader:

- the content root is the smallest ``<article>``/``<main>``/``<body>`` that holds the text;
- an element that a class rule takes for furniture (``share``, ``advert``, ``paywall`` …)
  is kept when most of its text is the article's;
- a text run that is not in the article's text is dropped as furniture, with its reason.

The same call gives the publication date (htmldate, trafilatura's date module: JSON-LD, meta
tags, ``<time>``, the URL, visible datelines) and the site's name.

Matching is by word trigrams (``\\w+`` tokens, case folded), so it holds across the small
differences in spacing and punctuation between trafilatura's text and the page's; runs too
short for trigrams, and text in scripts written without spaces, are matched as substrings.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import etree

from transcite.core.model import fold_whitespace

_TOKEN = re.compile(r"\w+")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
#: fewer words than this in the extractor's text: it found no article, and is not used
MIN_GUIDE_WORDS = 25
#: share of a run's trigrams in the article's text above which it is article text
IN_TEXT = 0.5

Trigram = tuple[str, str, str]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _trigrams(tokens: list[str]) -> set[Trigram]:
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


@dataclass(slots=True)
class Guide:
    """The article's text as trafilatura extracted it, ready for matching."""

    text: str
    folded: str
    trigrams: set[Trigram]
    words: int
    #: the text's words, space-separated, with a space at each end
    joined: str = " "
    date: str | None = None
    sitename: str | None = None
    #: (element -> share of the guide's trigrams it holds), filled as roots are compared
    _cover: dict[etree._Element, float] = field(default_factory=dict)
    #: (text -> share of it in the guide), as the same runs are asked about more than once
    _shares: dict[str, float] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        return self.words >= MIN_GUIDE_WORDS

    def share_in_text(self, text: str) -> float:
        """How much of ``text`` is article text: the share of its trigrams in the guide."""
        share = self._shares.get(text)
        if share is None:
            share = self._shares[text] = self._share(text)
        return share

    def _share(self, text: str) -> float:
        tokens = _tokens(text)
        grams = _trigrams(tokens)
        if len(grams) < 2:  # a short run, or a script written without spaces
            folded = fold_whitespace(text).casefold()
            if folded and folded in self.folded:
                return 1.0
            # the same words in a row, whatever stands between them ("A | 4", "A | | 4")
            words = " ".join(tokens)
            return 1.0 if words and f" {words} " in self.joined else 0.0
        return len(grams & self.trigrams) / len(grams)

    def trigrams_of(self, text: str) -> set[Trigram]:
        """The word trigrams of ``text`` that are in the article's text."""
        return _trigrams(_tokens(text)) & self.trigrams

    def wide(self, text: str) -> bool:
        """Text of some length in a script written without spaces (Chinese, Japanese …)."""
        return len(_WIDE.findall(text)) >= 40

    def cover(self, el: etree._Element) -> float:
        """The share of the guide's trigrams that the text of ``el`` holds."""
        if el not in self._cover:
            grams = _trigrams(_tokens(" ".join(str(t) for t in el.itertext())))
            self._cover[el] = len(grams & self.trigrams) / max(1, len(self.trigrams))
        return self._cover[el]


def read_guide(root: etree._Element, url: str | None) -> Guide | None:
    """Run trafilatura on the (unmodified) page; ``None`` when it finds nothing."""
    import trafilatura  # imported here: a few hundred ms, paid only when a page is read

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        document = trafilatura.bare_extraction(
            root, url=url, include_comments=False, include_tables=True, with_metadata=True,
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None
    if document is None or isinstance(document, dict):
        return None
    text = document.text or ""
    tokens = _tokens(text)
    return Guide(
        text=text, folded=fold_whitespace(text).casefold(), trigrams=_trigrams(tokens),
        words=len(tokens), joined=f" {' '.join(tokens)} ",
        date=_stated_day(root, url, document.date or None), sitename=document.sitename or None,
    )


def _stated_day(root: etree._Element, url: str | None, day: str | None) -> str | None:
    """htmldate's date, unless it is a day htmldate filled in.

    When nothing better is found htmldate gives the first of a month for a month it found
    ("March 2026") and the first of January for a copyright year ("© 2026", a page's
    footer): neither is the day the article was published. A first of the month is kept
    only when htmldate's search of the page's markup alone (JSON-LD, meta tags, ``<time>``,
    the URL), without its guesses from the text, gives the same day.
    """
    if day is None or not day.endswith("-01"):
        return day
    import htmldate

    try:
        again = htmldate.find_date(root, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None
    return day if again == day else None
