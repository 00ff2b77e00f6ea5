"""The checks every citation style gets, run in the style's own test file (issue 10).

A style's rules are owned by one test file, ``tests/cite/styles/test_<style>.py`` (``-`` in
the name becomes ``_``), so that a changed rule fails there and in no other file. The file
subclasses :class:`StyleRules` once, naming the style (``STYLE = "apa"``), and adds the cases
written from the style's manual. :class:`StyleRules` brings the checks every style has:

- the oracle: each variant (``tests/variants.py``) and pinpoint rendered by citeproc-js with
  the official CSL style (``tests/oracle/``), character for character and in its italics,
  except where ``tests/oracle/deviations.toml`` lists a deviation (which must still differ);
- the same cases against the official CSL file rendered by ``--csl`` (pandoc; slow);
- the citation goldens ``tests/golden/cite/{variant}_{style}.{txt,html,md,tex}``: every form
  and pinpoint of every variant in every output format, with the notices printed beside it;
- the quote goldens ``tests/golden/quote/<case>.<style>.<ext>``: how ``transcite quote`` sets
  each case in every format (the quote rules are the style's), with the citation, the
  reference entry and the LaTeX postnote as ``⟦citation⟧``, ``⟦reference⟧`` and
  ``⟦locator⟧`` (``citing.py``), checked by the citation goldens and the oracle;
- the rules every style follows (``cite/styles/__init__.py``): an untranslated text has no
  translator phrase, and a translation that names no translator says so.

The mixins add checks that take their cases from the style's file: :class:`ManualCases`
(``EXPECTED``: the citation each variant gets by the manual's rule, written from the rule,
never from transcite's output) and :class:`ManualNotices` (``NOTICES``: words a notice must
hold).

Regenerate the goldens on purpose with ``TRANSCITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest
-q tests/cite tests/quote`` (tests/README.md).
"""

from __future__ import annotations

import ast
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

import pytest
from click.testing import Result
from lxml import html

from transcite.cite.citation import cite_ref, render_citation
from transcite.cite.styles import get_style
from transcite.core.model import Person, Record

from citing import QUOTE_CASES, style_parts, with_placeholders
from golden_files import check_golden
from variants import ORACLE_PENDING, PINPOINTS, variants

TESTS = Path(__file__).resolve().parent
ORACLE = TESTS / "oracle"
VARIANTS = variants()
#: the variants citeproc-js has rendered (``variants.ORACLE_PENDING``)
ORACLE_VARIANTS = {n: r for n, r in VARIANTS.items() if n not in ORACLE_PENDING}
TEXT = json.loads((ORACLE / "citeproc-js.json").read_text(encoding="utf-8"))
HTML = json.loads((ORACLE / "citeproc-js.html.json").read_text(encoding="utf-8"))
DEVIATIONS = tomllib.loads((ORACLE / "deviations.toml").read_text(encoding="utf-8"))["deviation"]

#: the citation goldens' output formats and file extensions
CITE_EXTENSIONS = {"text": "txt", "html": "html", "markdown": "md", "latex": "tex"}
#: the quote goldens' output formats and file extensions
QUOTE_EXTENSIONS = {
    "text": "txt", "markdown": "md", "html": "html", "latex": "tex", "json": "json",
    "annotation": "jsonld",
}

Case = tuple[str, str, str]  # kind ("reference" or "citation"), variant, pinpoint


def oracle_cases() -> list[Case]:
    """A style's oracle cases: each variant's reference entry and its citation at each
    pinpoint."""
    cases: list[Case] = []
    for variant in ORACLE_VARIANTS:
        cases.append(("reference", variant, ""))
        cases += [("citation", variant, pin) for pin in PINPOINTS]
    return cases


def case_id(case: Case) -> str:
    return "-".join(p for p in case if p)


def deviation(style: str, case: Case, aspect: str) -> str | None:
    """The id of the deviation that covers ``case`` of ``style`` for ``aspect`` (``text`` or
    ``italics``), or ``None``."""
    kind, variant, pin = case
    for dev in DEVIATIONS:
        if (dev["style"], dev["kind"], dev.get("aspect", "text")) != (style, kind, aspect):
            continue
        if variant in dev.get("variants", VARIANTS) and pin in dev.get("pinpoints", PINPOINTS):
            return str(dev["id"])
    return None


def citation_form(style: str) -> str:
    """The form the oracle's "citation" is for a style: in-text, or the first note."""
    return "in-text" if "in-text" in get_style(style).forms else "note"


def cited_case(style: str, case: Case, fmt: str) -> str:
    kind, variant, pin = case
    record = VARIANTS[variant]
    form = "reference" if kind == "reference" else citation_form(style)
    ref = f"{record.id}#{pin}" if pin else record.id
    return cite_ref(record, ref, style, form).render(fmt)


def oracle(style: str, case: Case, data: dict[str, dict[str, dict[str, str]]]) -> str:
    kind, variant, pin = case
    if kind == "reference":
        return data[style]["bibliography"][variant]
    return data[style]["citations"][f"{variant}#{pin}" if pin else variant]


def italics(fragment: str) -> list[str]:
    root = html.fragment_fromstring(fragment, create_parent="div")
    return [i.text_content() for i in root.iter("i")]


def render_all(variant: str, style: str, fmt: str) -> str:
    """A citation golden: every form and pinpoint of a variant with its notices."""
    record = VARIANTS[variant]
    blocks: list[str] = []
    for form in get_style(style).forms:
        for pin in PINPOINTS if form != "reference" else ("",):
            citation = cite_ref(record, f"{record.id}#{pin}" if pin else record.id, style, form)
            head = f"== {form}" + (f" #{pin}" if pin else "")
            notes = [f"note: {n}" for n in citation.notices]
            blocks.append("\n".join([head, citation.render(fmt), *notes]))
    return "\n\n".join(blocks) + "\n"


def cite(record: Record, style: str, form: str = "reference", fmt: str = "text") -> str:
    """A record's citation as a style's manual cases read it."""
    return render_citation(record, style, form).render(fmt)


def dated(**changes: object) -> Record:
    """The seed record with a known date (12 February 2019) and the given changes."""
    return VARIANTS["seed"]._replace(**{"published": "2019-02-12", **changes})  # type: ignore[arg-type]


#: the forms that print the whole work with its translator (the others only point to it)
LONG_FORMS = ("reference", "note")

F = TypeVar("F", bound=Callable[..., None])


def rows_of(attribute: str, names: str) -> Callable[[F], F]:
    """Parametrize a test method (``names``, comma-separated) by the rows of the style file's
    table ``attribute`` (a dict's keys, or a list's rows): its cases stay in its file."""
    def mark(function: F) -> F:
        function.rows_of = (attribute, names)  # type: ignore[attr-defined]
        return function
    return mark


class StyleRules:
    """The checks of one style; subclassed in ``tests/cite/styles/test_<style>.py``."""

    STYLE: ClassVar[str]
    #: the forms :class:`ChicagoScripts` checks
    SCRIPT_FORMS: ClassVar[tuple[str, ...]] = ()

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Cases that depend on the style: its long forms, and the manual's cases of its
        file (:class:`ManualCases`, :class:`ManualNotices`)."""
        if "long_form" in metafunc.fixturenames:
            forms = [f for f in get_style(self.STYLE).forms if f in LONG_FORMS]
            metafunc.parametrize("long_form", forms)
        if "script_form" in metafunc.fixturenames:
            metafunc.parametrize("script_form", self.SCRIPT_FORMS)
        if "transcript" in metafunc.fixturenames:
            from readme_transcripts import style_of, transcripts

            mine = [t for t in transcripts() if style_of(t[0]) == self.STYLE]
            metafunc.parametrize("transcript", mine, ids=lambda t: t[0][:40])
        table = getattr(metafunc.function, "rows_of", None)
        if table is not None:
            attribute, names = table
            metafunc.parametrize(names, sorted(getattr(self, attribute)))

    # --- the oracle: citeproc-js with the official CSL style --------------------------------

    @pytest.mark.parametrize("case", oracle_cases(), ids=case_id)
    def test_plain_text_matches_the_official_style_or_a_documented_deviation(
        self, case: Case
    ) -> None:
        expected = oracle(self.STYLE, case, TEXT)
        ours = cited_case(self.STYLE, case, "text")
        dev = deviation(self.STYLE, case, "text")
        if dev is not None:
            assert ours != expected, f"stale deviation {dev}"
        else:
            assert ours == expected

    @pytest.mark.parametrize("case", oracle_cases(), ids=case_id)
    def test_italics_match_the_official_style_or_a_documented_deviation(
        self, case: Case
    ) -> None:
        expected = italics(oracle(self.STYLE, case, HTML))
        ours = italics(cited_case(self.STYLE, case, "html"))
        dev = deviation(self.STYLE, case, "italics")
        if dev is not None:
            assert ours != expected, f"stale {dev}"
        else:
            assert ours == expected

    @pytest.mark.slow
    def test_every_difference_from_the_csl_file_is_a_documented_deviation(self) -> None:
        """``--csl`` with the style's official CSL file (pandoc) gives the style's text
        everywhere but in a documented deviation, or a listed difference between pandoc and
        citeproc-js on the file itself (``tests/oracle/csl/engine-differences.toml``)."""
        from csl_oracle import differences, rendered

        builtin = get_style(self.STYLE)
        assert builtin.csl is not None
        csl, locale = builtin.csl
        lang = None if locale == "en-US" else locale
        form = "note" if "note" in builtin.forms else "in-text"
        theirs = rendered(csl, "text", lang)
        engine = differences(csl) if lang is None else {}
        wrong, documented = [], 0
        for variant, record in VARIANTS.items():
            for kind, pins in (("reference", ("",)), ("citation", PINPOINTS)):
                for pin in pins:
                    case = f"bibliography:{variant}" if kind == "reference" else (
                        f"{variant}#{pin}" if pin else variant)
                    ours = cite_ref(
                        record, f"{record.id}#{pin}" if pin else record.id, self.STYLE,
                        "reference" if kind == "reference" else form,
                    ).render("text")
                    dev = deviation(self.STYLE, (kind, variant, pin), "text")
                    if case in engine:
                        continue  # pandoc and citeproc-js differ on the file itself
                    if dev is not None:
                        documented += 1
                        if ours == theirs[case]:
                            wrong.append(f"{case}: deviation {dev} listed, but --csl agrees")
                    elif ours != theirs[case]:
                        wrong.append(f"{case}: undocumented difference\n  --style: {ours}\n"
                                     f"  --csl:   {theirs[case]}")
        assert not wrong, f"{self.STYLE} vs {csl}:\n" + "\n".join(wrong)

    # --- the goldens ------------------------------------------------------------------------

    @pytest.mark.parametrize("fmt", sorted(CITE_EXTENSIONS))
    @pytest.mark.parametrize("variant", sorted(VARIANTS))
    def test_citations_match_the_golden_file(self, variant: str, fmt: str) -> None:
        check_golden(
            f"cite/{variant}_{self.STYLE}.{CITE_EXTENSIONS[fmt]}",
            render_all(variant, self.STYLE, fmt),
        )

    @pytest.mark.parametrize("fmt", list(QUOTE_EXTENSIONS))
    @pytest.mark.parametrize("case", sorted(QUOTE_CASES))
    def test_quotation_matches_the_golden_file(
        self, run: Callable[..., Result], case: str, fmt: str
    ) -> None:
        ref = f"kartsev-islamists#{QUOTE_CASES[case]}"
        result = run("quote", ref, "--style", self.STYLE, "--format", fmt, "--with-reference")
        assert result.exit_code == 0, result.stderr
        assert "Kohen" in result.stdout  # the translator is named
        golden = with_placeholders(result.stdout, style_parts(ref, self.STYLE, fmt), fmt)
        check_golden(f"quote/{case}.{self.STYLE}.{QUOTE_EXTENSIONS[fmt]}", golden)

    # --- rules every style follows ----------------------------------------------------------

    def test_an_untranslated_text_has_no_translator_phrase(self, long_form: str) -> None:
        record = VARIANTS["dated"]._replace(translators=(), original=None, language="en")
        text = cite(record, self.STYLE, long_form)
        assert "Trans" not in text and "trans." not in text, text

    def test_a_translation_with_no_translator_named_says_so(self, long_form: str) -> None:
        # nothing is invented, but a translation cited without its translator is not silent
        record = VARIANTS["dated"]._replace(translators=())
        citation = render_citation(record, self.STYLE, long_form)
        assert "Trans" not in citation.render() and "trans." not in citation.render()
        assert citation.notices[-1] == (
            "the record is a translation (from Russian) but names no translator, so none is "
            "credited; add the translator to the record if the source names one"
        )
        short = "short-note" if "short-note" in get_style(self.STYLE).forms else "in-text"
        assert render_citation(record, self.STYLE, short).notices == ()

    def test_a_non_english_title_keeps_its_own_capitalisation_after_a_colon(self) -> None:
        record = dated(title="Переговоры: кто быстрее", language="ru")
        assert "Переговоры: кто быстрее" in cite(record, self.STYLE)


class ManualCases:
    """``EXPECTED``: (variant, form) -> the plain-text citation the style's manual gives."""

    STYLE: ClassVar[str]
    EXPECTED: ClassVar[dict[tuple[str, str], str]]

    @rows_of("EXPECTED", "variant,form")
    def test_citation_follows_the_manual(self, variant: str, form: str) -> None:
        citation = render_citation(VARIANTS[variant], self.STYLE, form)
        assert citation.render() == self.EXPECTED[variant, form]


class ManualNotices:
    """``NOTICES``: (variant, form) -> words a notice must hold (the manual's rule it
    reports)."""

    STYLE: ClassVar[str]
    NOTICES: ClassVar[dict[tuple[str, str], str]]

    @rows_of("NOTICES", "variant,form")
    def test_citation_says_what_it_could_not_do(self, variant: str, form: str) -> None:
        notices = render_citation(VARIANTS[variant], self.STYLE, form).notices
        assert any(self.NOTICES[variant, form] in n for n in notices), notices


class TranslatorSuffix:
    """A translator whose name ends in a period ("Jr.") gets no second one after it."""

    STYLE: ClassVar[str]

    def test_a_translator_whose_name_ends_in_a_period_gets_no_second_one(self) -> None:
        record = dated(translators=(Person("John", "Smith Jr."),), accessed="2024-03-05")
        text = cite(record, self.STYLE)
        assert "Smith Jr.. " not in text and "Smith Jr. " in text


def latex_citation(variant: str, style: str, form: str, pin: str, fmt: str = "latex") -> str:
    record = VARIANTS[variant]
    return cite_ref(record, f"{record.id}#{pin}" if pin else record.id, style, form).render(fmt)


class LatexSpaces:
    """The LaTeX backend's spaces in the style's citations (``render/backends.py``
    ``sentence_spacing``; tests/render/test_latex_spacing.py has the rule itself).

    ``LATEX_SPACES``: (variant, form, pinpoint, words) — an abbreviation's period inside the
    sentence is followed by ``\\ `` (a normal space, where TeX would set a sentence's wider
    one) and a locator's no-break space is ``~``; the other formats print a plain space."""

    STYLE: ClassVar[str]
    LATEX_SPACES: ClassVar[list[tuple[str, str, str, str]]]

    @rows_of("LATEX_SPACES", "variant,form,pin,expected")
    def test_an_abbreviations_period_is_followed_by_a_normal_space_in_latex(
        self, variant: str, form: str, pin: str, expected: str
    ) -> None:
        out = latex_citation(variant, self.STYLE, form, pin)
        assert expected in out, out
        # the other formats print the plain space
        text = expected.replace(".\\ ", ". ").replace("~", " ")
        assert text in latex_citation(variant, self.STYLE, form, pin, "text")


class LatexSentenceEnds:
    """``LATEX_SENTENCE_ENDS``: (variant, form, words) — a period that ends an element of the
    citation stays as TeX sets it (no ``\\ ``)."""

    STYLE: ClassVar[str]
    LATEX_SENTENCE_ENDS: ClassVar[list[tuple[str, str, str]]]

    @rows_of("LATEX_SENTENCE_ENDS", "variant,form,expected")
    def test_a_sentence_end_stays_a_sentence_end_in_latex(
        self, variant: str, form: str, expected: str
    ) -> None:
        assert expected in latex_citation(variant, self.STYLE, form, "")


class ReadmeTranscripts:
    """README.md's transcripts that name the style (``--style NAME``), replayed
    (``readme_transcripts.py``)."""

    STYLE: ClassVar[str]

    def test_readme_transcript(
        self, transcript: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from readme_transcripts import replay

        replay(*transcript, tmp_path, monkeypatch)


STYLE_FILES = TESTS / "cite" / "styles"


def declared(path: Path) -> tuple[str | None, list[str]]:
    """The ``STYLE = "…"`` a style's test file declares at its top level, and the bases of
    its classes (read from its source)."""
    style, bases = None, []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = [getattr(t, "id", None) for t in getattr(node, "targets", ())]
        if isinstance(node, ast.Assign) and targets == ["STYLE"]:
            assert isinstance(node.value, ast.Constant)
            style = str(node.value.value)
        if isinstance(node, ast.ClassDef):
            bases += [getattr(b, "id", "") for b in node.bases]
    return style, bases


def script_notices(record: Record, style: str, form: str) -> list[str]:
    """The notices of CMOS 17 14.98 (a title in another script) for a Chicago style."""
    return [n for n in render_citation(record, style, form).notices if "14.98" in n]


class ChicagoScripts:
    """CMOS 17 14.98, a title in another script, in each form of ``SCRIPT_FORMS``."""

    STYLE: ClassVar[str]
    SCRIPT_FORMS: ClassVar[tuple[str, ...]]

    def test_no_script_notice_when_the_record_has_the_transliteration(
        self, script_form: str
    ) -> None:
        """CMOS 17 14.98 is met: the title (``russian-title``) and the original's title
        (``original-untimed``) are printed in Latin letters, and a Latin-script title needs
        none."""
        for name in ("russian-title", "original-untimed", "dated"):
            assert script_notices(VARIANTS[name], self.STYLE, script_form) == [], name

    @pytest.mark.parametrize("title", [
        "Η Ρωσία και οι ΗΠΑ διαπραγματεύονται με τους ισλαμιστές",  # Greek
        "روسيا والولايات المتحدة تتسابقان",  # Arabic
        "Росія і США наввипередки ведуть переговори",  # Ukrainian Cyrillic
    ])
    def test_any_other_script_without_transliteration_gets_the_notice(
        self, title: str, script_form: str
    ) -> None:
        bare = VARIANTS["russian-title-bare"]._replace(title=title, language=None)
        assert len(script_notices(bare, self.STYLE, script_form)) == 1
        romanised = bare._replace(title_transliteration="Romanised title")
        assert script_notices(romanised, self.STYLE, script_form) == []
