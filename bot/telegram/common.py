"""Helpers shared by handlers: who sent an update, sending a Reply, the steps of a flow."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, User

from bot.views import ticket_texts
from bot.views.conversation import commands
from bot.views.markdown_html import TELEGRAM_LIMIT
from bot.views.rendering import Reply, with_choice
from routing.answers.hotline import Sender
from routing.records import Role
from routing.tickets.advisors import AdvisorDirectory


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
    """Answer a button press, show the label pressed in place of the buttons; return the message."""
    return await show_choice(callback)


async def show_choice(
    callback: CallbackQuery,
    choice: str | None = None,
    keep: InlineKeyboardMarkup | None = None,
    notice: str | None = None,
) -> Message | None:
    """Answer a press and edit its message to show the choice made, without its buttons.

    The choice shown is `choice`, else the label of the button pressed.
    `keep` puts back the buttons that still make sense (e.g. "Lire la fiche complète" once
    the feedback is given); `notice` is the short toast shown to the person. Returns the
    message, or None when Telegram no longer gives it.
    """
    await callback.answer(notice)
    message = message_of(callback)
    if message is None:
        return None
    choice = choice or pressed_label(message, callback.data) or ""
    shown = with_choice(message.html_text, choice)
    try:
        if len(shown) > TELEGRAM_LIMIT:  # a long ticket or question: no room, buttons just go
            raise TelegramBadRequest(method=None, message="message is too long")
        await message.edit_text(shown, reply_markup=keep)
    except TelegramBadRequest:  # a document has no text to edit: just drop the buttons
        await message.edit_reply_markup(reply_markup=keep)
    return message


def pressed_label(message: Message, data: str | None) -> str | None:
    """The label of the button carrying `data` under a message, if it is still there."""
    markup = message.reply_markup
    rows = markup.inline_keyboard if markup is not None else []
    return next((b.text for row in rows for b in row if b.callback_data == data), None)


def buttons_without(message: Message | None, prefix: str) -> InlineKeyboardMarkup | None:
    """The message's buttons minus those whose payload starts with `prefix` (None if none)."""
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return None
    rows = [
        [b for b in row if not (b.callback_data or "").startswith(prefix)]
        for row in markup.inline_keyboard
    ]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


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


def help_for(user_id: int, advisors: AdvisorDirectory) -> str:
    """The /aide text for this person: advisors and staff see theirs too (role from the DB)."""
    advisor = advisors.get(user_id)
    if advisor is None:
        return commands.help_text()
    return commands.help_text(advisor=True, staff=advisor.role == Role.STAFF)
