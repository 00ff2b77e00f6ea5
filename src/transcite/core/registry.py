"""What registries of built-in units (styles, export formats) share: finding their modules.

A built-in unit is a module ``<package>/<name>.py`` whose name does not start with ``_``; it is
imported only when first used. Listing them reads the package folder (``os.listdir``) rather
than going through ``pkgutil``, which costs more at start-up than the listing itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable


def builtin_modules(package_path: Iterable[str]) -> list[str]:
    """Module names (``chicago_notes``) of the non-private modules in a package's folders."""
    names: set[str] = set()
    for folder in package_path:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        names.update(e[:-3] for e in entries if e.endswith(".py") and not e.startswith("_"))
    return sorted(names)
