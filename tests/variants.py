"""Record variants for the citation goldens and the oracle: the seed record and changed copies.

Each variant changes one thing the style manuals have a rule for: the access date, a known
publication date, two and three authors, three translators, no author (an unsigned article),
a known original (same year, and an earlier year). The variants after ``original-earlier`` are
the classes of issue 15 (citation fidelity): eleven authors (a long byline), a title in
Cyrillic with and without its transliteration and translation, short-title traps (a dash, an
inner quotation), an original with a title and no date, phrasal verbs and a subordinating
conjunction in a title, an access date before the publication date, an undated translation of
a dated original, a particle, a suffix and an organisation as author. ``EXPECTED`` holds, for
some of them, the citation each manual's rule gives, written from the rule (cited beside it),
never from transcite's output; tests/cite/test_cite_fidelity.py checks them.
The people and the Russian title added here are made up for the tests; the seed's own
credits (Dmitry Kartsev, Hilah Kohen, Meduza) are kept in every variant but ``unsigned``,
which drops the author to test the manuals' rules for unsigned articles.
"""

from __future__ import annotations

from pathlib import Path

from transcite.core.model import Original, Person, Record
from transcite.storage.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "kartsev-islamists"

ANNA = Person("Anna", "Petrova")
IVAN = Person("Ivan", "Sidorov")
RU_TITLE = "Россия и США наперегонки ведут переговоры с исламистами. Пока они идут вровень"
#: RU_TITLE romanised with the ALA-LC tables (APA 7 §9.38 and CMOS 11.98 point to them)
RU_TRANSLITERATION = (
    "Rossiia i SShA naperegonki vedut peregovory s islamistami. Poka oni idut vrovenʹ"
)
RU_TRANSLATION = "Russia and the U.S. are racing to negotiate with Islamists. So far they are even"
RU_URL = "https://meduza.io/feature/2019/02/12/rossiya-i-ssha-naperegonki"
#: eleven bylined authors: longer than the text reader's old 120-character byline cap
ELEVEN = (
    Person("Dmitry", "Kartsev"), ANNA, IVAN, Person("Maria", "Ivanova"), Person("Olga", "Smirnova"),
    Person("Pavel", "Orlov"), Person("Sergei", "Volkov"), Person("Elena", "Popova"),
    Person("Nikolai", "Lebedev"), Person("Kirill", "Kozlov"), Person("Irina", "Morozova"),
)
VAN_DER_BERG = Person("Jan", "van der Berg")
KING = Person("Martin Luther", "King", suffix="Jr.")
REUTERS = Person("", "Reuters", organisation=True)

#: variants citeproc-js has not rendered yet (tests/oracle/regenerate.py renders only the
#: variants whose CSL-JSON item changed): the oracle test leaves them out, and fails once they
#: are in the oracle files, so the set cannot go stale. Empty: every variant is rendered.
ORACLE_PENDING: frozenset[str] = frozenset()

#: pinpoints every citation form is rendered for (REF selector or "" for the whole work)
PINPOINTS = ("", "p5", "p5-p7", "fig1")


def seed() -> Record:
    return Corpus(ROOT / "texts").load(SEED_ID)


def variants() -> dict[str, Record]:
    """name -> record; every variant keeps the seed's id, so REFs read the same."""
    base = seed()
    dated = base._replace(published="2019-02-12")
    return {
        "seed": base,
        "accessed": base._replace(accessed="2026-11-20"),
        "dated": dated,
        "two-authors": dated._replace(authors=(*base.authors, ANNA)),
        "three-authors": dated._replace(authors=(*base.authors, ANNA, IVAN)),
        "original": dated._replace(
            original=Original("ru", RU_TITLE, RU_URL, "2019-02-12"),
        ),
        "three-translators": dated._replace(translators=(*base.translators, ANNA, IVAN)),
        "unsigned": dated._replace(authors=()),
        "original-earlier": base._replace(
            published="2019-01-02",
            original=Original("ru", RU_TITLE, RU_URL, "2018-12-30"),
        ),
        # --- issue 15 ---------------------------------------------------------------------
        "eleven-authors": dated._replace(authors=ELEVEN),
        "russian-title": dated._replace(
            language="ru", title=RU_TITLE, title_transliteration=RU_TRANSLITERATION,
            title_translation=RU_TRANSLATION, translators=(), original=None,
        ),
        "russian-title-bare": dated._replace(
            language="ru", title=RU_TITLE, translators=(), original=None,
        ),
        "dash-title": dated._replace(
            title="Neck and neck — Russia and the U.S. race to negotiate with Islamists",
        ),
        "quoted-title": dated._replace(
            title="“Deal of the century” is an old promise, Lavrov says",
        ),
        "original-untimed": dated._replace(
            original=Original(
                "ru", RU_TITLE, RU_URL, None, RU_TRANSLITERATION, None,
            ),
        ),
        "phrasal-title": dated._replace(
            title="The U.S. steps up talks with the Taliban as it prepares to pull out of "
            "Afghanistan",
        ),
        "accessed-early": dated._replace(accessed="2019-01-05"),
        "original-undated-translation": base._replace(
            original=Original("ru", RU_TITLE, RU_URL, "2018-12-30"),
        ),
        "particle": dated._replace(authors=(VAN_DER_BERG,)),
        "suffix": dated._replace(authors=(KING, ANNA)),
        "organisation": dated._replace(authors=(REUTERS,)),
    }


# --- expected citations, written from the manuals' rules ----------------------------------

URL = (
    "https://meduza.io/en/slides/"
    "russia-and-the-u-s-are-racing-to-negotiate-with-islamists-so-far-they-re-neck-and-neck"
)
SENTENCE = (
    "Russia and the U.S. are racing to negotiate with Islamists. So far, they’re neck and neck"
)
HEADLINE = (
    "Russia and the U.S. Are Racing to Negotiate with Islamists. So Far, They’re Neck and Neck"
)
PHRASAL = "The U.S. Steps Up Talks with the Taliban {as} It Prepares to Pull Out of Afghanistan"

#: (variant, style, form) -> the plain-text citation the manual's rule gives
EXPECTED: dict[tuple[str, str, str], str] = {
    # 1. eleven authors. CMOS 17 14.76: more than ten authors, the first seven then "et al."
    # in the bibliography; four or more, the first and "et al." in a note. APA 7 §9.8: up
    # to twenty authors listed; §8.17: three or more, "et al." in text. MLA 9 §5.6: three or
    # more, "et al." IEEE Reference Guide: more than six, the first and "et al."
    ("eleven-authors", "chicago-notes", "reference"): (
        "Kartsev, Dmitry, Anna Petrova, Ivan Sidorov, Maria Ivanova, Olga Smirnova, Pavel Orlov,"
        f" Sergei Volkov, et al. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, February 12, "
        f"2019. {URL}."
    ),
    ("eleven-authors", "chicago-notes", "note"): (
        f"Dmitry Kartsev et al., “{HEADLINE},” trans. Hilah Kohen, Meduza, February 12, 2019, "
        f"{URL}."
    ),
    ("eleven-authors", "apa", "in-text"): "(Kartsev et al., 2019)",
    ("eleven-authors", "mla", "in-text"): "(Kartsev et al.)",
    # 2. a title in Cyrillic. APA 7 §9.38: transliterated, its English translation in square
    # brackets (not italic). CMOS 17 14.98 and 11.98: the same, the bracketed translation
    # after the quoted title.
    ("russian-title", "apa", "reference"): (
        f"Kartsev, D. (2019, February 12). {RU_TRANSLITERATION} [{RU_TRANSLATION}]. Meduza. {URL}"
    ),
    ("russian-title", "chicago-notes", "reference"): (
        f"Kartsev, Dmitry. “{RU_TRANSLITERATION}” [{RU_TRANSLATION}]. Meduza, February 12, "
        f"2019. {URL}."
    ),
    ("russian-title-bare", "apa", "reference"): (
        f"Kartsev, D. (2019, February 12). {RU_TITLE}. Meduza. {URL}"
    ),
    # 3. short titles. CMOS 17 14.32: up to four key words of the main title, never a
    # subtitle (after a colon or, here, a dash); a quotation is not cut open. CMOS 6.9: the
    # period inside both closing quotation marks.
    ("dash-title", "chicago-notes", "short-note"): "Kartsev, “Neck and Neck.”",
    ("quoted-title", "chicago-notes", "short-note"): "Kartsev, “‘Deal of the Century.’”",
    # 4. punctuation inside closing quotation marks (CMOS 17 6.9), an original title with no
    # date, in a note before the URL and in the bibliography.
    ("original-untimed", "chicago-notes", "note"): (
        f"Dmitry Kartsev, “{HEADLINE},” trans. Hilah Kohen, Meduza, February 12, 2019, "
        f"originally published as “{RU_TRANSLITERATION},” {URL}."
    ),
    ("original-untimed", "chicago-notes", "reference"): (
        f"Kartsev, Dmitry. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, February 12, 2019. "
        f"Originally published as “{RU_TRANSLITERATION}.” {URL}."
    ),
    # 5. title case. CMOS 17 8.159: a preposition used as an adverb is capitalised (Steps Up,
    # Pull Out of), "as" is lowercased in every use. MLA 9 §2.90: the same for prepositions;
    # subordinating conjunctions, "as" among them, are capitalised.
    ("phrasal-title", "chicago-notes", "note"): (
        f"Dmitry Kartsev, “{PHRASAL.replace('{as}', 'as')},” trans. Hilah "
        f"Kohen, Meduza, February 12, 2019, {URL}."
    ),
    ("phrasal-title", "mla", "reference"): (
        f"Kartsev, Dmitry. “{PHRASAL.replace('{as}', 'As')}.” Translated by Hilah Kohen. Meduza, "
        f"12 Feb. 2019, {URL.removeprefix('https://')}."
    ),
    # 6. dates. APA 7 §8.19: the original's year, a slash, the translation's; with no date the
    # translation's is n.d. (§9.17). CMOS 17 15.38: the original's year in brackets; 15.44
    # n.d. after a comma. Both combined with a notice (no example in either manual).
    ("original-undated-translation", "apa", "in-text"): "(Kartsev, 2018/n.d.)",
    ("original-undated-translation", "chicago-author-date", "in-text"): "(Kartsev, [2018] n.d.)",
    # 8. names. APA Style (capitalisation of names with particles): the particle as the
    # person writes it, in the reference list too; §9.8 a suffix after the initials. CMOS 17
    # 14.21 and the CMOS Q&A on "du Maurier": a bibliography entry keeps the lowercase
    # particle, a note capitalises it (8.5); 6.43 no comma before Jr. in running text; an
    # inverted name takes "King, Martin Luther, Jr." APA 7 §9.11: a group author as written.
    ("particle", "apa", "reference"): (
        f"van der Berg, J. (2019, February 12). {SENTENCE} (H. Kohen, Trans.). Meduza. {URL}"
    ),
    ("particle", "chicago-notes", "reference"): (
        f"van der Berg, Jan. “{HEADLINE}.” Translated by Hilah Kohen. Meduza, February 12, 2019."
        f" {URL}."
    ),
    ("particle", "chicago-notes", "short-note"): "Van der Berg, “Russia and the U.S.”",
    ("particle", "chicago-author-date", "in-text"): "(van der Berg 2019)",
    ("suffix", "apa", "reference"): (
        f"King, M. L., Jr., & Petrova, A. (2019, February 12). {SENTENCE} (H. Kohen, Trans.). "
        f"Meduza. {URL}"
    ),
    ("suffix", "chicago-notes", "note"): (
        f"Martin Luther King Jr. and Anna Petrova, “{HEADLINE},” trans. Hilah Kohen, Meduza, "
        f"February 12, 2019, {URL}."
    ),
    ("suffix", "chicago-notes", "reference"): (
        f"King, Martin Luther, Jr., and Anna Petrova. “{HEADLINE}.” Translated by Hilah Kohen. "
        f"Meduza, February 12, 2019. {URL}."
    ),
    ("organisation", "apa", "reference"): (
        f"Reuters. (2019, February 12). {SENTENCE} (H. Kohen, Trans.). Meduza. {URL}"
    ),
    ("organisation", "mla", "in-text"): "(Reuters)",
}

#: (variant, style, form) -> words a notice must hold (the manual's rule it reports)
EXPECTED_NOTICES: dict[tuple[str, str, str], str] = {
    ("russian-title-bare", "apa", "reference"): "§9.38",
    # CMOS 17 14.98: a title in another script is given in Latin letters (transliterated), an
    # English translation in square brackets optional; without one the record's script is
    # printed and the notice says so, for the title and for the original's title
    ("russian-title-bare", "chicago-notes", "reference"): "14.98",
    ("russian-title-bare", "chicago-notes", "note"): "transliterated into Latin letters",
    ("russian-title-bare", "chicago-notes", "short-note"): "no transliteration of the title",
    ("russian-title-bare", "chicago-author-date", "reference"): "14.98",
    ("original", "chicago-notes", "note"): "no transliteration of the original's title",
    ("original-earlier", "chicago-author-date", "reference"): "the original's title",
    ("accessed-early", "chicago-notes", "reference"): "before the publication date",
    ("accessed-early", "apa", "reference"): "before the publication date",
    ("original-undated-translation", "apa", "in-text"): "§8.19",
    ("original-undated-translation", "chicago-author-date", "in-text"): "15.38",
}
