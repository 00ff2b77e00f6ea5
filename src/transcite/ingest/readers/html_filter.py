"""Which text runs of a page are the article's, with trafilatura's text as the guide.

Used by the HTML reader (:mod:`transcite.ingest.readers.html`) after the body has been
walked into items (:mod:`transcite.ingest.readers.html_body`): runs of page furniture that
trafilatura leaves out are dropped, each with its reason, and a name-shaped line right after
the article's last run of text is taken as its byline.
"""

from __future__ import annotations

from transcite.core.model import Furniture, Person
from transcite.ingest.readers.html_body import NOT_ARTICLE, Item, summary
from transcite.ingest.readers.html_content import IN_TEXT, Guide, Trigram
from transcite.ingest.readers.rules import (
    SENTENCE_END,
    is_label_shaped,
    is_name_shaped,
    split_names,
    word_count,
)

#: a run of prose this long in the page's ``<article>``/``<main>`` is kept even where
#: trafilatura leaves it out (it drops whole containers by class, such as slides)
LONE_PROSE_WORDS = 9
#: a run not in trafilatura's text is kept only when it ends as a sentence does
_SENTENCE_END = (*SENTENCE_END, "»", "।", "॥", "؟", "۔", "։", "።", "။", "។", "།")


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def in_text(guide: Guide | None, item: Item) -> bool:
    """Whether most of an item's text is trafilatura's article text."""
    return guide is not None and guide.share_in_text(item.text) >= IN_TEXT


def _slide_prose(item: Item) -> bool:
    """Prose in a slide: trafilatura drops slides as carousels, transcite reads them as the
    sections of a slides article (as Meduza publishes them)."""
    return item.slide and word_count(item.text) >= LONE_PROSE_WORDS


#: a run matched with at least this many words anchors the article's span
_ANCHOR_WORDS = 4
#: a run whose trigrams are this much in the article's text further down repeats it
_REPEAT = 0.8


def _substantial(text: str) -> bool:
    return word_count(text) >= _ANCHOR_WORDS


def _is_headline(text: str, title: str | None) -> bool:
    """Whether an ``<h1>`` is the article's headline (its words are most of the title the
    page's metadata gives), not the site's logo; without such a title, any ``<h1>``."""
    if title is None:
        return True
    words, wanted = set(_words(text)), set(_words(title))
    return bool(words) and len(words & wanted) >= 0.6 * max(len(words), len(wanted))


def _words(text: str) -> list[str]:
    return [w.strip(".,:;!?\"'“”‘’«»()").casefold() for w in text.split()]


def guided(
    items: list[Item], guide: Guide | None, contained: bool = False, title: str | None = None
) -> tuple[list[Item], list[Furniture]]:
    """Drop the text runs of page furniture that trafilatura leaves out of the article.

    A run that is not in trafilatura's text is dropped when it does not end as a sentence
    does (teaser titles, "Most popular", tag lists, video captions). Before or after the
    article's text it is dropped too, unless ``contained`` (the page's own ``<article>`` or
    ``<main>`` holds the text, so what else it holds is the article's too) and it is a run
    of prose: trafilatura drops whole containers by class (slides, galleries, sections).
    Without such a container (the whole ``<body>`` is read) teasers, summaries and
    footers of prose stand before and after the article; after it, only prose in the
    article's own series of sections is read (:func:`_left_out_sections`). Headings and
    labels are kept between the first and last runs of the article's text, or when they
    are in it; a figure is kept unless a dropped run of prose stands between it and the
    text; the ``h1`` is left for the headline.
    """
    if guide is None:
        return items, []
    matched = [in_text(guide, it) for it in items]
    # the article's runs: long enough to be matched by more than a few words (a lone "9" or
    # "Comments" is found somewhere in any article's text), or prose in a slide
    inside = [
        it.kind == "text" and ((matched[i] and _substantial(it.text)) or _slide_prose(it))
        for i, it in enumerate(items)
    ]
    # a teaser or a summary that repeats the article's own text further down (a link to
    # the article itself in a list of stories, a pull quote) is no anchor of the article;
    # a caption is not the article's text: a paragraph a photo's caption repeats stays
    later: set[Trigram] = set()
    for i in range(len(items) - 1, -1, -1):
        grams = guide.trigrams_of(items[i].text) if matched[i] else set()
        if inside[i] and len(grams) >= 2 and len(grams & later) >= _REPEAT * len(grams):
            inside[i] = False
        if items[i].kind != "figure":
            later |= grams
    if not any(inside):
        return items, []
    first = inside.index(True)
    last = len(inside) - 1 - inside[::-1].index(True)
    # the headline starts the article: prose between the h1 and trafilatura's first run is
    # its standfirst or a section trafilatura left out, not a teaser (those stand above it)
    headline = max(
        (i for i, it in enumerate(items[:first])
         if it.kind == "heading" and it.heading_level == 1 and _is_headline(it.text, title)),
        default=first,
    )
    keep = [True] * len(items)
    for i, item in enumerate(items):
        between = first <= i <= last
        if item.kind == "text" and headline < i < first:
            keep[i] = ends_sentence(item.text) or matched[i]
            continue
        strong = matched[i] and _substantial(item.text)
        if item.kind == "text":
            keep[i] = inside[i] or (between and (matched[i] or ends_sentence(item.text))) or (
                contained and ends_sentence(item.text)
                and word_count(item.text) >= LONE_PROSE_WORDS
            )
        elif item.kind == "heading" and item.heading_level == 1:
            keep[i] = True
        elif item.kind != "figure":
            after = next((j for j in range(i + 1, len(items)) if items[j].kind == "text"), None)
            keep[i] = strong or (between and (matched[i] or (after is not None and inside[after])))
    _left_out_sections(items, inside, keep, last)
    dropped_prose = [
        it.kind == "text" and not keep[i] and not is_label_shaped(it.text)
        for i, it in enumerate(items)
    ]
    for i, item in enumerate(items):
        if item.kind == "figure" and contained and i < first:
            keep[i] = True  # the lead photo of the page's own <article>, above the text
        elif item.kind == "figure" and not first <= i <= last:
            span = range(i + 1, first) if i < first else range(last + 1, i)
            keep[i] = not any(dropped_prose[j] for j in span)
    kept = [item for item, k in zip(items, keep, strict=True) if k]
    dropped = [
        Furniture(summary(item.text or "(figure)"), NOT_ARTICLE)
        for item, k in zip(items, keep, strict=True) if not k
    ]
    return kept, dropped


def _left_out_sections(
    items: list[Item], inside: list[bool], keep: list[bool], last: int
) -> None:
    """Keep the sections of the article that trafilatura leaves out after its last run.

    The page's own markup divides the article into sections (``<section>`` elements,
    slides), and trafilatura sometimes keeps one and leaves out the next. A run after the
    article's last run of its text is kept when it stands in a section of the same series
    as that text (a section whose parent also holds the innermost section of a run of the
    article's text: the sections of a page-wide ``<section>`` wrapper are no series), is
    prose (it ends as a sentence does and has :data:`LONE_PROSE_WORDS` words or more), and
    continues the article: every run between it and the article's text is kept too. The
    first run that is not such prose ends the article (a teaser's title, "Most popular", a
    line of the footer), so on a page built of sections from top to bottom what follows the
    article is read only while it is such prose. A heading or label in such a section is
    kept when the section's prose follows it; a heading that is a link (a teaser's title)
    ends the article.
    """
    ours = [item.sections for item, anchor in zip(items, inside, strict=True) if anchor]
    held = {section for sections in ours for section in sections}
    # the series: beside the innermost section of each run (not a page-wide wrapper's)
    parents = {sections[-1].getparent() for sections in ours if sections}
    heads: list[int] = []
    for i in range(last + 1, len(items)):
        item = items[i]
        if item.kind == "figure" or keep[i]:
            continue
        series = any(s not in held and s.getparent() in parents for s in item.sections)
        if not series:
            return
        if item.kind in ("heading", "label") and not item.link:
            heads.append(i)
        elif (item.kind == "text" and ends_sentence(item.text)
              and word_count(item.text) >= LONE_PROSE_WORDS):
            for j in (*heads, i):
                keep[j] = True
            heads.clear()
        else:
            return


def trailing_byline(items: list[Item], guide: Guide | None) -> tuple[list[Item], list[Person]]:
    """A name-shaped line after the last sentence-like line is the byline (as in text).

    With trafilatura's text, only the name-shaped lines right after the article's last
    run of that text count: a site's name in the page footer, below sidebars and tag
    lists, is no byline.
    """
    last_prose = max(
        (i for i, it in enumerate(items) if it.kind == "text" and not is_label_shaped(it.text)),
        default=-1,
    )
    if guide is not None:
        last_text = max(
            (i for i, it in enumerate(items)
             if it.kind == "text" and in_text(guide, it) and not is_name_shaped(it.text)),
            default=-1,
        )
        last_prose = last_text if last_text >= 0 else last_prose
    kept: list[Item] = []
    authors: list[Person] = []
    signed = True  # still in the run of name-shaped lines right after the text
    for i, item in enumerate(items):
        if i <= last_prose or item.kind != "text":
            kept.append(item)
            continue
        if signed and is_name_shaped(item.text):
            authors.extend(split_names(item.text))
            continue
        signed = guide is None
        kept.append(item)
    return kept, authors
