"""Reader for plain-text captures of news pages (copy-paste or "save as text").

Recognition uses general rules about how such captures are shaped, never one article's strings:

- blocks are runs of non-blank lines; one blank line separates paragraphs, two or more mark a
  section break;
- the headline is the first line that is not page furniture; ``Source: X`` names the publisher;
- a credit-shaped line (short slash-separated name parts) is a photo credit, and the line just
  before it in the same block is its caption; right after a caption, a line with a credit
  mark ("© Reuters", "Photo: Name", "Name via Reuters") or a registered agency's bare name is
  its credit too;
- ``Translation by X`` / ``Translated [from the LANG] by X`` / ``Translation: X`` /
  ``Translator: X`` names the translator(s);
  ``By X``, ``Author: X``, or a name-shaped line after the last body paragraph, names the author(s);
- a short line without closing punctuation is a label (section marker, running score);
- furniture (skip links, donation and subscription appeals, "Read more" lines) is dropped and
  reported with the rule that dropped it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transcite.core.errors import DataError
from transcite.core.model import (
    Block,
    Figure,
    Furniture,
    Label,
    Original,
    Paragraph,
    Person,
    Record,
    block_id,
    fold_whitespace,
)
from transcite.credits.lines import credit_after_caption, looks_like_credit, parse_credit
from transcite.ingest.readers import Ingested, IngestOptions, IngestReport, decode_text, register
from transcite.ingest.readers.rules import (
    SOURCE,
    TRANSLATOR,
    byline_names,
    byline_notice,
    furniture_reason,
    is_label_shaped,
    is_name_shaped,
    language_code,
    looks_like_byline,
    split_names,
)
from transcite.ingest.readers.summary import summarise
from transcite.storage.tei_xml import check_xml_text

#: letters of the Latin script (Basic Latin to Latin Extended-B), and every other letter
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")


@dataclass(slots=True)
class _Line:
    text: str
    group: int
    gap_before: int  # blank lines before this line's group (0 inside a group)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    group, blanks, in_group = 0, 0, False
    for raw in text.splitlines():
        line = fold_whitespace(raw)
        if not line:
            blanks += 1
            in_group = False
            continue
        if not in_group:
            group += 1
            in_group = True
            out.append(_Line(line, group, blanks))
        else:
            out.append(_Line(line, group, 0))
        blanks = 0
    return out


class TextReader:
    """Plain-text captures: one paragraph a line (or hard-wrapped), blank lines between."""

    name = "text"
    description = "plain-text capture of an article page"

    def sniff(self, data: bytes) -> bool:
        return True

    def read(self, data: bytes, options: IngestOptions) -> Ingested:
        text = decode_text(data, options.encoding, options.source_name)
        check_xml_text(text, options.source_name)
        return _Recogniser(options).run(_lines(text))


register(TextReader())


class _Recogniser:
    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.report = IngestReport()
        self.title: str | None = None
        self.publisher: str | None = None
        self.authors: list[Person] = []
        self.translators: list[Person] = []
        self.original_language = options.original_language
        self.furniture: list[Furniture] = []

    def run(self, lines: list[_Line]) -> Ingested:
        body_lines = self._metadata(lines)
        blocks = self._blocks(body_lines)
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        source = self.options.source_name
        if not paragraphs:
            raise DataError(f"{source}: no body paragraphs recognised; is this an article capture?")
        if self.title is None:
            raise DataError(f"{source}: no headline found")
        original = None
        if self.original_language or self.translators:
            original = Original(language=self.original_language)
            if not self.original_language:
                self.report.notes.append(
                    "original language unknown: pass --original-language (e.g. ru)"
                )
        record = Record(
            id=self.options.id,
            title=self.title,
            language=self._language(blocks),
            publisher=self.publisher,
            url=self.options.url,
            published=self.options.published,
            accessed=self.options.accessed,
            authors=tuple(self.authors),
            translators=tuple(self.translators),
            original=original,
            blocks=tuple(blocks),
            furniture=tuple(self.furniture),
        )
        summarise(record, self.report)
        return Ingested(record, self.report)

    def _language(self, blocks: list[Block]) -> str | None:
        """``--language``, else English for a capture in Latin script (the captures this
        reader was made for); a capture in another script is left unknown, with a note."""
        if self.options.language:
            return self.options.language
        sample = " ".join(b.text for b in blocks if isinstance(b, Paragraph))[:1500]
        latin = sum(map(len, _LATIN.findall(sample)))
        if latin >= len(_OTHER_LETTER.findall(sample)):
            return "en"
        self.report.notes.append(
            "language unknown: the capture is not in Latin script; pass --language (e.g. ru)"
        )
        return None

    def _drop(self, line: str, reason: str) -> None:
        self.furniture.append(Furniture(line, reason))
        self.report.dropped.append((line, reason))

    def _metadata(self, lines: list[_Line]) -> list[_Line]:
        """Take out furniture, headline, source, translator and byline lines."""
        rest: list[_Line] = []
        for line in lines:
            reason = furniture_reason(line.text)
            if reason:
                self._drop(line.text, reason)
                continue
            if self.title is None:
                self.title = line.text
                continue
            source = SOURCE.match(line.text)
            if source and self.publisher is None:
                self.publisher = source["name"]
                continue
            translator = TRANSLATOR.match(line.text)
            if translator:
                self.translators.extend(split_names(translator["names"]))
                code = language_code(translator["lang"])
                if code and not self.original_language:
                    self.original_language = code
                continue
            byline = byline_names(line.text)
            if byline is not None:
                self.authors.extend(byline)
                continue
            if looks_like_byline(line.text):
                self.report.notes.append(byline_notice(line.text))
            rest.append(line)
        # A name-shaped line after the last sentence-like line is the byline.
        last_prose = max(
            (i for i, ln in enumerate(rest) if not is_label_shaped(ln.text)), default=-1
        )
        kept: list[_Line] = []
        for i, line in enumerate(rest):
            if i > last_prose and is_name_shaped(line.text) and not looks_like_credit(line.text):
                self.authors.extend(split_names(line.text))
            else:
                kept.append(line)
        return kept

    def _blocks(self, lines: list[_Line]) -> list[Block]:
        blocks: list[Block] = []
        section, para_no, fig_no, label_no = 1, 0, 0, 0
        pending: list[str] = []
        seen_body = False

        def flush() -> None:
            nonlocal para_no
            if pending:
                para_no += 1
                ident = block_id("paragraph", para_no)
                blocks.append(Paragraph(ident, para_no, " ".join(pending), section))
                pending.clear()

        taken: set[int] = set()  # credit lines taken with the caption before them
        for i, line in enumerate(lines):
            if line.gap_before:
                flush()
                if line.gap_before >= 2 and seen_body:
                    section += 1
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if i in taken or looks_like_credit(line.text):
                continue  # taken with its caption below, or as a lone credit
            if nxt is not None and nxt.gap_before == 0 and credit_after_caption(nxt.text):
                flush()
                fig_no += 1
                credit = parse_credit(nxt.text)
                blocks.append(Figure(block_id("figure", fig_no), line.text, credit, section))
                taken.add(i + 1)
                seen_body = True
                continue
            if is_label_shaped(line.text):
                flush()
                label_no += 1
                blocks.append(Label(block_id("label", label_no), line.text, section))
                continue
            pending.append(line.text)
            seen_body = True
        flush()
        self._lone_credits(lines, blocks)
        return blocks

    def _lone_credits(self, lines: list[_Line], blocks: list[Block]) -> None:
        captions = {b.credit.text for b in blocks if isinstance(b, Figure) and b.credit}
        for line in lines:
            if looks_like_credit(line.text) and line.text not in captions:
                self.report.notes.append(f"credit line without a caption kept out: {line.text}")
                self._drop(line.text, "credit line without a caption")
