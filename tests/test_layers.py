"""The direction of imports in ``src/transcite`` (docs/architecture.md): each package imports
only packages of its own layer or below, and no module takes part in an import cycle.

Every ``import`` counts, wherever it is written (at the top, inside a function, under
``TYPE_CHECKING``): a lazy import is still a dependency. Imports by name at run time
(``importlib.import_module`` of a registered unit) are how registries load their units and are
not dependencies of the registry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: bottom to top; packages in one layer may import each other (without cycles)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("transcite",),  # the root package: __version__ only
    ("core",),
    ("storage",),
    ("render",),
    ("credits",),
    ("ingest", "cite"),
    ("validate", "quote", "compare", "exports"),
    ("api",),
    ("serve",),  # the web app: a second front end over the library, started by `transcite serve`
    ("cli",),
)
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted((SRC / "transcite").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(module: str, path: Path) -> set[str]:
    """The ``transcite`` modules (or packages) that ``module`` imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names if f"{name}.{a.name}" in MODULES)
    return {name for name in found if name.split(".")[0] == "transcite" and name != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "transcite"


def test_every_package_has_a_layer() -> None:
    assert {_package(m) for m in MODULES} <= set(LEVEL), "add the new package to LAYERS"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module: str) -> None:
    level = LEVEL[_package(module)]
    upward = sorted(
        target for target in GRAPH[module] if LEVEL.get(_package(target), 0) > level
    )
    assert upward == [], f"{module} imports a layer above its own"


def test_the_root_package_imports_nothing() -> None:
    assert GRAPH["transcite"] == set()


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_cycles() -> None:
    graph = {m: {t for t in targets if t in MODULES} for m, targets in GRAPH.items()}
    assert _cycles(graph) == []


def test_no_package_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        graph.setdefault(_package(module), set()).update(
            _package(t) for t in targets if _package(t) != _package(module)
        )
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_library_code_never_imports_click() -> None:
    users = sorted(
        module for module, path in MODULES.items()
        if _package(module) != "cli" and "click" in {
            n.split(".")[0] for n in _external_imports(path)
        }
    )
    assert users == []


def _external_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names
