"""Photos: every figure has a caption and a credit, and every credit line is well made.

Credit lines are checked as published (``Credit.text``) for their shape: empty parts,
trailing slashes, mixed slash spacing, a "©" prefix. Their parsed parts (``Credit.parts``) are
checked for placeholders and, in the agency and distributor positions, against the registry
of known agencies (``transcite.credits.agencies``).
"""

from __future__ import annotations

from collections.abc import Iterator

from transcite.core.model import Credit, Figure
from transcite.credits.lines import split_caption_credit
from transcite.validate.checks.base import Finding, Subject, error, info, record_check, warning

_KEEP = "reproduce it corrected, or as published with [sic]"


def _credited(subject: Subject) -> Iterator[tuple[Figure, Credit]]:
    """Every figure with a non-empty credit line."""
    for fig in subject.record.figures:
        if fig.credit is not None and fig.credit.text.strip():
            yield fig, fig.credit


def _raw_parts(line: str) -> list[str]:
    return [part.strip() for part in line.strip().split("/")]


@record_check("missing-caption")
def caption_present(subject: Subject) -> Iterator[Finding]:
    for fig in subject.record.figures:
        if not fig.caption.strip():
            yield error(
                "missing-caption", fig.id,
                f"{fig.id} has no caption: say what the photo shows, as the page does "
                "(figure/head), or re-ingest the capture with --force",
            )


@record_check("missing-credit", "credit-in-caption")
def credit_present(subject: Subject) -> Iterator[Finding]:
    for fig in subject.record.figures:
        if fig.credit is not None and fig.credit.text.strip():
            continue
        _, tail = split_caption_credit(fig.caption)
        if tail:
            yield error(
                "credit-in-caption", fig.id,
                f"{fig.id} has no credit, but its caption ends with one: “{tail}”; move it "
                "out of figure/head into bibl type=\"credit\"",
            )
        else:
            yield error(
                "missing-credit", fig.id,
                f"{fig.id} has no photo credit: every photo needs one; copy the credit line "
                "from the page into bibl type=\"credit\" (Photographer / Agency / …)",
            )


@record_check("credit-unparsed")
def credit_parsed(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        if not credit.parts:
            yield error(
                "credit-unparsed", fig.id,
                f"the credit of {fig.id} “{credit.text}” is not split into parts (no name "
                "elements): re-ingest the capture with --force, or wrap each part in "
                "name role=\"creator|agency|distributor\"",
            )


@record_check("empty-credit-part")
def no_empty_part(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        parts = _raw_parts(credit.text)
        if any(not part for part in parts[:-1]):
            yield error(
                "empty-credit-part", fig.id,
                f"the credit of {fig.id} “{credit.text}” has an empty part between slashes: "
                f"a name was probably lost; check the page and {_KEEP}",
            )


@record_check("trailing-slash")
def no_trailing_slash(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        if credit.text.rstrip().endswith("/"):
            yield error(
                "trailing-slash", fig.id,
                f"the credit of {fig.id} “{credit.text}” ends with a slash: a last part was "
                f"probably cut off; check the page and {_KEEP}",
            )


def _slash_spacing(line: str) -> set[str]:
    """How each inner slash is spaced: "spaced" (a / b), "tight" (a/b) or "lopsided"."""
    text = line.strip()
    kinds = set()
    for at, char in enumerate(text):
        if char != "/" or at in (0, len(text) - 1):
            continue
        before, after = text[at - 1].isspace(), text[at + 1].isspace()
        kinds.add("spaced" if before and after else "tight" if not (before or after) else
                  "lopsided")
    return kinds


@record_check("mixed-slash-spacing")
def slash_spacing_even(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        kinds = _slash_spacing(credit.text)
        if len(kinds) > 1 or "lopsided" in kinds:
            yield warning(
                "mixed-slash-spacing", fig.id,
                f"the credit of {fig.id} “{credit.text}” spaces its slashes unevenly: write "
                "every part separated by “ / ” (space, slash, space)",
            )


@record_check("copyright-sign")
def no_copyright_sign(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        if any(part.startswith(("©", "(c)", "(C)")) for part in _raw_parts(credit.text)):
            yield warning(
                "copyright-sign", fig.id,
                f"the credit of {fig.id} “{credit.text}” has a “©” prefix: a credit line "
                "names who made and supplied the photo, not a copyright notice; drop the "
                "“©” when you reproduce it",
            )


@record_check("placeholder-credit")
def no_placeholder(subject: Subject) -> Iterator[Finding]:
    for fig, credit in _credited(subject):
        for part in credit.parts:
            if subject.registry.is_placeholder(part.name):
                yield warning(
                    "placeholder-credit", fig.id,
                    f"“{part.name}” in the credit of {fig.id} stands in for a name: if the "
                    "page or the agency says who made or handed out the photo, credit them",
                )


@record_check("unknown-agency", "agency-form")
def agencies_known(subject: Subject) -> Iterator[Finding]:
    registry = subject.registry
    for fig, credit in _credited(subject):
        for part in credit.parts:
            name = part.name.strip()
            if part.role == "creator" or not name or registry.is_placeholder(name):
                continue
            match = registry.lookup(name)
            if match is None:
                yield info(
                    "unknown-agency", fig.id,
                    f"“{name}” ({part.role} in the credit of {fig.id}) is not a known agency "
                    "or distributor: check its spelling; if it is right, add it to your "
                    "agencies file (--agencies, docs/validate.md)",
                )
            elif not match.exact:
                yield warning(
                    "agency-form", fig.id,
                    f"“{name}” in the credit of {fig.id} is written “{match.agency.name}” by "
                    f"the {match.agency.kind} itself; {_KEEP}",
                )
