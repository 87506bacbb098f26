"""Declared dependencies: every import is declared, and the lock files pin every declaration."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
# Installed in production: they may only import the runtime dependencies.
RUNTIME_PACKAGES = ("bot", "knowledge", "routing", "storage")
# Run by developers and CI only: the development extra is there too.
DEV_PACKAGES = ("benchmarks", "tests")
FIRST_PARTY = set(RUNTIME_PACKAGES + DEV_PACKAGES)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PYPROJECT["dependencies"]]
EXTRAS = {
    name: [Requirement(line) for line in lines]
    for name, lines in PYPROJECT["optional-dependencies"].items()
}
RELOCK = "run `make lock` after changing dependencies in pyproject.toml"


def top_level_imports(package: str) -> dict[str, set[str]]:
    """Map each top-level name imported in a package (functions included) to its modules."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def undeclared(package: str, declared: set[str]) -> list[str]:
    """Imports of a package that are neither standard, first-party nor declared."""
    distributions = packages_distributions()
    wrong = []
    for name, modules in sorted(top_level_imports(package).items()):
        if name in sys.stdlib_module_names or name in FIRST_PARTY:
            continue
        providers = {canonicalize_name(dist) for dist in distributions.get(name, [])}
        if not providers & declared:
            where = ", ".join(sorted(modules)[:3])
            wrong.append(f"{name} (from {sorted(providers) or 'nothing installed'}; {where})")
    return wrong


def names_of(requirements: list[Requirement]) -> set[str]:
    """Canonical distribution names of requirements."""
    return {canonicalize_name(requirement.name) for requirement in requirements}


def read_lock(name: str) -> dict[str, tuple[str, int]]:
    """Map each pinned distribution of a lock file to its version and its number of hashes."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("--hash="):
            assert current is not None, f"{name}: a hash before any pin"
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line and not line.startswith(("#", "-")):
            requirement = Requirement(line.removesuffix("\\").strip())
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"{name}: {line} is not an exact pin"
            current = canonicalize_name(requirement.name)
            pins[current] = (specifier.version, 0)
    return pins


def extra_requirements(requirement: Requirement) -> list[Requirement]:
    """What the extras of a requirement bring in (psycopg[binary] → psycopg-binary)."""
    try:
        declared = requires(requirement.name) or []
    except PackageNotFoundError:
        return []
    brought = []
    for line in map(Requirement, declared):
        wanted = any(
            line.marker is not None and line.marker.evaluate({"extra": extra})
            for extra in requirement.extras
        )
        if wanted and (line.marker is None or not line.marker.evaluate({"extra": ""})):
            brought.append(line)
    return brought


def missing_pins(lock: str, requirements: list[Requirement]) -> list[str]:
    """Declared requirements (and what their extras bring) that a lock does not satisfy."""
    pins = read_lock(lock)
    wrong = []
    for requirement in requirements + [r for q in requirements for r in extra_requirements(q)]:
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            wrong.append(f"{requirement} is not in {lock}")
        elif not requirement.specifier.contains(pinned[0], prereleases=True):
            wrong.append(f"{requirement} but {lock} pins {pinned[0]}")
    return wrong


@pytest.mark.parametrize("package", RUNTIME_PACKAGES)
def test_the_code_imports_only_the_standard_library_and_runtime_dependencies(package):
    assert undeclared(package, names_of(RUNTIME)) == [], (
        "declare these in [project] dependencies of pyproject.toml"
    )


@pytest.mark.parametrize("package", DEV_PACKAGES)
def test_tests_and_benchmarks_import_only_declared_dependencies(package):
    declared = names_of(RUNTIME) | {n for extra in EXTRAS.values() for n in names_of(extra)}
    assert undeclared(package, declared) == [], "declare these in the dev extra of pyproject.toml"


def test_the_import_check_sees_an_undeclared_package():
    # Guards the guard: aiohttp is imported by the bot, so without it the check must complain.
    runtime = names_of(RUNTIME) - {"aiohttp"}
    assert any(line.startswith("aiohttp ") for line in undeclared("bot", runtime))


def test_the_development_lock_pins_every_declared_dependency():
    everything = RUNTIME + [r for extra in EXTRAS.values() for r in extra]
    assert missing_pins("requirements-dev.lock", everything) == [], RELOCK


def test_the_production_lock_pins_every_runtime_dependency_and_postgres():
    assert missing_pins("requirements.lock", RUNTIME + EXTRAS["postgres"]) == [], RELOCK


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_carries_its_hashes(lock):
    assert [name for name, (_, hashes) in read_lock(lock).items() if hashes == 0] == []


def test_both_locks_pin_the_same_versions():
    production, development = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    differing = {
        name: (version, development.get(name, (None,))[0])
        for name, (version, _) in production.items()
        if development.get(name, (None,))[0] != version
    }
    assert differing == {}, RELOCK


def test_a_forgotten_relock_is_caught():
    # Guards the guard: a dependency added to pyproject.toml but not locked must be reported.
    added = [Requirement("icalendar-not-locked>=1"), Requirement("aiohttp>=99")]
    pinned = read_lock("requirements-dev.lock")["aiohttp"][0]
    assert missing_pins("requirements-dev.lock", added) == [
        "icalendar-not-locked>=1 is not in requirements-dev.lock",
        f"aiohttp>=99 but requirements-dev.lock pins {pinned}",
    ]
