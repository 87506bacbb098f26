"""Around the handlers: passing database failures are retried, failed sends are recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Update

from bot.delivery.session import recording_failures
from storage.transient import DELAYS, retry_transient_async


class HandlingMiddleware(BaseMiddleware):
    """Innermost outer middleware: the handler runs again when the database briefly fails.

    Services work in units of work (one transaction each, rolled back on failure), so a
    failed attempt leaves nothing half-written. A message that cannot be sent is recorded
    and sent later by the retry loop (see bot.delivery.session).
    """

    def __init__(self, delays=DELAYS, sleep=asyncio.sleep) -> None:
        self.delays = delays
        self.sleep = sleep

    async def __call__(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        with recording_failures():
            return await retry_transient_async(
                lambda: handler(event, data), self.delays, self.sleep
            )
