"""Background tasks of the bot process: the retry loop and the daily purge."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiogram import Bot

from bot.delivery.redelivery import redeliver_due
from bot.delivery.session import delivery_middleware
from routing.safety.failed_deliveries import DeliveryService
from routing.safety.privacy import PrivacyService

log = logging.getLogger(__name__)
FOLLOWER_CHECK = 1.0


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


class Housekeeping:
    """Started and stopped with the dispatcher; the state they work on is in the database."""

    def __init__(
        self,
        deliveries: DeliveryService,
        privacy: PrivacyService,
        now: Callable[[], datetime] = utc_now,
        redelivery_every: float = 5.0,
        purge_check_every: float = 3600.0,
    ) -> None:
        self.deliveries = deliveries
        self.privacy = privacy
        self.now = now
        self.redelivery_every = redelivery_every
        self.purge_check_every = purge_check_every
        self._tasks: list[asyncio.Task] = []
        # Several processes on one database: only the leader runs these (bot/app/cluster.py).
        self.leading: Callable[[], bool] = lambda: True

    async def on_startup(self, bot: Bot) -> None:
        """Dispatcher start-up hook: record failed sends of this bot, start the loops."""
        with contextlib.suppress(LookupError):  # a bot built without the middleware
            delivery_middleware(bot).deliveries = self.deliveries
        self._tasks = [
            asyncio.create_task(self._every(self.redelivery_every, self.redeliver, bot)),
            asyncio.create_task(self._every(self.purge_check_every, self.purge_if_due)),
        ]

    async def on_shutdown(self) -> None:
        """Dispatcher shutdown hook: stop the loops."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def redeliver(self, bot: Bot) -> int:
        """One pass of the retry loop."""
        return await redeliver_due(bot, self.deliveries, self.now())

    async def purge_if_due(self) -> dict | None:
        """Run the purge if a day has passed since the last run (recorded in the database)."""
        report = self.privacy.purge_if_due(self.now())
        if report is not None:
            log.info("daily purge: %s", report)
        return report

    async def _every(self, seconds: float, job, *args) -> None:
        # First run at once: a restart catches up with a purge or retries that fell due.
        while True:
            leading = self.leading()
            try:
                if leading:
                    await job(*args)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database may be briefly away: next time
                log.error("%s failed: %s", getattr(job, "__name__", job), type(error).__name__)
            # A follower looks again soon, so that it takes over quickly once elected.
            await asyncio.sleep(seconds if leading else min(seconds, FOLLOWER_CHECK))
