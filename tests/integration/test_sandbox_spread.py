"""The sandbox as a load balancer: webhook deliveries spread over several URLs in turn."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
from aiohttp import web

from bot.sandbox import SandboxServer
from bot.sandbox.control.client import SandboxClient
from bot.sandbox.state import SandboxState
from tests.e2e.harness import eventually


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def webhook(received: list[int], port: int) -> web.AppRunner:
    """A webhook noting the update ids it gets."""

    async def take(request: web.Request) -> web.Response:
        received.append((await request.json())["update_id"])
        return web.Response()

    app = web.Application()
    app.router.add_post("/webhook", take)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def test_updates_go_to_each_url_in_turn_and_a_dead_one_is_skipped():
    ports = [free_port(), free_port(), free_port()]
    urls = [f"http://127.0.0.1:{port}/webhook" for port in ports]
    first, second = [], []
    runners = [await webhook(first, ports[0]), await webhook(second, ports[1])]  # third: down
    state = SandboxState(webhook_spread=urls)
    try:
        async with SandboxServer(port=0, state=state) as server:
            async with aiohttp.ClientSession() as http:
                await http.post(f"{server.base_url}/bot1:T/setWebhook", json={"url": urls[0]})
            async with SandboxClient(server.base_url) as control:
                sent = []
                for person in range(9):
                    receipt = await control.send_text(9000 + person, "bonjour")
                    sent.append(receipt["update_id"])
                await eventually(lambda: len(first) + len(second) == 9, timeout=15)
            await asyncio.sleep(0.2)
    finally:
        for runner in runners:
            await runner.cleanup()
    assert sorted(first + second) == sorted(sent)  # each once, none lost to the dead URL
    assert first and second
    assert {url for _update, url in state.deliveries} == set(urls[:2])
