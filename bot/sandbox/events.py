"""Change feed: a revision counter, a bounded event log and long-poll waiting."""

from __future__ import annotations

import asyncio
import copy
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

# Enough history for a page or a test that lags a little; older events are forgotten.
_HISTORY = 2_000


@dataclass(frozen=True)
class Event:
    """One change in the sandbox, as seen by long-polling clients."""

    revision: int
    kind: str
    chat_id: int | None = None
    by_bot: bool = False
    message: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by the control API."""
        return {
            "revision": self.revision,
            "kind": self.kind,
            "chat_id": self.chat_id,
            "by_bot": self.by_bot,
            "message": self.message,
        }


class ChangeFeed:
    """Records changes and wakes up everyone waiting for one."""

    def __init__(self) -> None:
        self.revision = 0
        self.closed = False
        self._events: deque[Event] = deque(maxlen=_HISTORY)
        self._changed = asyncio.Event()

    def publish(
        self,
        kind: str,
        *,
        chat_id: int | None = None,
        by_bot: bool = False,
        message: dict[str, Any] | None = None,
    ) -> Event:
        """Record a change (with a snapshot of the message) and wake waiters."""
        self.revision += 1
        snapshot = copy.deepcopy(message) if message is not None else None
        event = Event(self.revision, kind, chat_id, by_bot, snapshot)
        self._events.append(event)
        self.poke()
        return event

    def since(self, revision: int) -> list[Event]:
        """Return the remembered events newer than revision, oldest first."""
        return [event for event in self._events if event.revision > revision]

    def poke(self) -> None:
        """Wake every waiter so it re-checks its condition."""
        # Swapping the event lets current waiters return while new ones wait afresh.
        self._changed.set()
        self._changed = asyncio.Event()

    def close(self) -> None:
        """Release every waiter for good (the server is stopping)."""
        self.closed = True
        self.poke()

    async def wait_for(self, check: Callable[[], T | None], timeout: float | None) -> T | None:
        """Return check()'s first non-None result, or None on timeout or close."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            result = check()
            if result is not None or self.closed:
                return result
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return None
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return check()
