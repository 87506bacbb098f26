"""The back-office served next to the bot: its URL is printed; a busy port never stops the bot."""

from __future__ import annotations

import socket
from dataclasses import replace

import aiohttp

from bot.backoffice.server import serve_backoffice


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_the_backoffice_is_served_on_its_port_and_its_url_is_printed(env):
    port = free_port()
    settings = env.container.settings.model_copy(update={"backoffice_port": port})
    said: list[str] = []
    async with serve_backoffice(replace(env.container, settings=settings), said.append) as server:
        assert server is not None
        assert f"http://127.0.0.1:{port}/" in said[0]
        async with aiohttp.ClientSession() as http, http.get(f"{server.local_url}/") as page:
            assert page.status == 401
            assert "/backoffice" in await page.text()


async def test_a_busy_port_is_reported_and_the_rest_goes_on(env):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        settings = env.container.settings.model_copy(update={"backoffice_port": port})
        said: list[str] = []
        async with serve_backoffice(replace(env.container, settings=settings), said.append) as s:
            assert s is None
        assert f"le port {port} n'est pas disponible" in said[0]
        assert "HOTLINE_BACKOFFICE_PORT" in said[0]
