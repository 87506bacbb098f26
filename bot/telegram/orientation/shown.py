"""After a button press, the message keeps what was chosen and loses its buttons."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.telegram.common import message_of, send, show_choice
from bot.views.rendering import Reply


async def chosen(callback: CallbackQuery, label: str) -> None:
    """Answer the press; show the choice under the prompt and take its buttons off."""
    await show_choice(callback, label)  # the one helper every flow uses


async def reply(callback: CallbackQuery, answer: Reply) -> None:
    """Send a new message in the chat of the pressed button."""
    message = message_of(callback)
    if message is not None:
        await send(message, answer)
