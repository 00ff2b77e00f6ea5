"""Language codes (BCP 47 primary subtags, as records store them) and their English names.

Exports need names: BibLaTeX's ``langid``/``origlanguage`` take babel-style names
(``russian``), notes say "Translated from the Russian". Only languages a news translation is
likely to come from are listed; an unlisted code is passed on as it is.
"""

from __future__ import annotations

import re

from transcite.core.errors import UsageError

#: code -> English name
NAMES: dict[str, str] = {
    "ar": "Arabic", "be": "Belarusian", "cs": "Czech", "de": "German", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hy": "Armenian", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian",
    "zh": "Chinese",
}


def primary(code: str | None) -> str | None:
    """``en-GB`` -> ``en``; ``None`` stays ``None``."""
    return code.split("-")[0].lower() if code else None


def english_name(code: str | None) -> str | None:
    """``ru`` -> ``Russian``; an unlisted code is returned as it is; ``None`` for unknown."""
    key = primary(code)
    if key is None:
        return None
    return NAMES.get(key, code)


#: a BCP 47 tag as xsd:language accepts it: "ru", "en-GB", "zh-Hant"
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def check_language(value: str, what: str) -> str:
    """Accept a language code such as ``ru`` or ``en-GB``; refuse anything else in one line."""
    if _LANGUAGE.match(value):
        return value
    raise UsageError(f"{what}: {value!r} is not a language code; use one such as ru, uk or en-GB")
