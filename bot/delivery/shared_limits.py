"""Telegram's sending limits counted in the database, shared by every process of the bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from aiogram.methods import TelegramMethod

from bot.delivery.rate_limits import counts_as_message
from bot.observability import metrics


class Buckets(Protocol):
    """Token buckets kept outside the process (storage/cluster/rate_buckets.py)."""

    def take(self, key: str, rate: float, capacity: float) -> float:
        """Reserve a token; return the seconds to wait before using it (0: now)."""

    def pause(self, key: str, seconds: float) -> None:
        """Hold the bucket's takers for `seconds`."""


@dataclass(frozen=True)
class Bucket:
    """A token bucket: `capacity` + `rate` × period is the most it lets through in a period."""

    rate: float
    capacity: float


@dataclass(frozen=True)
class SharedLimits:
    """Telegram's Bots FAQ limits as token buckets that never exceed them in any window.

    For the bot, at most 23 in any second (a burst of 3 and 20 a second): Telegram counts
    messages when they arrive, and the network and busy event loops bunch them up on the way
    (a test measured 33 in one second at the receiving end with 25 allowed here), so a wide
    margin is kept below its 30. 20 a minute in a group: a burst of 3 and 17 a minute.
    A private chat keeps the tolerated burst of 5 at one a second, as the single-process
    limiter does.
    """

    private: Bucket = Bucket(rate=1.0, capacity=5)
    group: Bucket = Bucket(rate=17 / 60, capacity=3)
    everyone: Bucket = Bucket(rate=20.0, capacity=3)


GLOBAL_KEY = "bot"


class SharedRateLimiter:
    """Same interface as RateLimiter; the counting is done by atomic updates of bucket rows."""

    def __init__(
        self, buckets: Buckets, limits: SharedLimits | None = None, sleep: Callable = asyncio.sleep
    ) -> None:
        self.buckets = buckets
        self.limits = limits or SharedLimits()
        self.sleep = sleep

    def bucket(self, chat_id: int | str) -> tuple[str, Bucket]:
        """Return the key and limits of a chat (groups have negative ids, channels @names)."""
        private = isinstance(chat_id, int) and chat_id > 0
        return f"chat:{chat_id}", self.limits.private if private else self.limits.group

    async def acquire(self, method: TelegramMethod, chat_id: int | str | None) -> None:
        """Wait until the call may go: the chat's limit first, then the bot's."""
        if not counts_as_message(method):
            return
        if chat_id is not None:
            await self._take(*self.bucket(chat_id))
        await self._take(GLOBAL_KEY, self.limits.everyone)

    def pause(self, chat_id: int | str | None, seconds: float) -> None:
        """Hold the chat's messages (or all, without a chat) after a 429, in every process."""
        key = self.bucket(chat_id)[0] if chat_id is not None else GLOBAL_KEY
        self.buckets.pause(key, seconds)

    async def _take(self, key: str, bucket: Bucket) -> None:
        # A short blocking query: run it off the event loop so other updates go on. The token
        # is reserved by the query: waiting out its time is all that is left to do.
        wait = await asyncio.to_thread(self.buckets.take, key, bucket.rate, bucket.capacity)
        if wait > 0:
            metrics.RATE_LIMIT_WAITS.labels("global" if key == GLOBAL_KEY else "chat").inc()
            await self.sleep(wait)
