"""Several `hotline run --webhook` processes on one PostgreSQL behaving as one bot.

One process, the leader, holds a PostgreSQL advisory lock and alone runs the outbox and
jobs, the retry loop and the daily purge; when it dies its connection closes, the lock is
released and another process takes over at its next try (every second). Telegram's limits
and flood windows are rows every process updates atomically. Each process rebuilds its own
search index as soon as the knowledge base in the database changes. On SQLite, the only
process is the leader and keeps its limits in memory, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time

from aiogram import Dispatcher

from bot.app.container import Container
from bot.delivery.rate_limits import RateLimiter
from bot.delivery.shared_limits import SharedRateLimiter
from bot.observability import metrics
from routing.safety.flood import FloodGuard, SharedFloodGuard
from storage.cluster.flood_windows import SqlFloodWindows
from storage.cluster.locks import AdvisoryLease
from storage.cluster.rate_buckets import SqlRateBuckets

log = logging.getLogger(__name__)
ELECTION_EVERY = 1.0  # a follower tries the leader lock this often
INDEX_CHECK_EVERY = 1.0  # and every process compares its index with the database this often
PRUNE_EVERY = 300.0  # the leader forgets idle buckets and flood windows this often
BUTTONS_PER_MESSAGE = 3  # button presses come faster than typed messages


class Cluster:
    """This process's share of the work, and what it shares with the others."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.shared = container.engine.dialect.name == "postgresql"
        self.lease = AdvisoryLease(container.engine) if self.shared else None
        self.leader = not self.shared
        # This process's number: it owns the updates it has in hand, and holds an advisory
        # lock keyed by it while alive, so others can tell when its updates are orphaned.
        self.owner = secrets.randbits(60) + 1
        self.liveness = AdvisoryLease(container.engine, key=self.owner) if self.shared else None
        self._tasks: list[asyncio.Task] = []
        metrics.LEADER.set(1 if self.leader else 0)

    def leading(self) -> bool:
        """Tell whether this process runs the periodic work now."""
        return self.leader

    def limiter(self) -> RateLimiter | SharedRateLimiter | None:
        """Return the rate limiter of the bot: shared rows on PostgreSQL, else in memory."""
        return SharedRateLimiter(SqlRateBuckets(self.container.engine)) if self.shared else None

    def flood_guards(self) -> tuple[FloodGuard | SharedFloodGuard, ...]:
        """Return the guards of typed messages and button presses."""
        settings = self.container.settings
        limit, window = settings.flood_messages, settings.flood_window_seconds
        if not self.shared:
            return FloodGuard(limit, window), FloodGuard(limit * BUTTONS_PER_MESSAGE, window)
        windows = SqlFloodWindows(self.container.engine)
        return (
            SharedFloodGuard(windows, "message", limit, window),
            SharedFloodGuard(windows, "button", limit * BUTTONS_PER_MESSAGE, window),
        )

    def attach(self, dispatcher: Dispatcher) -> None:
        """Gate the dispatcher's background loops on this process being the leader."""
        for name in ("dispatch_loop", "housekeeping"):
            dispatcher[name].leading = self.leading

    async def start(self) -> None:
        """Start the election (PostgreSQL) and the index watch."""
        if self.liveness is not None:
            if not await asyncio.to_thread(self.liveness.try_acquire):
                raise RuntimeError("could not take this process's liveness lock")
            self.container.moderation.owner = self.owner
        if self.lease is not None:
            await asyncio.to_thread(self.elect)
            self._tasks.append(asyncio.create_task(self._elections(), name="hotline-election"))
        self._tasks.append(asyncio.create_task(self._index_watch(), name="hotline-index"))

    async def stop(self) -> None:
        """Stop the tasks and hand leadership over (at once: the lock is released)."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.lease is not None:
            await asyncio.to_thread(self.lease.release)
            if self.leader:
                log.info("leadership released")
            self.leader = False
            metrics.LEADER.set(0)
        if self.liveness is not None:
            self.container.moderation.owner = None
            await asyncio.to_thread(self.liveness.release)

    def elect(self) -> bool:
        """Take or keep the leader lock; return whether this process leads."""
        try:
            leads = self.lease.try_acquire()
        except Exception as error:  # database away: nobody can lead from here
            log.warning("leader election failed: %s", type(error).__name__)
            leads = False
        if leads != self.leader:
            log.info("this process %s the leader", "is now" if leads else "is no longer")
        self.leader = leads
        metrics.LEADER.set(1 if leads else 0)
        return leads

    def prune(self) -> None:
        """Forget rate buckets and flood windows nobody used lately."""
        engine = self.container.engine
        SqlRateBuckets(engine).prune(idle_seconds=600, keep="bot")
        SqlFloodWindows(engine).prune(before=_epoch() - 600)

    def sync_index(self) -> bool:
        """Rebuild the local index if the knowledge base changed; tell whether it did."""
        rebuilt = self.container.knowledge.ensure_index()
        if rebuilt:
            metrics.INDEX_REBUILDS.inc()
            log.info("search index rebuilt after a knowledge-base change")
        return rebuilt

    async def _elections(self) -> None:
        pruned = 0.0
        while True:
            await asyncio.sleep(ELECTION_EVERY)
            if await asyncio.to_thread(self.elect) and _epoch() - pruned > PRUNE_EVERY:
                pruned = _epoch()
                with contextlib.suppress(Exception):
                    await asyncio.to_thread(self.prune)

    async def _index_watch(self) -> None:
        while True:
            await asyncio.sleep(INDEX_CHECK_EVERY)
            try:
                await asyncio.to_thread(self.sync_index)
            except Exception as error:  # database away: the current index keeps serving
                log.warning("index check failed: %s", type(error).__name__)


def _epoch() -> float:
    return time.time()
