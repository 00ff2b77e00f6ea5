"""``transcite align``: a translation's paragraphs linked to its original's by @corresp.

The pair in tests/data/bilingual/ was written for this test: library-en.txt translates
library-ru.txt paragraph by paragraph, except that the third Russian paragraph (the director's
account) is rendered as two English paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from transcite.compare.translation import original_paragraphs
from transcite.storage.corpus import Corpus

from citing import cited
from conftest import DATA

Run = Callable[..., Result]
PAIR = DATA / "bilingual"


@pytest.fixture
def pair(run: Run, texts: Path) -> Corpus:
    for name, extra in (("library-ru", []), ("library-en", ["--original-language", "ru"])):
        result = run("ingest", str(PAIR / f"{name}.txt"), "--id", name, *extra)
        assert result.exit_code == 0, result.stderr
    return Corpus(texts)


def test_align_links_each_paragraph_to_the_one_it_translates(run: Run, pair: Corpus) -> None:
    result = run("align", "library-en", "library-ru")
    assert result.exit_code == 0
    assert result.stdout == f"{pair.path_for('library-en')}\n"
    assert result.stderr == (
        "p1 ↔ library-ru#p1\n"
        "p2 ↔ library-ru#p2\n"
        "p3, p4 ↔ library-ru#p3\n"
        "p5 ↔ library-ru#p4\n"
        "p6 ↔ library-ru#p5\n"
    )
    record = pair.load("library-en")
    assert [p.corresp for p in record.paragraphs] == [
        "library-ru.xml#p1", "library-ru.xml#p2", "library-ru.xml#p3", "library-ru.xml#p3",
        "library-ru.xml#p4", "library-ru.xml#p5",
    ]
    again = run("align", "library-en", "library-ru")
    assert again.stderr == result.stderr
    assert pair.load("library-en") == record


def test_corresp_leads_back_to_the_original_paragraph(run: Run, pair: Corpus) -> None:
    run("align", "library-en", "library-ru")
    english = pair.load("library-en")
    p4 = english.block("p4")
    assert p4 is not None and p4.kind == "paragraph"
    [(original, paragraph)] = original_paragraphs(p4, pair)  # type: ignore[arg-type]
    assert original.id == "library-ru"
    assert paragraph.text.startswith("Директор библиотеки Анна Петровна Соколова")
    assert "в семидесятых годах" in paragraph.text  # what p4 translates ("in the 1970s")


def test_the_reverse_direction_pairs_two_with_one(run: Run, pair: Corpus) -> None:
    result = run("align", "library-ru", "library-en")
    assert "p3 ↔ library-en#p3, library-en#p4\n" in result.stderr
    assert pair.load("library-ru").block("p3").corresp == (  # type: ignore[union-attr]
        "library-en.xml#p3 library-en.xml#p4"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["library-en", "library-en"], "Error: library-en: a text cannot be aligned with itself\n"),
        (["library-en", "nope"], "Error: no record 'nope' in "),
    ],
)
def test_align_errors(run: Run, pair: Corpus, args: list[str], message: str) -> None:
    result = run("align", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)


def test_revise_keeps_the_links_of_paragraphs_that_keep_their_ids(
    run: Run, pair: Corpus, tmp_path: Path
) -> None:
    run("align", "library-en", "library-ru")
    text = (PAIR / "library-en.txt").read_text(encoding="utf-8")
    capture = tmp_path / "library-en-2.txt"
    capture.write_text(text.replace("forty million", "40 million").replace(
        "Maria Ivanova", "A paragraph added in the second version, with no original yet.\n\n"
        "Maria Ivanova"), encoding="utf-8")
    result = run("revise", "library-en", str(capture), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    record = pair.load("library-en")
    assert [(p.id, p.corresp) for p in record.paragraphs] == [
        ("p1", "library-ru.xml#p1"), ("p2", "library-ru.xml#p2"), ("p3", "library-ru.xml#p3"),
        ("p4", "library-ru.xml#p3"), ("p5", "library-ru.xml#p4"), ("p6", "library-ru.xml#p5"),
        ("p7", None),
    ]


RU_P3 = (
    "Директор библиотеки Анна Петровна Соколова рассказала, что за время закрытия сотрудники "
    "переписали весь каталог и перевели его в электронный вид. Теперь читатели смогут заказать "
    "книгу через сайт и забрать её в тот же день. По словам Соколовой, на эту работу ушло "
    "больше года, потому что многие карточки были заполнены от руки ещё в семидесятых годах."
)


def test_quote_with_original_prints_the_original_paragraph(run: Run, pair: Corpus) -> None:
    run("align", "library-en", "library-ru")
    result = run("quote", "library-en#p4", "--with-original")
    assert (result.exit_code, result.stderr) == (0, "")
    citation = cited(pair.load("library-en"), "library-en#p4")  # the style's words
    assert result.stdout == (
        "“According to Sokolova, the work took more than a year, because many of the catalogue "
        f"cards had been filled in by hand back in the 1970s” {citation}.\n"
        "\n"
        "Original (ru), library-ru#p3 (for p4):\n"
        f"{RU_P3}\n"
    )
    both = run("quote", "library-en#p3-p4", "--with-original")
    assert both.stdout.count("Original (ru), library-ru#p3") == 1  # one original, shown once


def test_quote_with_original_in_json(run: Run, pair: Corpus) -> None:
    import json

    run("align", "library-en", "library-ru")
    data = json.loads(run("quote", "library-en#p4:s1", "--with-original", "--format",
                          "json").stdout)
    assert data["original"] == [{"block": "p4", "originals": [{
        "record": "library-ru", "language": "ru", "id": "p3", "n": 3, "text": RU_P3,
        "fingerprint": pair.load("library-ru").block("p3").fingerprint,  # type: ignore[union-attr]
    }]}]


def test_quote_with_original_says_when_there_is_none(run: Run, pair: Corpus) -> None:
    result = run("quote", "library-en#p4", "--with-original")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: p4 has no original paragraph linked; run transcite align library-en ORIGINAL to "
        "link them\n"
    )
    assert "Original" not in result.stdout
    other = run("quote", "library-en#p4", "--with-original", "--format", "markdown")
    assert (other.exit_code, other.stderr) == (
        2, "Error: --with-original works with --format text or json, not markdown\n"
    )
