"""The layout rules of docs/architecture.md, checked on the source with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "knowledge", "routing", "storage")
# Imports go one way only, from the transport down to the records (docs/architecture.md).
LAYERS = {"bot": 3, "storage": 2, "routing": 1, "knowledge": 0}
FRAMEWORKS = ("aiogram", "aiohttp")
MAX_MODULES = 12


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported_names(name: str, path: Path) -> set[str]:
    """Every module name an import statement mentions, TYPE_CHECKING and function bodies too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imported_names(name, path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of the graph as a list of nodes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_module_imports_itself_back_through_other_modules():
    assert _find_cycle(_graph()) is None


def test_no_two_folders_import_each_other():
    modules = _modules()

    def folder(module: str) -> str:
        return module if modules[module].name == "__init__.py" else module.rpartition(".")[0]

    folders: dict[str, set[str]] = {}
    for source, targets in _graph().items():
        for target in targets:
            a, b = folder(source), folder(target)
            if a != b and not a.startswith(b + ".") and not b.startswith(a + "."):
                folders.setdefault(a, set()).add(b)
    assert _find_cycle(folders) is None


def test_top_level_packages_import_only_downwards():
    wrong = sorted(
        f"{source} -> {target}"
        for source, targets in _graph().items()
        for target in targets
        if LAYERS[target.split(".")[0]] > LAYERS[source.split(".")[0]]
    )
    assert wrong == []


@pytest.mark.parametrize("package", ["knowledge", "routing"])
def test_the_domain_packages_never_import_a_telegram_or_web_framework(package):
    offenders = sorted(
        name
        for name, path in _modules().items()
        if name.split(".")[0] == package
        and any(
            imported == framework or imported.startswith(framework + ".")
            for imported in _imported_names(name, path)
            for framework in FRAMEWORKS
        )
    )
    assert offenders == []


def test_no_folder_holds_more_than_a_dozen_modules():
    counts: dict[Path, int] = {}
    for path in _modules().values():
        if path.name != "__init__.py":
            counts[path.parent] = counts.get(path.parent, 0) + 1
    crowded = {str(d.relative_to(ROOT)): n for d, n in counts.items() if n > MAX_MODULES}
    assert crowded == {}


def test_the_cycle_finder_finds_a_planted_cycle():
    # Guards the guard: a finder that never finds anything would let every test above pass.
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
