"""The wheel carries every package and the data files the code reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "knowledge", "routing", "storage")
# Data files live next to the code that reads them; each pattern must match in the wheel.
DATA = (
    "knowledge/content/budget-participatif.md",
    "knowledge/search/data/synonyms.yaml",
    "routing/answers/data/escalation.yaml",
    "storage/migrations/env.py",
    "storage/migrations/versions/0001_knowledge_base.py",
    "bot/backoffice/templates/base.html",
    "bot/backoffice/static/backoffice.css",
    "bot/sandbox/static/index.html",
)


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_python_module_of_the_four_packages(wheel_names):
    modules = {
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert modules - wheel_names == set()


def test_the_wheel_holds_the_data_files_read_at_run_time(wheel_names):
    assert [name for name in DATA if name not in wheel_names] == []


def test_every_seed_entry_ships_in_the_wheel(wheel_names):
    seeds = {str(p.relative_to(ROOT)) for p in (ROOT / "knowledge" / "content").glob("*.md")}
    assert seeds and seeds <= wheel_names
