"""Incoming flood control: a person sending too much too fast is muted until calm."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol


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
        verdict, kept, warned = judge(list(times), user_id in self._warned, now, self)
        times.clear()
        times.extend(kept)
        if warned:
            self._warned.add(user_id)
        else:
            self._warned.discard(user_id)
        return verdict

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


def judge(
    times: list[float], warned: bool, now: float, guard: FloodGuard | SharedFloodGuard
) -> tuple[FloodVerdict, list[float], bool]:
    """Count one message at `now`; return the verdict and the person's new (times, warned)."""
    times = [at for at in times if at > now - guard.window]
    # Dropped messages count too, so someone who keeps flooding stays muted; keeping only
    # the last limit + 1 times is enough to tell whether more than `limit` fell in the window.
    times = [*times, now][-(guard.limit + 1) :]
    if len(times) <= guard.limit:
        return FloodVerdict.PASS, times, False
    if warned:
        return FloodVerdict.DROP, times, True
    return FloodVerdict.WARN, times, True


class FloodWindows(Protocol):
    """Where a shared guard keeps the windows: a row per person, updated atomically."""

    def check(self, key: str, now: float, judge: Callable) -> str:
        """Apply `judge(times, warned, now)` to the window of `key`; return the verdict."""


class SharedFloodGuard:
    """The same rule as FloodGuard, with the windows in the database shared by processes.

    With several bot processes behind a load balancer, in-memory windows would multiply a
    person's allowance by the number of processes.
    """

    def __init__(
        self,
        windows: FloodWindows,
        scope: str,
        limit: int = 6,
        window: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.windows = windows
        self.scope = scope
        self.limit = limit
        self.window = window
        self.clock = clock

    def check(self, user_id: int) -> FloodVerdict:
        """Count one message from a person and tell whether to handle it."""

        def apply(times: list[float], warned: bool, now: float):
            verdict, kept, still_warned = judge(times, warned, now, self)
            return verdict.value, kept, still_warned

        return FloodVerdict(self.windows.check(f"{self.scope}:{user_id}", self.clock(), apply))
