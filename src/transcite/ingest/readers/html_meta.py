"""Metadata of a web page, each value with the origin it was found in.

Sources are offered from the most to the least trustworthy and the first value offered for a
field wins: schema.org JSON-LD (a ``NewsArticle``/``Article`` node, also inside ``@graph``),
then Open Graph and ``article:`` properties, then other head tags (``<meta name>``,
``link rel=canonical``, ``<html lang>``), then what the page shows (the ``h1``, a visible
byline, ``<time>``). Origins are the keys of :data:`transcite.core.model.ORIGINS`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from transcite.core.dates import check_date
from transcite.core.errors import UsageError
from transcite.core.model import Person, fold_whitespace
from transcite.core.urls import join_url, url_problem
from transcite.ingest.readers.rules import split_names

_DATE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:$|[T\s])")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
_ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Report)$")
#: ``<meta name=…>`` keys, by field, in the order they are trusted
_META_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("citation_title", "dc.title", "twitter:title"),
    "authors": ("author", "citation_author", "dc.creator", "byl"),
    "publisher": ("citation_publisher", "dc.publisher", "publisher", "application-name"),
    "published": ("citation_publication_date", "dc.date", "dcterms.created", "date",
                  "pubdate", "publish-date", "article.published"),
    "modified": ("dcterms.modified", "last-modified", "article.updated"),
    "language": ("dc.language", "language"),
}
_OG: dict[str, tuple[str, ...]] = {
    "title": ("og:title",),
    "authors": ("article:author",),
    "publisher": ("og:site_name",),
    "url": ("og:url",),
    "published": ("article:published_time",),
    "modified": ("article:modified_time", "og:updated_time"),
    "language": ("og:locale",),
}
PERSON_FIELDS = ("authors", "translators")


@dataclass(frozen=True, slots=True)
class ImageMeta:
    """What JSON-LD says about one image: its credit line and photographer."""

    credit_text: str | None
    creator: str | None


@dataclass(slots=True)
class Found:
    """Candidate metadata: the first value offered for a field wins, with its origin."""

    base_url: str | None = None
    values: dict[str, tuple[Any, str]] = field(default_factory=dict)
    images: dict[str, ImageMeta] = field(default_factory=dict)
    #: file names of the images the page names as the article's (og:image, JSON-LD image)
    image_files: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def offer(self, name: str, value: Any, origin: str) -> None:
        if not value:
            return
        if name not in self.values:
            self.values[name] = (value, origin)
        elif name in PERSON_FIELDS and origin == "byline" and value != self.values[name][0]:
            kept, where = self.values[name]
            self.notes.append(
                f"the visible byline names {_names(value)} as {name}; kept {_names(kept)} "
                f"from {where}"
            )

    def text(self, name: str) -> str | None:
        value = self.values.get(name, (None, ""))[0]
        return value if isinstance(value, str) else None

    def persons(self, name: str) -> tuple[Person, ...]:
        value = self.values.get(name, ((), ""))[0]
        return value if isinstance(value, tuple) else ()

    def origin(self, name: str) -> str | None:
        return self.values[name][1] if name in self.values else None


def _names(persons: tuple[Person, ...]) -> str:
    return ", ".join(p.full_name for p in persons)


def page_date(value: Any) -> str | None:
    """``2019-02-13T10:00:00+03:00`` -> ``2019-02-13``; ``None`` for anything not a date."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    if match.group(1) < "1000":  # "0001-01-01": a placeholder some sites fill in
        return None
    try:
        return check_date(match.group(1), "date")
    except UsageError:
        return None


def language_tag(value: Any) -> str | None:
    """``en_US`` -> ``en-US``; ``None`` for a value that is not a language tag."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-")
    return tag if _LANG.match(tag) else None


def image_file(url: str) -> str:
    """The file name of an image URL, without query or fragment: ``…/a/photo.jpg?w=1`` ->
    ``photo.jpg`` (the same image is served from several hosts and sizes)."""
    return url.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1].lower()


def clean_url(value: Any, base: str | None) -> str | None:
    """An absolute http(s) URL (relative ones resolved against ``base``), or ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    url = join_url(base, value.strip())
    if url is None:
        return None
    url = url.replace(" ", "%20")
    return None if url_problem(url) else url


#: "By X", "Analysis by X" in an author field: the word is not part of the name
_BY = re.compile(r"^(?:[A-Z][a-z]+ )?by\s+", re.I)
#: author values that are page navigation or a site's account, never a person
_NOT_A_PERSON = re.compile(
    r"^(?:admin(?:istrator)?|editor|webmaster|previous( post)?|next( post)?|home|menu|"
    r"vorheriger eintrag|n[aä]chster eintrag|alle nachrichten|datenschutz|impressum|"
    r"read more|more|share|comments?|login|sign in|subscribe)$",
    re.I,
)


#: a newsroom's collective byline: "Jerusalem Post Staff", "Staff Reports", "News Bureau"
_GROUP_BYLINE = re.compile(
    r"(?:^|\s)(?:staff|staff reports?|bureau|desk|newsroom|editorial staff|editors)$"
    r"|^staff reports?$",
    re.I,
)
#: "Amy Example | NJ Advance Media": the name, then the outlet it writes for
_OUTLET = re.compile(r"\s+[|–—]\s+.*$")


def persons_from_names(names: list[str]) -> tuple[Person, ...]:
    """Persons from author values, without "By", navigation labels or duplicates; a
    newsroom's collective byline ("HNN Staff") is one organisation, never split or
    inverted."""
    out: list[Person] = []
    for name in names:
        name = _BY.sub("", fold_whitespace(html.unescape(name)))
        name = _OUTLET.sub("", name)
        if _GROUP_BYLINE.search(name):
            out.append(Person("", name, organisation=True))
            continue
        out.extend(split_names(name))
    seen: set[str] = set()
    persons: list[Person] = []
    for person in out:
        key = person.full_name.casefold()
        if person.family and key not in seen and not _NOT_A_PERSON.match(person.full_name):
            seen.add(key)
            persons.append(person)
    return tuple(persons)


def not_site_names(
    persons: tuple[Person, ...], sites: list[str | None]
) -> tuple[Person, ...]:
    """Leave out "authors" that are the site's or publisher's name (``admin`` pages)."""
    names = {fold_whitespace(s).casefold() for s in sites if s}
    squeezed = {n.replace(" ", "").replace("-", "") for n in names}
    return tuple(
        p for p in persons
        if p.full_name.casefold() not in names
        and p.full_name.casefold().replace(" ", "").replace("-", "") not in squeezed
    )


# ------------------------------------------------------------------------------- JSON-LD


def read_json_ld(root: etree._Element, found: Found) -> None:
    """Offer the values of the first article node in the page's JSON-LD blocks."""
    nodes: list[dict[str, Any]] = []
    for n, script in enumerate(root.iter("script"), 1):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            found.notes.append(f"JSON-LD block {n} is not valid JSON; ignored")
            continue
        if _too_deep(data):
            found.notes.append(
                f"JSON-LD block {n} is nested more than {_MAX_LD_DEPTH} levels deep; ignored"
            )
            continue
        nodes.extend(_flatten(data))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if _is_article(node)), None)
    if article is None:
        return
    _offer_article(article, by_id, found)


#: real JSON-LD is a few levels deep; the walks below recurse, so deeper blocks are ignored
_MAX_LD_DEPTH = 32


def _too_deep(data: Any) -> bool:
    """Whether JSON data nests lists and objects more than :data:`_MAX_LD_DEPTH` deep
    (found without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            if depth > _MAX_LD_DEPTH:
                return True
            stack.extend((item, depth + 1) for item in value)
    return False


def _flatten(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [node for item in data for node in _flatten(item)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    return [data, *_flatten(graph)] if graph is not None else [data]


def _is_article(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in types)


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
        return by_id[value["@id"]]
    return value


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names in a schema.org person/organization value: a string, an object or a list."""
    value = _resolve(value, by_id)
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item, by_id)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]]
    return []


_ORGANISATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})


def _ld_people(value: Any, by_id: dict[str, dict[str, Any]]) -> tuple[Person, ...]:
    """The people of a schema.org author/translator value; an ``Organization`` is one
    organisation (``Person(organisation=True)``: never split into names, never inverted)."""
    value = _resolve(value, by_id)
    if isinstance(value, list):
        return tuple(p for item in value for p in _ld_people(item, by_id))
    if isinstance(value, dict):
        kinds = value.get("@type")
        kinds = {kinds} if isinstance(kinds, str) else set(kinds or ())
        name = value.get("name")
        if kinds & _ORGANISATION_TYPES and isinstance(name, str) and name.strip():
            return (Person("", fold_whitespace(name), organisation=True),)
    return persons_from_names(_ld_names(value, by_id))


def _offer_article(node: dict[str, Any], by_id: dict[str, dict[str, Any]], found: Found) -> None:
    ld = "json-ld"
    if found.base_url is None:  # a saved file: relative URLs are relative to the article's
        found.base_url = clean_url(node.get("url"), None)
    headline = node.get("headline") or node.get("name")
    if isinstance(headline, str):  # JSON-LD often carries HTML entities (&#8217; &nbsp;)
        found.offer("title", fold_whitespace(html.unescape(headline)), ld)
    found.offer("authors", _ld_people(node.get("author"), by_id), ld)
    found.offer("translators", _ld_people(node.get("translator"), by_id), ld)
    publisher = _ld_names(node.get("publisher"), by_id)
    if publisher:
        found.offer("publisher", fold_whitespace(publisher[0]), ld)
    found.offer("url", clean_url(node.get("url"), found.base_url), ld)
    found.offer("published", page_date(node.get("datePublished")), ld)
    found.offer("modified", page_date(node.get("dateModified")), ld)
    found.offer("language", language_tag(node.get("inLanguage")), ld)
    original = _resolve(node.get("translationOfWork"), by_id)
    if isinstance(original, list) and original:
        original = _resolve(original[0], by_id)
    if isinstance(original, str):
        found.offer("original.url", clean_url(original, found.base_url), ld)
    elif isinstance(original, dict):
        title = original.get("headline") or original.get("name")
        if isinstance(title, str):
            found.offer("original.title", fold_whitespace(title), ld)
        found.offer("original.language", language_tag(original.get("inLanguage")), ld)
        found.offer("original.url", clean_url(original.get("url"), found.base_url), ld)
        found.offer("original.published", page_date(original.get("datePublished")), ld)
    _images(node.get("image"), by_id, found)


def _images(value: Any, by_id: dict[str, dict[str, Any]], found: Found) -> None:
    value = _resolve(value, by_id)
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = _resolve(item, by_id)
        if not isinstance(item, dict):
            continue
        url = clean_url(item.get("contentUrl") or item.get("url"), found.base_url)
        if url:
            found.image_files.add(image_file(url))
        credit = item.get("creditText")
        creators = _ld_names(item.get("creator"), by_id)
        if url and (isinstance(credit, str) or creators):
            found.images.setdefault(url, ImageMeta(
                fold_whitespace(credit) if isinstance(credit, str) and credit.strip() else None,
                fold_whitespace(creators[0]) if creators else None,
            ))


# ------------------------------------------------------------------------- head elements


def _meta_map(root: etree._Element) -> dict[str, str]:
    """``<meta property|name=K content=V>`` as ``{k: v}``; the first of each key is kept."""
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip():
            out.setdefault(key, fold_whitespace(content))
    return out


def read_head(root: etree._Element, found: Found) -> None:
    """Offer Open Graph values, then other ``<meta>`` tags, canonical link and ``html lang``."""
    metas = _meta_map(root)
    for origin, table in (("og", _OG), ("meta", _META_NAMES)):
        for name, keys in table.items():
            for key in keys:
                if key in metas:
                    found.offer(name, _convert(name, metas[key], found.base_url), origin)
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found.offer("url", clean_url(link.get("href"), found.base_url), "meta")
    for key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image"):
        if key in metas:
            found.image_files.add(image_file(metas[key]))
    found.offer("language", language_tag(root.get("lang")), "meta")


def _convert(name: str, value: str, base: str | None) -> Any:
    if name == "authors":
        # article:author is often a profile URL, not a name
        return () if value.startswith(("http://", "https://")) else persons_from_names([value])
    if name in ("published", "modified"):
        return page_date(value)
    if name == "language":
        return language_tag(value)
    if name == "url":
        return clean_url(value, base)
    return value


def head_title(root: etree._Element) -> str | None:
    """The text of ``<title>`` (often with the site's name appended)."""
    title = root.find(".//title")
    if title is None:
        return None
    return fold_whitespace("".join(str(t) for t in title.itertext())) or None
