"""Citations of records the variants do not cover, each checked against the manual's rule.

The expected strings are written from the manuals (sections named in each test), not from
transcite's output: no author, an organisation, three translators, a subtitle after a colon,
a quotation in the title, IEEE's month abbreviations.
"""

from __future__ import annotations

import pytest

from transcite.cite.citation import cite_ref, render_citation
from transcite.core.model import Person, Record

from conftest import SEED_URL
from variants import seed

TITLE = "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck"
TITLE_CASED = (
    "Russia and the U.S. Are Racing to Negotiate with Islamists. So Far, They’re Neck and Neck"
)
KOHEN, PETROVA, SIDOROV = (
    Person("Hilah", "Kohen"), Person("Anna", "Petrova"), Person("Ivan", "Sidorov")
)


SEED = seed()


def dated(**changes: object) -> Record:
    """The seed record with a known date (12 February 2019) and the given changes."""
    return SEED._replace(**{"published": "2019-02-12", **changes})  # type: ignore[arg-type]


def cite(record: Record, style: str, form: str = "reference", fmt: str = "text") -> str:
    return render_citation(record, style, form).render(fmt)


# --- no author ------------------------------------------------------------------------------

def test_harvard_without_author_puts_the_title_first_and_the_year_after_it() -> None:
    # Cite Them Right: with no author the title takes the author's place, "Title (Year)"
    record = dated(authors=(), accessed="2024-03-05")
    assert cite(record, "harvard") == (
        f"‘{TITLE}’ (2019) Meduza, 12 February. Translated by H. Kohen. "
        f"Available at: {SEED_URL} (Accessed: 5 March 2024)."
    )


def test_chicago_bibliography_of_an_unsigned_article_starts_with_the_site() -> None:
    # CMOS 17, unsigned newspaper articles: the newspaper stands in place of the author
    record = dated(authors=())
    assert cite(record, "chicago-notes", fmt="markdown") == (
        f"*Meduza*. “{TITLE_CASED}.” Translated by Hilah Kohen. February 12, 2019. "
        f"<{SEED_URL}>."
    )
    assert cite(record, "chicago-notes", "note") == (
        f"“{TITLE_CASED},” trans. Hilah Kohen, Meduza, February 12, 2019, {SEED_URL}."
    )


def test_chicago_author_date_of_an_unsigned_article_starts_with_the_site() -> None:
    # CMOS 17 §15.47 and unsigned articles: "New York Times. 2002. “Title.” July 30, 2002."
    record = dated(authors=())
    assert cite(record, "chicago-author-date", fmt="markdown") == (
        f"*Meduza*. 2019. “{TITLE_CASED}.” Translated by Hilah Kohen. February 12, 2019. "
        f"<{SEED_URL}>."
    )
    assert cite(record, "chicago-author-date", "in-text", "markdown") == "(*Meduza* 2019)"


def test_chicago_author_date_without_author_or_site_starts_with_the_title() -> None:
    record = dated(authors=(), publisher=None)
    assert cite(record, "chicago-author-date") == (
        f"“{TITLE_CASED}.” 2019. Translated by Hilah Kohen. February 12, 2019. {SEED_URL}."
    )


def test_apa_in_text_without_author_gives_the_title_in_title_case() -> None:
    # APA 7 §8.14: the title in the author's place, italic as in the reference and in title
    # case (§6.17: words of four letters or more capitalised, "With" included)
    record = dated(authors=())
    assert cite(record, "apa", "in-text", "markdown") == (
        "(*Russia and the U.S. Are Racing to Negotiate With Islamists*, 2019)"
    )


# --- translators ----------------------------------------------------------------------------

def test_apa_three_translators_take_the_serial_comma() -> None:
    # APA 7 §9.8 and §9.39: names in a series take a comma before the ampersand
    record = dated(translators=(KOHEN, PETROVA, SIDOROV))
    assert "(H. Kohen, A. Petrova, & I. Sidorov, Trans.)" in cite(record, "apa")
    two = dated(translators=(KOHEN, PETROVA))
    assert "(H. Kohen & A. Petrova, Trans.)" in cite(two, "apa")


def test_an_untranslated_text_has_no_translator_phrase() -> None:
    record = dated(translators=(), original=None, language="en")
    for style, forms in {
        "apa": ("reference",), "mla": ("reference",), "harvard": ("reference",),
        "ieee": ("reference",), "chicago-notes": ("reference", "note"),
        "chicago-author-date": ("reference",),
    }.items():
        for form in forms:
            text = cite(record, style, form)
            assert "Trans" not in text and "trans." not in text, (style, form, text)


# --- titles ---------------------------------------------------------------------------------

COLON = "Neck and neck: a race to negotiate with the Taliban"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # APA 7 §6.17: sentence case capitalises the first word of a subtitle after a colon
        ("apa", "Neck and neck: A race to negotiate with the Taliban (H. Kohen, Trans.)."),
        # IEEE: article titles capitalise the first word, the first word after a colon and
        # proper nouns
        ("ieee", "“Neck and neck: A race to negotiate with the Taliban,”"),
        # CMOS 8.159, MLA 2.90: title case, subtitle capitalised
        ("chicago-notes", "“Neck and Neck: A Race to Negotiate with the Taliban.”"),
        ("mla", "“Neck and Neck: A Race to Negotiate with the Taliban.”"),
    ],
)
def test_a_subtitle_after_a_colon_starts_with_a_capital(style: str, expected: str) -> None:
    assert expected in cite(dated(title=COLON), style)


def test_a_non_english_title_keeps_its_own_capitalisation_after_a_colon() -> None:
    record = dated(title="Переговоры: кто быстрее", language="ru")
    for style in ("apa", "ieee", "mla", "chicago-notes"):
        assert "Переговоры: кто быстрее" in cite(record, style)


def test_chicago_short_title_never_cuts_inside_a_quotation() -> None:
    # CMOS 14.30: a short title of up to four words of the main title; a cut inside a quoted
    # phrase would leave an unbalanced quotation mark
    record = dated(title="Putin calls talks “a historic success” in Doha")
    short = cite_ref(record, record.id, "chicago-notes", "short-note").render()
    assert short == "Kartsev, “Putin Calls Talks.”"


# --- IEEE dates -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2019-09-05", "Sept. 5, 2019"),
        ("2019-06-30", "June 30, 2019"),
        ("2019-07-01", "July 1, 2019"),
        ("2019-05-12", "May 12, 2019"),
        ("2019-01-02", "Jan. 2, 2019"),
        ("2019-09", "Sept. 2019"),
    ],
)
def test_ieee_months_are_the_reference_guides(published: str, expected: str) -> None:
    # IEEE Reference Guide: Jan., Feb., Mar., Apr., May, June, July, Aug., Sept., Oct., Nov.,
    # Dec.; its examples write the day without a leading zero ("Accessed: Dec. 1, 2021")
    record = dated(published=published, accessed="2024-09-05")
    text = cite(record, "ieee")
    assert f"Meduza, {expected}. Accessed: Sept. 5, 2024. [Online]." in text


@pytest.mark.parametrize(
    ("style", "form"),
    [("apa", "reference"), ("mla", "reference"), ("harvard", "reference"), ("ieee", "reference"),
     ("chicago-notes", "reference"), ("chicago-notes", "note"),
     ("chicago-author-date", "reference")],
)
def test_a_translation_with_no_translator_named_says_so(style: str, form: str) -> None:
    # nothing is invented, but a translation cited without its translator is not silent
    record = dated(translators=())
    citation = render_citation(record, style, form)
    assert "Trans" not in citation.render() and "trans." not in citation.render()
    assert citation.notices[-1] == (
        "the record is a translation (from Russian) but names no translator, so none is "
        "credited; add the translator to the record if the source names one"
    )
    short = "short-note" if style == "chicago-notes" else "in-text"
    assert render_citation(record, style, short).notices == ()


def test_mla_skips_an_organisation_that_is_author_and_publisher() -> None:
    # MLA 9, corporate authors: a work by an organisation that is also its publisher begins
    # with the title; the organisation is listed as publisher only
    record = dated(authors=(Person("", "Meduza"),))
    assert cite(record, "mla") == (
        f"“{TITLE_CASED}.” Translated by Hilah Kohen. Meduza, 12 Feb. 2019, "
        f"{SEED_URL.removeprefix('https://')}."
    )
    in_text = render_citation(record, "mla", "in-text")
    assert in_text.render() == f"(“{TITLE_CASED}”)"
    assert in_text.notices == (
        "MLA shortens a long title in the in-text citation, usually to its first noun phrase; "
        "shorten it by hand",
    )


def test_mla_in_text_keeps_a_short_title_whole_without_a_notice() -> None:
    record = dated(authors=(), title="Neck and neck")
    in_text = render_citation(record, "mla", "in-text")
    assert (in_text.render(), in_text.notices) == ("(“Neck and Neck”)", ())


def test_apa_names_an_organisation_once_when_it_is_also_the_site() -> None:
    # APA 7 §10.16 (webpages on a website): when the author and the site name are the same,
    # the site name is left out
    record = dated(authors=(Person("", "Meduza"),))
    assert cite(record, "apa").startswith(f"Meduza. (2019, February 12). {TITLE} (H. Kohen, ")
    assert " Meduza. https" not in cite(record, "apa")


def test_ieee_translator_last_before_the_access_date_has_one_period() -> None:
    record = dated(publisher=None, published=None, accessed="2024-03-05")
    assert cite(record, "ieee") == (
        f"[1] D. Kartsev, “{TITLE},” H. Kohen, Trans. Accessed: Mar. 5, 2024. "
        f"[Online]. Available: {SEED_URL}"
    )


def test_chicago_author_date_puts_the_comma_before_n_d_inside_the_quotation_marks() -> None:
    # CMOS 6.9: commas go inside closing quotation marks; 15.32: a title in the author's place
    record = dated(authors=(), publisher=None, published=None)
    assert cite(record, "chicago-author-date", "in-text") == "(“Russia and the U.S.,” n.d.)"


@pytest.mark.parametrize("style", ["mla", "chicago-notes", "chicago-author-date", "harvard"])
def test_a_translator_whose_name_ends_in_a_period_gets_no_second_one(style: str) -> None:
    record = dated(translators=(Person("John", "Smith Jr."),), accessed="2024-03-05")
    text = cite(record, style)
    assert "Smith Jr.. " not in text and "Smith Jr. " in text
