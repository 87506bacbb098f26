"""Graceful stop of the webhook: refuse new updates, wait for those in hand."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web


class Drain:
    """Counts the webhook requests in hand; once draining, answers new ones 503.

    A 503 is not an answer Telegram (or nginx, or the sandbox) takes as delivered: the update
    goes to another process, and this one finishes what it has before it exits.
    """

    def __init__(self) -> None:
        self.draining = False
        self.in_hand = 0

    @web.middleware
    async def middleware(self, request: web.Request, handler) -> web.StreamResponse:
        """aiohttp middleware of the webhook app."""
        if self.draining:
            return web.Response(status=503, text="arrêt en cours / shutting down\n")
        self.in_hand += 1
        try:
            return await handler(request)
        finally:
            self.in_hand -= 1

    async def drain(self, seconds: float, poll: float = 0.05) -> bool:
        """Stop taking updates and wait up to `seconds` for those in hand; True if all done."""
        self.draining = True
        deadline = time.monotonic() + seconds
        while self.in_hand and time.monotonic() < deadline:
            await asyncio.sleep(poll)
        return self.in_hand == 0
