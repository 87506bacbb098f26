"""Helpers shared by handlers: who sent an update, sending a Reply, the steps of a flow."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message, User

from bot.views import ticket_texts
from bot.views.rendering import Reply
from routing.answers.hotline import Sender


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


async def drop_buttons(callback: CallbackQuery) -> Message:
    """Answer a button press and remove the buttons it came with; return their message."""
    await callback.answer()
    message = message_of(callback)
    await message.edit_reply_markup(reply_markup=None)
    return message


async def cancel_step(callback: CallbackQuery, state: FSMContext) -> None:
    """ "Annuler" in a multi-step flow: forget the step and say it is cancelled."""
    await state.clear()
    message = await drop_buttons(callback)
    await message.answer(ticket_texts.CANCELLED_ACTION)


async def ask_about_ticket(
    callback: CallbackQuery, state: FSMContext, step: State, ticket_id: int, prompt: str
) -> None:
    """Enter `step` for that ticket and send the prompt (its `{number}` filled in)."""
    await state.set_state(step)
    await state.set_data({"ticket_id": ticket_id})
    await callback.answer()
    await message_of(callback).answer(prompt.format(number=ticket_id))
