"""Outermost update middleware: count updates by type and time their handling."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Update

from bot.observability import metrics


class ObservingMiddleware(BaseMiddleware):
    """Feeds hotline_updates_total and hotline_update_handling_seconds."""

    async def __call__(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        metrics.UPDATES.labels(event.event_type).inc()
        started = time.perf_counter()
        try:
            return await handler(event, data)
        finally:
            metrics.HANDLING_SECONDS.observe(time.perf_counter() - started)
