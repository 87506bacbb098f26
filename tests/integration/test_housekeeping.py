"""The bot process's background work: the retry loop and the daily purge, from the database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app.housekeeping import Housekeeping
from bot.delivery.session import DeliveryMiddleware, delivery_middleware, install_delivery
from routing.safety.failed_deliveries import DeliveryService
from routing.safety.privacy import PrivacyService
from storage.database import make_engine, make_session_factory, upgrade
from storage.uow import SqlUnitOfWork
from tests.telegram_fake import recording_bot

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def services(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    uow = lambda: SqlUnitOfWork(factory)  # noqa: E731
    return DeliveryService(uow, first_retry=timedelta(0)), PrivacyService(uow)


async def test_start_up_purges_once_resends_kept_messages_and_shutdown_stops(tmp_path):
    deliveries, privacy = services(tmp_path)
    deliveries.record(5001, "SendMessage", {"chat_id": 5001, "text": "Bonjour"}, "x", 4, NOW)
    bot, session = recording_bot()
    install_delivery(bot, DeliveryMiddleware())
    house = Housekeeping(deliveries, privacy, now=lambda: NOW, redelivery_every=0.05)
    await house.on_startup(bot)
    assert delivery_middleware(bot).deliveries is deliveries  # failed sends are kept from now
    for _ in range(100):
        if deliveries.pending(5001)[0].delivered_at:
            break
        await asyncio.sleep(0.05)
    await house.on_shutdown()
    assert [call.params["text"] for call in session.calls] == ["Bonjour"]
    assert privacy.last_purge() == NOW
    # A restart the same day does not purge again; the next day it does.
    again = Housekeeping(deliveries, privacy, now=lambda: NOW + timedelta(hours=2))
    assert await again.purge_if_due() is None
    later = Housekeeping(deliveries, privacy, now=lambda: NOW + timedelta(days=1, minutes=1))
    assert await later.purge_if_due() is not None


async def test_a_failing_pass_does_not_stop_the_loops(tmp_path):
    deliveries, privacy = services(tmp_path)
    deliveries.record(5001, "NoSuchMethod", {}, "x", 4, NOW)
    bot, _session = recording_bot()
    house = Housekeeping(deliveries, privacy, now=lambda: NOW, redelivery_every=0.05)
    await house.on_startup(bot)  # no delivery middleware on this bot: still fine
    await asyncio.sleep(0.2)
    assert all(not task.done() for task in house._tasks)
    await house.on_shutdown()
    [given_up] = deliveries.pending(5001)
    assert given_up.next_try_at is None and "ValueError" in given_up.error
