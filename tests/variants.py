"""Record variants for the citation goldens and the oracle: the seed record and changed copies.

Each variant changes one thing the style manuals have a rule for: the access date, a known
publication date, two and three authors, three translators, no author (an unsigned article),
a known original (same year, and an earlier year). The variants after ``original-earlier`` are
the classes of issue 15 (citation fidelity): eleven authors (a long byline), a title in
Cyrillic with and without its transliteration and translation, short-title traps (a dash, an
inner quotation), an original with a title and no date, phrasal verbs and a subordinating
conjunction in a title, an access date before the publication date, an undated translation of
a dated original, a particle, a suffix and an organisation as author. The citation each
manual's rule gives some of them, written from the rule (cited beside it), never from
transcite's output, is in the style's own test file (``tests/cite/styles/test_<style>.py``,
``EXPECTED``); the words they share are below.
The people and the Russian title added here are made up for the tests; the seed's own
credits (Dmitry Kartsev, Hilah Kohen, Meduza) are kept in every variant but ``unsigned``,
which drops the author to test the manuals' rules for unsigned articles.
"""

from __future__ import annotations

from pathlib import Path

from transcite.core.model import Original, Paragraph, Person, Record
from transcite.storage.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "kartsev-islamists"

KOHEN = Person("Hilah", "Kohen")  # the seed's translator
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


def record_with(text: str) -> Record:
    """A made-up record of one paragraph (``synthetic#p1``), for quotations of a given text."""
    return Record(
        id="synthetic", title="T", language="en", publisher="P", url="https://example.org/t",
        published="2020", accessed=None, authors=(Person("Ann", "Author"),),
        translators=(Person("Tim", "Translator"),), original=None,
        blocks=(Paragraph("p1", 1, text),),
    )


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


# --- words of the expected citations (tests/cite/styles/) ------------------------------------

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
