"""After a button press, the message keeps what was chosen and loses its buttons."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery

from bot.telegram.common import message_of, send
from bot.views.rendering import Reply, escape


async def chosen(callback: CallbackQuery, label: str) -> None:
    """Answer the press; show "→ label" under the prompt and take its buttons off."""
    await callback.answer()
    message = message_of(callback)
    if message is None:
        return
    try:
        await message.edit_text(f"{message.html_text}\n\n→ <b>{escape(label)}</b>")
    except TelegramBadRequest:  # a document or an unchanged text: just drop the buttons
        await message.edit_reply_markup(reply_markup=None)


async def reply(callback: CallbackQuery, answer: Reply) -> None:
    """Send a new message in the chat of the pressed button."""
    message = message_of(callback)
    if message is not None:
        await send(message, answer)
