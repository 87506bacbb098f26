"""Incoming flood control: one calm message, then silence until the person is calm again."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Update

from bot.views import safety_texts
from routing.safety.flood import FloodGuard, FloodVerdict

log = logging.getLogger(__name__)


class FloodMiddleware(BaseMiddleware):
    """Outer update middleware: private messages and button presses are counted per person."""

    def __init__(self, messages: FloodGuard, buttons: FloodGuard) -> None:
        self.messages = messages
        self.buttons = buttons

    async def __call__(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        message = event.message or event.edited_message
        if message is not None and message.chat.type == "private" and message.from_user:
            verdict = self.messages.check(message.from_user.id)
            if verdict == FloodVerdict.WARN:
                log.info("flood: messages of a person dropped until calm")
                try:
                    await data["bot"].send_message(message.chat.id, safety_texts.FLOOD)
                except Exception as error:
                    log.warning("could not send the flood notice: %s", type(error).__name__)
        elif event.callback_query is not None:
            # Buttons are dropped silently: Telegram stops the button's spinner by itself.
            verdict = self.buttons.check(event.callback_query.from_user.id)
        else:
            verdict = FloodVerdict.PASS
        if verdict != FloodVerdict.PASS:
            return None
        return await handler(event, data)
