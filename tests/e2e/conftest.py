"""End-to-end fixtures: a seeded database, the sandbox on a free port, the real dispatcher."""

from __future__ import annotations

import pytest

from bot.container import build_container
from bot.sandbox import SandboxServer
from bot.sandbox.client import SandboxClient
from bot.settings import Settings
from tests.e2e.harness import Harness


@pytest.fixture(scope="module")
def e2e_container(tmp_path_factory):
    """One seeded database per test module (building it is the slow part)."""
    container = build_container(Settings(data_dir=tmp_path_factory.mktemp("e2e")))
    yield container
    container.close()


@pytest.fixture
async def hotline(e2e_container):
    """A running bot polling a fresh sandbox."""
    async with SandboxServer(port=0) as server, SandboxClient(server.base_url) as control:
        harness = Harness(e2e_container, server, control)
        await harness.start_bot()
        try:
            yield harness
        finally:
            await harness.stop_bot()
