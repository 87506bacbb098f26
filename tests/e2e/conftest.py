"""End-to-end fixtures: a seeded database, the sandbox on a free port, the real dispatcher."""

from __future__ import annotations

import pytest

from bot.app.container import build_container
from bot.settings import Settings
from tests.e2e.harness import running_bot


@pytest.fixture(scope="module")
def e2e_container(tmp_path_factory):
    """One seeded database per test module (building it is the slow part)."""
    container = build_container(Settings(data_dir=tmp_path_factory.mktemp("e2e")))
    yield container
    container.close()


@pytest.fixture
async def hotline(e2e_container):
    """A running bot polling a fresh sandbox."""
    async with running_bot(e2e_container) as harness:
        yield harness
