"""Each update is taken in once (webhook retries), and blocked people are turned away."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import Update, User

from bot.delivery.session import noting_sends
from bot.views import safety_texts
from routing.safety.moderation import ModerationService
from storage.transient import retry_transient_async

log = logging.getLogger(__name__)


class AdmissionMiddleware(BaseMiddleware):
    """Outer update middleware: skip redeliveries; a blocked person gets one polite message."""

    def __init__(self, moderation: ModerationService) -> None:
        self.moderation = moderation

    async def __call__(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        user_id = user.id if user else None

        async def admit():
            return self.moderation.admit(event.update_id, user_id)

        admission = await retry_transient_async(admit)
        if not admission.fresh:
            log.info("update %s delivered again: skipped", event.update_id)
            return None
        if admission.blocked:
            if admission.notify_block:
                await _tell_blocked(data["bot"], user_id)
            return None
        moderation, update_id = self.moderation, event.update_id
        noting = (lambda: moderation.count_sent(update_id)) if moderation.owner else None
        try:
            with noting_sends(noting):
                return await handler(event, data)
        finally:
            await _finish(self.moderation, event.update_id)


async def _tell_blocked(bot: Bot, user_id: int) -> None:
    # In their private chat (its id is theirs), wherever they wrote from.
    try:
        await bot.send_message(user_id, safety_texts.BLOCKED)
    except Exception as error:  # they may never have opened a private chat with the bot
        log.warning("could not tell a blocked person: %s", type(error).__name__)


async def _finish(moderation: ModerationService, update_id: int) -> None:
    # Done, even if the handler failed: an update that breaks it must not be handled forever.
    try:
        await retry_transient_async(lambda: _finished(moderation, update_id))
    except Exception as error:  # the database is away: a redelivery would be skipped anyway
        log.warning("update %s not marked done: %s", update_id, type(error).__name__)


async def _finished(moderation: ModerationService, update_id: int) -> None:
    moderation.finish(update_id)
