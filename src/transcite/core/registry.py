"""One registry for every kind of extension: citation styles, export formats, readers of
captures, output backends and the checks of ``validate``.

A :class:`Registry` finds a unit by name in three places, in this order, each looked at only
when the one before does not have it, so that start-up pays for none of them:

1. units already registered (``registry.register(name, unit)``, or a decorator built on it);
2. built-in modules, imported on first use: the modules of a package folder whose names do
   not start with ``_`` (``cite/styles/chicago_notes.py`` is the style ``chicago-notes``), or
   an explicit tuple of module names; a module registers its units when imported;
3. third-party units, through the Python entry points of the registry's group
   (``transcite.styles``, ``transcite.exports``, ``transcite.readers``,
   ``transcite.backends``, ``transcite.checks``): a package declares, in its own
   ``pyproject.toml``::

       [project.entry-points."transcite.styles"]
       my-style = "my_package.styles:MyStyle"

   and the object the entry point names is registered under its name (a class is
   instantiated first). Entry points are read with :mod:`importlib.metadata` only when a name
   is not found otherwise, or when every unit is asked for (:meth:`Registry.all`).

Listing built-in modules reads the package folder (``os.listdir``) rather than going through
``pkgutil``, which costs more at start-up than the listing itself.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any, Generic, TypeVar

from transcite.core.errors import UsageError

T = TypeVar("T")


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


class Registry(Generic[T]):
    """Units of one kind by name; see the module docstring for where they come from.

    ``kind`` names the kind in errors ("unknown style 'x'; choose one of: …"); ``package`` is
    the package holding the built-in modules; ``modules`` lists them (``None``: every public
    module of the folders ``path``, found by :func:`builtin_modules`), each holding the unit of
    its name (``chicago_notes``: ``chicago-notes``), or maps unit names to the module that
    registers them; ``group`` is the entry point group of third-party units; ``adapt`` turns
    what an entry point loads into a unit.
    """

    def __init__(
        self,
        kind: str,
        package: str,
        group: str,
        *,
        modules: Sequence[str] | Mapping[str, str] | None = None,
        path: Sequence[str] | None = None,
        adapt: Callable[[Any], T] | None = None,
    ) -> None:
        self.kind = kind
        self.package = package
        self.group = group
        self._modules: dict[str, str] | None = None
        if isinstance(modules, Mapping):
            self._modules = dict(modules)
        elif modules is not None:
            self._modules = {m.replace("_", "-"): m for m in modules}
        self._path = path
        self._adapt = adapt
        self._units: dict[str, T] = {}
        self._loaded: set[str] = set()
        self._plugins_loaded = False

    # --------------------------------------------------------------------- registering

    def register(self, name: str, unit: T) -> T:
        """Add a unit (a later registration under the same name replaces the earlier one)."""
        self._units[name] = unit
        return unit

    # --------------------------------------------------------------------- built-ins

    def _builtin_modules(self) -> dict[str, str]:
        """Built-in unit name -> the module (in ``package``) that registers it."""
        if self._modules is None:
            found = builtin_modules(self._path or ())
            self._modules = {m.replace("_", "-"): m for m in found}
        return self._modules

    def builtin_names(self) -> list[str]:
        """The names of the built-in units (``-`` for ``_`` in module names), none imported."""
        return list(self._builtin_modules())

    def _import(self, module: str) -> None:
        if module not in self._loaded:
            self._loaded.add(module)
            importlib.import_module(f"{self.package}.{module}")

    def load_builtins(self) -> None:
        """Import every built-in module (each registers its units)."""
        for module in dict.fromkeys(self._builtin_modules().values()):
            self._import(module)

    # --------------------------------------------------------------------- entry points

    def _entry_points(self) -> list[Any]:
        from importlib.metadata import entry_points

        return list(entry_points(group=self.group))

    def load_plugins(self) -> None:
        """Register every third-party unit of the entry point group (once)."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for point in self._entry_points():
            if point.name not in self._units:
                self._add_plugin(point.name, point.load())

    def _add_plugin(self, name: str, loaded: Any) -> None:
        if name in self._units or isinstance(loaded, ModuleType):
            return  # a module registers its units itself when imported
        if self._adapt is not None:
            loaded = self._adapt(loaded)
        elif isinstance(loaded, type):
            loaded = loaded()
        self._units[name] = loaded

    # --------------------------------------------------------------------- looking up

    def names(self, *, plugins: bool = False) -> list[str]:
        """Registered and built-in names (and, with ``plugins``, the entry points' names)."""
        found = set(self._units) | set(self.builtin_names())
        if plugins:
            found |= {point.name for point in self._entry_points()}
        return sorted(found)

    def get(self, name: str) -> T:
        """The unit ``name``: registered, else built in (imported now), else an entry point."""
        unit = self._units.get(name)
        if unit is not None:
            return unit
        module = self._builtin_modules().get(name)
        if module is not None:
            self._import(module)
            unit = self._units.get(name)
        if unit is None:
            for point in self._entry_points():
                if point.name == name:
                    self._add_plugin(name, point.load())
                    unit = self._units.get(name)
                    break
        if unit is None:
            raise UsageError(
                f"unknown {self.kind} {name!r}; choose one of: "
                f"{', '.join(self.names(plugins=True))}"
            )
        return unit

    def all(self) -> list[T]:
        """Every unit, built-in and third-party, in the order registered."""
        self.load_builtins()
        self.load_plugins()
        return list(self._units.values())
