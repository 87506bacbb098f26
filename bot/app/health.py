"""/healthz, /readyz and /metrics on HOTLINE_METRICS_PORT, fed by a background probe."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiogram import Bot
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, ProcessCollector, generate_latest
from sqlalchemy import text

from bot.app.cluster import Cluster
from bot.app.container import Container
from bot.delivery.session import delivery_middleware
from bot.observability import metrics
from routing.tickets.model import TicketStatus
from routing.tickets.outbox import MAX_ATTEMPTS
from storage.cluster.figures import read_figures

log = logging.getLogger(__name__)
PROBE_EVERY = 5.0  # database figures are read this often, never per scrape
TELEGRAM_FRESH = 60.0  # /readyz wants an answer of the Bot API within the last minute
# CPU and memory of the process (process_cpu_seconds_total...), for the per-update cost.
ProcessCollector(registry=metrics.REGISTRY)


@dataclass
class Health:
    """What /readyz reports: the last probe's view of the database, index and Telegram."""

    container: Container
    cluster: Cluster
    bot: Bot
    database_ok: bool = False
    checked: dict[str, bool] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic

    def telegram_recent(self) -> bool:
        """Tell whether the Bot API answered in the last minute."""
        try:
            last = delivery_middleware(self.bot).last_answer
        except LookupError:
            return False
        return last is not None and self.clock() - last <= TELEGRAM_FRESH

    def readiness(self) -> dict[str, bool]:
        """Return each readiness condition and whether it holds."""
        return {
            "database": self.database_ok,
            "index": self.container.knowledge.index.exists(),
            "telegram": self.telegram_recent(),
        }

    def probe_database(self) -> None:
        """Check the database and refresh the gauges that need queries (in a worker thread)."""
        engine = self.container.engine
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            figures = read_figures(engine, datetime.now(UTC), MAX_ATTEMPTS)
        except Exception as error:
            self.database_ok = False
            metrics.DATABASE_UP.set(0)
            log.warning("database probe failed: %s", type(error).__name__)
            return
        self.database_ok = True
        metrics.DATABASE_UP.set(1)
        metrics.OUTBOX_BACKLOG.set(figures.outbox_backlog)
        oldest = figures.outbox_oldest
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        metrics.OUTBOX_OLDEST_SECONDS.set(max(age, 0.0))
        metrics.FAILED_DELIVERIES.set(figures.failed_pending)
        for status in TicketStatus:
            metrics.TICKETS.labels(str(status)).set(figures.tickets.get(str(status), 0))

    async def probe(self) -> None:
        """One probe: database figures, then the Bot API if it has been silent a while."""
        await asyncio.to_thread(self.probe_database)
        if not self.telegram_recent():
            with contextlib.suppress(Exception):  # counted as a failed getMe call anyway
                await self.bot.get_me()

    async def run(self) -> None:
        """Probe until cancelled."""
        while True:
            await self.probe()
            await asyncio.sleep(PROBE_EVERY)


def build_health_app(health: Health) -> web.Application:
    """Return the aiohttp app of the three endpoints."""

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(_request: web.Request) -> web.Response:
        checks = health.readiness()
        status = 200 if all(checks.values()) else 503
        return web.Response(
            status=status, text=json.dumps(checks) + "\n", content_type="application/json"
        )

    async def metrics_page(_request: web.Request) -> web.Response:
        body = generate_latest(metrics.REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_page)
    return app


@contextlib.asynccontextmanager
async def serve_health(
    container: Container, cluster: Cluster, bot: Bot, say: Callable[[str], object]
) -> AsyncIterator[Health | None]:
    """Serve the endpoints on HOTLINE_METRICS_PORT (not at all when it is unset)."""
    settings = container.settings
    if settings.metrics_port is None:
        yield None
        return
    health = Health(container, cluster, bot)
    runner = web.AppRunner(build_health_app(health), access_log=None)
    await runner.setup()
    task = asyncio.create_task(health.run(), name="hotline-health-probe")
    try:
        await web.TCPSite(runner, settings.metrics_host, settings.metrics_port).start()
        host, port = runner.addresses[0][:2]
        say(f"Santé et métriques : http://{host}:{port}/metrics (/healthz, /readyz).")
        yield health
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await runner.cleanup()
