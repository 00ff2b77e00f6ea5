"""``transcite compare``: the corrected seed compares exactly, in every output format.

The corrected capture (tests/data/kartsev-islamists-corrected.txt) fixes the three slips and
the credit listed in ../shared/texts/README.md, splits the paragraph "On February 11, …" after
"…participating in the talks." and adds one paragraph (a correction note) at the end. Nothing
else differs (`diff` of the two captures shows exactly those lines), so compare must report
exactly these changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from transcite.cli.main import cli

from conftest import DATA, ROOT, SEED_ID
from golden_files import check_golden

Run = Callable[..., Result]
CORRECTED = str(DATA / "kartsev-islamists-corrected.txt")

EXPECTED_TEXT = f"""\
kartsev-islamists → {CORRECTED}
13 paragraphs unchanged, 2 changed, 1 split, 1 inserted; 2 figures unchanged, 1 changed; \
1 label unchanged

changed paragraph p3 → p3
  … organization. However, right before the September [-2016-]{{+2018+}} negotiations were \
set to take place, Russian Foreign [-Minster-]{{+Minister+}} Sergei Lavrov postponed them for \
reasons that never became entirely clear.

changed paragraph p8 → p8
  In January, it became clear that the American administration {{+was +}}not just planning \
to withdraw troops from Afghanistan — it …

changed figure fig2 → fig2
  credit: U.S{{+.+}} Embassy / Reuters / Scanpix / LETA

split paragraph p13 → p13, p14
  … power in the West Bank, are participating in the talks.{{+¶+}}Both sides are in conflict \
with each other as well as with …

inserted paragraph (none) → p18
  {{+Correction: An earlier version of this article gave the wrong year for the Afghanistan \
negotiations that were postponed in September; they were planned for September 2018.+}}
"""


def test_corrected_seed_reports_exactly_the_corrections(run: Run) -> None:
    result = run("compare", SEED_ID, CORRECTED)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == EXPECTED_TEXT


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_corrected_seed_is_golden(
    run: Run, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """golden/compare/seed-corrected.*: each checked against `diff` of the two captures."""
    monkeypatch.chdir(ROOT)
    result = run("compare", SEED_ID, "tests/data/kartsev-islamists-corrected.txt", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    check_golden(f"compare/seed-corrected.{fmt}", result.stdout)


def _changes(data: dict[str, object]) -> list[tuple[str, list[str], list[str], list[list[str]]]]:
    links = data["links"]
    assert isinstance(links, list)
    return [
        (ln["kind"], ln["old"], ln["new"],
         [p for f in ln["diff"] for p in f["pieces"] if p[0] != "equal"])
        for ln in links if ln["kind"] != "equal"
    ]


def test_json_lists_every_block_once_and_exactly_the_changes(run: Run) -> None:
    result = run("compare", SEED_ID, CORRECTED, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["paragraph"] == {
        "unchanged": 13, "changed": 2, "split": 1, "merged": 0, "inserted": 1, "deleted": 0,
        "moved": 0,
    }
    assert _changes(data) == [
        ("changed", ["p3"], ["p3"],
         [["delete", "2016"], ["insert", "2018"], ["delete", "Minster"], ["insert", "Minister"]]),
        ("changed", ["p8"], ["p8"], [["insert", "was "]]),
        ("changed", ["fig2"], ["fig2"], [["insert", "."]]),
        ("split", ["p13"], ["p13", "p14"], [["delete", " "], ["insert", "\n"]]),
        ("inserted", [], ["p18"], [["insert", (
            "Correction: An earlier version of this article gave the wrong year for the "
            "Afghanistan negotiations that were postponed in September; they were planned for "
            "September 2018.")]]),
    ]
    old_ids = [i for ln in data["links"] for i in ln["old"]]
    new_ids = [i for ln in data["links"] for i in ln["new"]]
    assert len(old_ids) == len(set(old_ids)) == 16 + 3 + 1
    assert new_ids == sorted(set(new_ids), key=new_ids.index) and len(new_ids) == 18 + 3 + 1


def test_pieces_rebuild_both_texts(run: Run) -> None:
    data = json.loads(run("compare", SEED_ID, CORRECTED, "--format", "json").stdout)
    shown = json.loads(run("show", SEED_ID, "--format", "json").stdout)
    texts = {b["id"]: b.get("text", b.get("caption")) for b in shown["blocks"]}
    for link in data["links"]:
        if link["block"] == "paragraph" and link["old"]:
            old = "".join(p[1] for p in link["diff"][0]["pieces"] if p[0] != "insert")
            assert old == "\n".join(texts[i] for i in link["old"])


def test_same_text_has_no_changes(run: Run) -> None:
    result = run("compare", SEED_ID, SEED_ID)
    assert result.stdout == (
        f"{SEED_ID} → {SEED_ID}\n"
        "16 paragraphs unchanged; 3 figures unchanged; 1 label unchanged\n"
    )


def test_colour_on_a_terminal_only_and_never_with_no_color(
    texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSCITE_TEXTS", str(texts))
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()
    coloured = runner.invoke(cli, ["compare", SEED_ID, CORRECTED], color=True).stdout
    assert "\x1b[31;9m2016\x1b[0m\x1b[32;4m2018\x1b[0m" in coloured
    assert "[-" not in coloured and "{+" not in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = runner.invoke(cli, ["compare", SEED_ID, CORRECTED], color=True).stdout
    assert "\x1b[" not in plain
    assert plain == EXPECTED_TEXT


def test_output_file_is_written_and_never_coloured(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("compare", SEED_ID, CORRECTED, "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    assert out.read_text(encoding="utf-8") == EXPECTED_TEXT


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope", SEED_ID], 2, "Error: no record 'nope' in "),
        (["missing.txt", SEED_ID], 2, "Error: missing.txt: no such file (give a record id, "
                                      "ID@N (version N), a record file or a capture file)"),
        ([str(DATA.parent / "hostile" / "billion-laughs.xml"), SEED_ID], 3,
         "Error: "),
        ([str(DATA.parent / "hostile" / "external-entity.xml"), SEED_ID], 3, "Error: "),
        ([f"{SEED_ID}@2", SEED_ID], 2, f"Error: no version 2 of {SEED_ID}; it has version 1"),
        ([str(DATA.parent / "hostile" / "binary.txt"), SEED_ID], 3, "Error: "),
        ([SEED_ID, SEED_ID, "--format", "pdf"], 2, ""),
    ],
)
def test_errors_are_one_line_with_their_exit_code(
    run: Run, args: list[str], code: int, message: str
) -> None:
    result = run("compare", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    if code != 2 or message:
        assert result.stderr.count("\n") == 1


def test_a_changed_title_is_reported(run: Run, tmp_path: Path) -> None:
    capture = tmp_path / "retitled.txt"
    text = (DATA / "kartsev-islamists.txt").read_text(encoding="utf-8")
    capture.write_text(text.replace("Russia and the U.S. are", "Russia and the US are", 1),
                       encoding="utf-8")
    result = run("compare", SEED_ID, str(capture))
    assert result.stdout == (
        f"{SEED_ID} → {capture}\n"
        "16 paragraphs unchanged; 3 figures unchanged; 1 label unchanged\n"
        "\n"
        "changed title\n"
        "  Russia and the [-U.S.-]{+US+} are racing to negotiate with Islamists. So far, "
        "they’re neck and neck.\n"
    )
    data = json.loads(run("compare", SEED_ID, str(capture), "--format", "json").stdout)
    assert data["title_diff"][1:3] == [["delete", "U.S."], ["insert", "US"]]
    same = json.loads(run("compare", SEED_ID, SEED_ID, "--format", "json").stdout)
    assert same["title_diff"] is None


def test_a_record_file_can_be_compared_directly(run: Run, texts: Path) -> None:
    result = run("compare", str(texts / f"{SEED_ID}.xml"), CORRECTED)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == EXPECTED_TEXT.splitlines()[1:]


def test_json_keys_are_the_documented_ones(run: Run) -> None:
    """docs/compare.md's two tables list exactly the keys of the object and of a link."""
    import re

    doc = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    contract = doc[doc.index("## JSON output"):doc.index("## HTML output")]
    tables = [
        [k for row in re.findall(r"^\| (`[^|]+`) \|", part, re.M)
         for k in re.findall(r"`(\w+)`", row)]
        for part in contract.split("Each link:")
    ]
    data = json.loads(run("compare", SEED_ID, CORRECTED, "--format", "json").stdout)
    assert sorted(tables[0]) == sorted(data)
    assert sorted(tables[1]) == sorted(data["links"][0])


def test_a_folder_is_named_as_a_folder(run: Run, tmp_path: Path) -> None:
    result = run("compare", SEED_ID, str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {tmp_path}: is a folder; give a capture file or a record file\n"
    )


def test_output_dash_is_stdout_as_in_export(run: Run, tmp_path: Path, monkeypatch:
                                            pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("compare", SEED_ID, CORRECTED, "-o", "-")
    assert (result.exit_code, result.stdout) == (0, EXPECTED_TEXT)
    assert not (tmp_path / "-").exists()


def test_output_to_a_missing_folder_is_one_line_and_writes_nothing(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "no" / "such" / "report.html"
    result = run("compare", SEED_ID, CORRECTED, "--format", "html", "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: -o {out}: cannot write: No such file or directory\n"
    assert not out.parent.exists()


def test_an_inserted_or_deleted_block_has_similarity_0_as_documented(run: Run) -> None:
    """docs/compare.md: 1 − words inserted and deleted ÷ words on both sides (0 when one side
    is empty). An insertion between anchors said 1.0, the similarity of an unchanged block."""
    for old, new in ((SEED_ID, CORRECTED), (CORRECTED, SEED_ID)):
        data = json.loads(run("compare", old, new, "--format", "json").stdout)
        lone = [ln for ln in data["links"] if ln["kind"] in ("inserted", "deleted")]
        assert [(ln["kind"], ln["similarity"]) for ln in lone] == [
            ("inserted" if old == SEED_ID else "deleted", 0.0)
        ]


def test_a_credit_that_moved_into_the_caption_is_a_change(texts: Path) -> None:
    """Caption + credit joined are the same words, so the blocks align as equal; but the photo
    lost its credit line, which a fact-checker must see (and revise must record)."""

    from transcite.compare.comparison import compare_records
    from transcite.core.model import Figure
    from transcite.storage.corpus import Corpus

    seed = Corpus(texts).load(SEED_ID)
    fig = seed.figures[0]
    assert fig.credit is not None
    uncredited = fig._replace(caption=f"{fig.caption} {fig.credit.text}", credit=None)
    blocks = tuple(uncredited if b is fig else b for b in seed.blocks)
    comparison = compare_records(seed, seed._replace(blocks=blocks))
    assert comparison.summary() == (
        "16 paragraphs unchanged; 2 figures unchanged, 1 changed; 1 label unchanged"
    )
    change = next(c for c in comparison.changes if c.old and isinstance(c.old[0], Figure)
                  and c.old[0].id == fig.id)
    assert (change.kind, change.words_changed) == ("changed", True)
    assert [p.op for p in change.fields[1].pieces] == ["delete"]


def test_canonically_equivalent_spellings_are_not_a_change(run: Run, tmp_path: Path) -> None:
    """é as one code point (NFC) or e + combining accent (NFD): the same text."""
    text = (DATA / "kartsev-islamists.txt").read_text(encoding="utf-8")
    composed, decomposed = tmp_path / "nfc.txt", tmp_path / "nfd.txt"
    composed.write_text(text.replace("Russian diplomats", "Russi\u00e9n diplomats"), "utf-8")
    decomposed.write_text(text.replace("Russian diplomats", "Russie\u0301n diplomats"), "utf-8")
    data = json.loads(run("compare", str(composed), str(decomposed), "--format", "json").stdout)
    assert {(ln["kind"], ln["words_changed"]) for ln in data["links"]} == {("equal", False)}
    # the pieces still rebuild each text as recorded
    pieces = next(ln["diff"][0]["pieces"] for ln in data["links"] if ln["old"] == ["p2"])
    assert "".join(t for op, t in pieces if op != "delete").count("e\u0301") == 1
    assert "".join(t for op, t in pieces if op != "insert").count("\u00e9") == 1
