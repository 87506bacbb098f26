"""Incoming flood control: a person sending too much too fast is muted until calm."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum


class FloodVerdict(StrEnum):
    """What to do with one incoming message."""

    PASS = "pass"
    WARN = "warn"  # the first message over the limit: say calmly that we are catching up
    DROP = "drop"  # silence until the person is calm again


class FloodGuard:
    """Sliding window per person, in memory.

    Memory is enough: the window lasts seconds, so a restart forgets at most one window of a
    flood, and writing to the database on every message would add load exactly when someone
    is flooding. Durable measures (blocks) are in the database.
    """

    def __init__(
        self,
        limit: int = 6,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sweep_every: int = 1000,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.clock = clock
        self.sweep_every = sweep_every
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self._calls = 0

    def check(self, user_id: int) -> FloodVerdict:
        """Count one message from a person and tell whether to handle it."""
        now = self.clock()
        self._calls += 1
        if self._calls % self.sweep_every == 0:
            self._sweep(now)
        times = self._seen.setdefault(user_id, deque(maxlen=self.limit + 1))
        while times and times[0] <= now - self.window:
            times.popleft()
        # Dropped messages count too, so someone who keeps flooding stays muted; keeping only
        # the last limit + 1 times is enough to tell whether more than `limit` fell in the window.
        times.append(now)
        if len(times) <= self.limit:
            self._warned.discard(user_id)
            return FloodVerdict.PASS
        if user_id in self._warned:
            return FloodVerdict.DROP
        self._warned.add(user_id)
        return FloodVerdict.WARN

    def tracked(self) -> int:
        """Return how many people are currently tracked (for tests and metrics)."""
        return len(self._seen)

    def _sweep(self, now: float) -> None:
        # Forget people whose last message left the window, so memory stays bounded.
        idle = [
            user
            for user, times in self._seen.items()
            if not times or times[-1] <= now - self.window
        ]
        for user in idle:
            del self._seen[user]
            self._warned.discard(user)
