"""Telling passing database failures (busy, locked, connection lost) apart, and retrying them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")
DELAYS = (0.1, 0.4, 1.0)


def is_transient(error: BaseException) -> bool:
    """Tell whether a database error may go away by trying again (lock, busy, lost link)."""
    if isinstance(error, OperationalError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def retry_transient(work: Callable[[], T], delays: Sequence[float] = DELAYS, sleep=time.sleep) -> T:
    """Run `work` (one whole unit of work), again after each delay while it fails transiently.

    Each attempt must be a complete transaction: a failed one is rolled back by its unit of
    work, so retrying never leaves half-written data.
    """
    for delay in delays:
        try:
            return work()
        except Exception as error:
            if not is_transient(error):
                raise
        sleep(delay)
    return work()


async def retry_transient_async(
    work: Callable[[], Awaitable[T]], delays: Sequence[float] = DELAYS, sleep=asyncio.sleep
) -> T:
    """The same as `retry_transient`, for a coroutine function."""
    for delay in delays:
        try:
            return await work()
        except Exception as error:
            if not is_transient(error):
                raise
        await sleep(delay)
    return await work()
