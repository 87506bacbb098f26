"""A load balancer in front of several webhook URLs: updates go to each URL in turn."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox.botapi.routes import STATE_KEY
from bot.sandbox.botapi.webhook import _TIMEOUT, WebhookDeliverer
from bot.sandbox.state import SandboxState

# A URL that failed is skipped this long, as a balancer's health check would.
DOWN_FOR = 2.0
DEFAULT_CONNECTIONS = 40  # Telegram's default max_connections


def sender_of(update: dict[str, Any]) -> int | None:
    """Return the id of the person behind an update (their updates stay in order)."""
    for value in update.values():
        if isinstance(value, dict) and isinstance(value.get("from"), dict):
            return value["from"].get("id")
    return None


class SpreadDeliverer(WebhookDeliverer):
    """Delivers updates concurrently over `state.webhook_spread`, round-robin.

    Like Telegram, it keeps each person's updates in order (one in flight per person) and
    delivers again an update whose POST failed (to the next URL); like a balancer, it skips
    a URL that just failed for a moment.
    """

    def __init__(self, state: SandboxState) -> None:
        super().__init__(state)
        self.urls: list[str] = list(state.webhook_spread or [])
        self.turn = 0
        self.down_until: dict[str, float] = {}
        self.in_flight: set[int] = set()
        self.busy_senders: set[int] = set()

    def _next(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        hook = self.state.webhook
        if not hook:
            return None
        for update in self.state.updates.pending:
            sender = sender_of(update)
            if update["update_id"] not in self.in_flight and sender not in self.busy_senders:
                return hook, update
        return None

    def next_url(self) -> str:
        """Return the next URL in turn that is not marked down (any, if all are)."""
        now = time.monotonic()
        for _ in range(len(self.urls)):
            url = self.urls[self.turn % len(self.urls)]
            self.turn += 1
            if self.down_until.get(url, 0) <= now:
                return url
        url = self.urls[self.turn % len(self.urls)]
        self.turn += 1
        return url

    async def run(self) -> None:
        """Deliver updates until the state is closed."""
        hook = self.state.webhook or {}
        slots = asyncio.Semaphore(int(hook.get("max_connections") or DEFAULT_CONNECTIONS))
        tasks: set[asyncio.Task] = set()
        async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
            try:
                while not self.state.feed.closed:
                    await slots.acquire()
                    job = await self.state.feed.wait_for(self._next, None)
                    if job is None:
                        return
                    hook, update = job
                    self.in_flight.add(update["update_id"])
                    self.busy_senders.add(sender_of(update))
                    task = asyncio.create_task(self._one(session, hook, update, slots))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            finally:
                for task in tasks:
                    task.cancel()

    async def _one(
        self,
        session: aiohttp.ClientSession,
        hook: dict[str, Any],
        update: dict[str, Any],
        slots: asyncio.Semaphore,
    ) -> None:
        url = self.next_url()
        try:
            delivered = await self._deliver(session, {**hook, "url": url}, update)
        finally:
            self.in_flight.discard(update["update_id"])
            self.busy_senders.discard(sender_of(update))
            slots.release()
        if delivered:
            self.state.updates.remove(update["update_id"])
            self.state.deliveries.append((update["update_id"], url))
        else:
            self.down_until[url] = time.monotonic() + DOWN_FOR
        self.state.feed.poke()


async def webhook_context(app: web.Application) -> AsyncIterator[None]:
    """aiohttp cleanup context running the deliverer (one URL, or spread) for the app's life."""
    state = app[STATE_KEY]
    state.feed.closed = False  # the same state may be served again after a stop
    deliverer = SpreadDeliverer(state) if state.webhook_spread else WebhookDeliverer(state)
    task = asyncio.create_task(deliverer.run(), name="sandbox-webhook")
    yield
    state.close()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
