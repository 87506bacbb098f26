"""The retry loop's pass: send again the calls that failed, until delivered or hopeless."""

from __future__ import annotations

import logging
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError

from bot.delivery.method_codec import method_from_payload
from bot.delivery.session import describe, recording_failures
from routing.safety.failed_deliveries import DeliveryService

log = logging.getLogger(__name__)
PASSING = (TelegramRetryAfter, TelegramServerError, TelegramNetworkError)


async def redeliver_due(bot: Bot, deliveries: DeliveryService, now: datetime) -> int:
    """Try every due failed call once; return how many were delivered."""
    delivered = 0
    for delivery in deliveries.due(now):
        try:
            method = method_from_payload(delivery.method, delivery.payload)
            # This loop keeps the record itself: a new failure must not create a second one.
            with recording_failures(False):
                await bot(method)
        except PASSING as error:
            deliveries.failed_again(delivery, describe(error), now)
        except Exception as error:  # chat gone, bot blocked, bad payload: retrying won't help
            log.warning("delivery %d given up: %s", delivery.id, type(error).__name__)
            deliveries.failed_again(delivery, describe(error), now, permanent=True)
        else:
            deliveries.delivered(delivery.id, now)
            delivered += 1
    if delivered:
        log.info("%d failed message(s) delivered on retry", delivered)
    return delivered
