"""Telegram's sending limits as asyncio limiters: callers wait their turn, nothing is dropped."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from aiogram.methods import (
    CopyMessage,
    CopyMessages,
    ForwardMessage,
    ForwardMessages,
    SendChatAction,
    TelegramMethod,
)

# Refilling by tiny floating-point steps could otherwise wait forever for the last 1e-16.
EPSILON = 1e-9


@dataclass(frozen=True)
class Limits:
    """Telegram's Bots FAQ: per private chat, per group, and for the whole bot."""

    private_rate: float = 1.0  # about one message per second in a chat...
    private_burst: int = 5  # ...with the short bursts Telegram tolerates there
    group_count: int = 20  # twenty messages per minute in a group
    group_period: float = 60.0
    global_count: int = 30  # thirty messages per second overall
    global_period: float = 1.0


class _Limiter:
    """What both kinds share: a clock, a sleep, a 429 pause, and a queue of waiters."""

    def __init__(self, clock: Callable[[], float], sleep) -> None:
        self.clock = clock
        self.sleep = sleep
        self.paused_until = float("-inf")
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        """Wait until a message may go, then count it."""
        async with self._lock:  # waiters queue here, so their order is kept
            while True:
                now = self.clock()
                wait = max(self.paused_until - now, self._wait(now))
                if wait <= EPSILON:
                    self._use(now)
                    return
                await self.sleep(wait)

    def pause(self, seconds: float) -> None:
        """Hold every caller for `seconds` (Telegram answered 429 with retry_after)."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    def idle(self) -> bool:
        """Tell whether forgetting this limiter would change nothing."""
        now = self.clock()
        return not self._lock.locked() and self.paused_until <= now and self._fresh(now)

    def _wait(self, now: float) -> float:
        raise NotImplementedError

    def _use(self, now: float) -> None:
        raise NotImplementedError

    def _fresh(self, now: float) -> bool:
        raise NotImplementedError


class TokenBucket(_Limiter):
    """`rate` tokens per second up to `capacity`: a steady pace with short bursts."""

    def __init__(self, rate: float, capacity: int, clock: Callable[[], float], sleep) -> None:
        super().__init__(clock, sleep)
        self.rate = rate
        self.capacity = float(capacity)
        self.tokens = float(capacity)
        self.updated = clock()

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def _wait(self, now: float) -> float:
        self._refill(now)
        return max(0.0, (1 - self.tokens) / self.rate)

    def _use(self, now: float) -> None:
        self.tokens -= 1

    def _fresh(self, now: float) -> bool:
        self._refill(now)
        return self.tokens >= self.capacity - EPSILON


class SlidingWindow(_Limiter):
    """At most `count` messages in any `period` seconds (a strict ceiling, no burst on top)."""

    def __init__(self, count: int, period: float, clock: Callable[[], float], sleep) -> None:
        super().__init__(clock, sleep)
        self.period = period
        self.sent: deque[float] = deque(maxlen=count)

    def _wait(self, now: float) -> float:
        if len(self.sent) < self.sent.maxlen:
            return 0.0
        return self.sent[0] + self.period - now

    def _use(self, now: float) -> None:
        self.sent.append(now)

    def _fresh(self, now: float) -> bool:
        return not self.sent or self.sent[-1] + self.period <= now


def counts_as_message(method: TelegramMethod) -> bool:
    """Tell whether a call sends a message (what Telegram's limits are about)."""
    if isinstance(method, SendChatAction):
        return False
    name = type(method).__name__
    return name.startswith("Send") or isinstance(
        method, CopyMessage | CopyMessages | ForwardMessage | ForwardMessages
    )


class RateLimiter:
    """One limiter per chat (private or group limits) and one for the whole bot."""

    def __init__(
        self,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep=asyncio.sleep,
        max_chats: int = 1000,
    ) -> None:
        self.limits = limits or Limits()
        self.clock = clock
        self.sleep = sleep
        self.max_chats = max_chats
        self.everyone = SlidingWindow(
            self.limits.global_count, self.limits.global_period, clock, sleep
        )
        self.chats: dict[int | str, _Limiter] = {}

    def limiter(self, chat_id: int | str) -> _Limiter:
        """Return the limiter of a chat (groups have negative ids, channels @names)."""
        found = self.chats.get(chat_id)
        if found is None:
            if len(self.chats) >= self.max_chats:
                self._forget_idle()
            limits = self.limits
            if isinstance(chat_id, int) and chat_id > 0:
                found = TokenBucket(
                    limits.private_rate, limits.private_burst, self.clock, self.sleep
                )
            else:
                found = SlidingWindow(
                    limits.group_count, limits.group_period, self.clock, self.sleep
                )
            self.chats[chat_id] = found
        return found

    async def acquire(self, method: TelegramMethod, chat_id: int | str | None) -> None:
        """Wait until the call may go: the chat's limit first, then the bot's."""
        if not counts_as_message(method):
            return
        if chat_id is not None:
            await self.limiter(chat_id).take()
        await self.everyone.take()

    def pause(self, chat_id: int | str | None, seconds: float) -> None:
        """Hold the chat's messages (or all, without a chat) after a 429."""
        (self.limiter(chat_id) if chat_id is not None else self.everyone).pause(seconds)

    def _forget_idle(self) -> None:
        for chat_id in [key for key, found in self.chats.items() if found.idle()]:
            del self.chats[chat_id]
