"""Helpers shared by handlers: who sent an update, and sending a Reply."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message, User

from bot.rendering import Reply
from routing.hotline import Sender


def sender_of(user: User | None) -> Sender:
    """Return the service-level sender of an update."""
    if user is None:
        return Sender(0)
    return Sender(user.id, user.first_name or "", user.username)


async def send(message: Message, reply: Reply) -> Message:
    """Send a Reply as an HTML message in the chat of `message`."""
    return await message.answer(reply.text, reply_markup=reply.markup)


def message_of(callback: CallbackQuery) -> Message | None:
    """Return the message a button belongs to, if Telegram still gives it."""
    return callback.message if isinstance(callback.message, Message) else None
