"""Generate a corpus of varied records for the corpus benchmark (not copies of one record).

    .venv/bin/python bench/make_corpus.py /work/corpora/c10k --records 10000 [--jobs 2]
    .venv/bin/python bench/make_corpus.py /work/corpora/c100k --records 100000 [--jobs 2]

Each record is drawn from its own random generator (seeded by the record number), so a
corpus is reproducible and :func:`record_text` can regenerate any record's paragraphs without
reading the folder. Words follow a Zipf distribution over a vocabulary whose head is the
commonest words of the seed capture (real English function words in their real order) and whose
tail is 60,000 pronounceable made-up words, so that, as in a real archive, a few words are in
nearly every paragraph and most words are rare. Some words carry diacritics, some sentences a
curly-quoted phrase or a dash, so that find's folding is exercised. Records have 4–18
paragraphs of 2–5 sentences, 0–3 photos with credit lines, one or two authors, usually a
translator, a publisher and dates.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import re
import sys
import time
from collections import Counter
from functools import cache
from multiprocessing import Pool
from pathlib import Path

from transcite.core.model import (
    Credit,
    CreditPart,
    Figure,
    Label,
    Original,
    Paragraph,
    Person,
    Record,
)
from transcite.storage.tei import record_to_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED_CAPTURE = ROOT / "tests" / "data" / "kartsev-islamists.txt"
TAIL_WORDS = 60_000
_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p",
           "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "zh"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "é", "ö", "ü", "á"]
_CODAS = ["", "", "n", "r", "s", "l", "k", "t", "m", "nd", "st"]
PUBLISHERS = [
    "Meduza", "The Insider", "Novaya Gazeta Europe", "Kyiv Independent", "Mediazona",
    "Le Monde", "Der Spiegel", "El País", "Gazeta Wyborcza", "Proekt", "iStories",
    "The Bell", "Ukrainska Pravda", "Hromadske", "Dekoder", "Eurozine",
]
LANGUAGES = ["ru", "uk", "de", "fr", "es", "pl", "be", "ka"]
AGENCIES = ["AP", "Reuters", "AFP", "TASS", "EPA", "Getty Images", "Scanpix", "LETA"]


@cache
def vocabulary() -> tuple[list[str], list[float]]:
    """Words (commonest first) and their cumulative Zipf weights."""
    seed = SEED_CAPTURE.read_text(encoding="utf-8")
    counts = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", seed))
    head = [w for w, _ in counts.most_common() if len(w) > 1 or w in {"a", "i"}]
    rng = random.Random(1)
    tail: dict[str, None] = {}
    while len(tail) < TAIL_WORDS:
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.choice((1, 2, 2, 3)))
        )
        if word not in counts:
            tail[word] = None
    words = head + list(tail)
    weights = list(itertools.accumulate(1.0 / (rank + 2.7) ** 1.07 for rank in range(len(words))))
    return words, weights


def _word(rng: random.Random) -> str:
    words, cumulative = vocabulary()
    return words[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _name(rng: random.Random) -> str:
    words, _ = vocabulary()
    return words[rng.randrange(2000, len(words))].capitalize()


def _sentence(rng: random.Random) -> str:
    words = [_word(rng) for _ in range(rng.randint(8, 26))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.25:
        k = rng.randrange(1, len(words) - 2)
        words[k] = f"“{words[k]}"
        words[k + 1] = f"{words[k + 1]}”"
    if rng.random() < 0.2:
        words.insert(rng.randrange(2, len(words)), "—")
    if rng.random() < 0.3:
        k = rng.randrange(1, len(words))
        words[k] = _name(rng)
    return " ".join(words) + rng.choice(".......?")


def record_text(number: int) -> Record:
    """Record number ``number`` of every generated corpus (the same for any corpus size)."""
    rng = random.Random(number * 7919 + 17)
    record_id = f"r{number:06d}-{_word(rng)}-{_name(rng).lower()}"
    record_id = re.sub(r"[^a-z0-9-]", "x", record_id.lower())
    title = " ".join(_word(rng) for _ in range(rng.randint(5, 12))).capitalize()
    authors = tuple(Person(_name(rng), _name(rng)) for _ in range(rng.choice((1, 1, 1, 2))))
    translators = (
        () if rng.random() < 0.1 else tuple(Person(_name(rng), _name(rng)) for _ in range(1))
    )
    year = rng.randint(2012, 2026)
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    blocks: list[Paragraph | Figure | Label] = []
    paragraphs = rng.randint(4, 18)
    figures = rng.choice((0, 0, 1, 1, 2, 3))
    fig_at = sorted(rng.sample(range(paragraphs), min(figures, paragraphs)))
    section = 1
    for k in range(paragraphs):
        if k and rng.random() < 0.08:
            section += 1
            if rng.random() < 0.5:
                labels = sum(isinstance(b, Label) for b in blocks)
                blocks.append(Label(f"lbl{labels + 1}", _name(rng), section))
        text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        blocks.append(Paragraph(f"p{k + 1}", k + 1, text, section))
        if k in fig_at:
            n = sum(isinstance(b, Figure) for b in blocks) + 1
            creator = f"{_name(rng)} {_name(rng)}"
            agency = rng.choice(AGENCIES)
            credit = Credit(
                f"{creator} / {agency}",
                (CreditPart(creator, "creator"), CreditPart(agency, "agency")),
            )
            caption = " ".join(_word(rng) for _ in range(rng.randint(6, 16))).capitalize()
            blocks.append(Figure(f"fig{n}", caption, credit, section))
    publisher = rng.choice(PUBLISHERS)
    return Record(
        id=record_id,
        title=title,
        language="en",
        publisher=publisher,
        url=f"https://example.org/{publisher.lower().replace(' ', '-')}/{record_id}",
        published=published,
        accessed=f"{min(year + 1, 2026)}-01-15",
        authors=authors,
        translators=translators,
        original=Original(language=rng.choice(LANGUAGES)),
        blocks=tuple(blocks),
    )


def _write(args: tuple[str, int, int]) -> int:
    folder, start, stop = args
    for number in range(start, stop):
        record = record_text(number)
        path = os.path.join(folder, f"{record.id}.xml")
        with open(path, "wb") as out:
            out.write(record_to_bytes(record))
    return stop - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    chunks = [
        (str(args.folder), start, min(start + 500, args.records))
        for start in range(0, args.records, 500)
    ]
    started, done = time.perf_counter(), 0
    with Pool(args.jobs) as pool:
        for count in pool.imap_unordered(_write, chunks):
            done += count
            print(f"\r{done}/{args.records} records", end="", file=sys.stderr)
    print(f"\n{args.records} records in {time.perf_counter() - started:.0f} s: {args.folder}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
