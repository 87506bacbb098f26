"""SIGTERM's drain: new webhook requests get 503, those in hand are waited for."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app.drain import Drain


async def test_new_requests_are_refused_while_those_in_hand_finish():
    drain, release = Drain(), asyncio.Event()

    async def slow(_request: web.Request) -> web.Response:
        await release.wait()
        return web.Response(text="fini")

    app = web.Application(middlewares=[drain.middleware])
    app.router.add_post("/webhook", slow)
    async with TestClient(TestServer(app)) as client:
        in_hand = asyncio.create_task(client.post("/webhook"))
        while drain.in_hand == 0:
            await asyncio.sleep(0.01)
        draining = asyncio.create_task(drain.drain(5))
        await asyncio.sleep(0.05)
        refused = await client.post("/webhook")
        assert refused.status == 503
        assert not draining.done()  # still waiting for the update in hand
        release.set()
        assert (await in_hand).status == 200
        assert await draining is True


async def test_a_drain_gives_up_after_its_time():
    drain = Drain()
    drain.in_hand = 1  # a handler that never ends
    assert await drain.drain(0.1, poll=0.01) is False
