"""Shared fixtures: temporary data directories and a fully built container."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.app.container import build_container
from bot.settings import Settings

# `make test` (and so CI) replays the same examples every run, so a red build always points at a
# reproducible input; `pytest --hypothesis-profile=explore` searches new ones during development.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=200)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def load_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file into a list of objects."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch) -> Settings:
    """Settings pointing at a fresh temporary data directory, ignoring any local .env."""
    monkeypatch.chdir(tmp_path)
    for name in ("HOTLINE_DATABASE_URL", "HOTLINE_TELEGRAM_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOTLINE_DATA_DIR", str(tmp_path / "var"))
    return Settings()


@pytest.fixture(scope="session")
def seeded_container(tmp_path_factory):
    """A container on a SQLite file seeded with the shipped content (built once per run)."""
    data = tmp_path_factory.mktemp("seeded")
    container = build_container(Settings(data_dir=data, database_url=None))
    yield container
    container.close()
