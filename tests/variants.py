"""Record variants for the citation goldens and the oracle: the seed record and changed copies.

Each variant changes one thing the style manuals have a rule for: the access date, a known
publication date, two and three authors, three translators, no author (an unsigned article),
a known original (same year, and an earlier year).
The people and the Russian title added here are made up for the tests; the seed's own
credits (Dmitry Kartsev, Hilah Kohen, Meduza) are kept in every variant but ``unsigned``,
which drops the author to test the manuals' rules for unsigned articles.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from transcite.core.model import Original, Person, Record
from transcite.storage.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "kartsev-islamists"

ANNA = Person("Anna", "Petrova")
IVAN = Person("Ivan", "Sidorov")
RU_TITLE = "Россия и США наперегонки ведут переговоры с исламистами. Пока они идут вровень"
RU_URL = "https://meduza.io/feature/2019/02/12/rossiya-i-ssha-naperegonki"

#: pinpoints every citation form is rendered for (REF selector or "" for the whole work)
PINPOINTS = ("", "p5", "p5-p7", "fig1")


def seed() -> Record:
    return Corpus(ROOT / "texts").load(SEED_ID)


def variants() -> dict[str, Record]:
    """name -> record; every variant keeps the seed's id, so REFs read the same."""
    base = seed()
    dated = replace(base, published="2019-02-12")
    return {
        "seed": base,
        "accessed": replace(base, accessed="2026-11-20"),
        "dated": dated,
        "two-authors": replace(dated, authors=(*base.authors, ANNA)),
        "three-authors": replace(dated, authors=(*base.authors, ANNA, IVAN)),
        "original": replace(
            dated,
            original=Original("ru", RU_TITLE, RU_URL, "2019-02-12"),
        ),
        "three-translators": replace(dated, translators=(*base.translators, ANNA, IVAN)),
        "unsigned": replace(dated, authors=()),
        "original-earlier": replace(
            base,
            published="2019-01-02",
            original=Original("ru", RU_TITLE, RU_URL, "2018-12-30"),
        ),
    }
