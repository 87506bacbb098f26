"""Closing a ticket: a resolution note, the "à ajouter à la base" toggle, then close."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.telegram.common import ask_about_ticket, cancel_step, drop_buttons, message_of
from bot.telegram.states import AdvisorFlow
from bot.views import ticket_texts as t
from bot.views.callbacks import ClosingStep, TicketAction
from bot.views.rendering import escape
from routing.tickets.service import TicketService

MIN_NOTE, MAX_NOTE = 5, 3000


def _buttons(add_to_kb: bool) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    toggle = t.KB_TOGGLE_ON if add_to_kb else t.KB_TOGGLE_OFF
    keyboard.button(text=toggle, callback_data=ClosingStep(a="kb"))
    keyboard.button(text=t.CLOSE_CONFIRM, callback_data=ClosingStep(a="ok"))
    keyboard.button(text=t.CANCEL, callback_data=ClosingStep(a="cancel"))
    keyboard.adjust(1)
    return keyboard.as_markup()


async def ask_note(
    callback: CallbackQuery, callback_data: TicketAction, state: FSMContext, tickets: TicketService
):
    """ "Clore": ask for the resolution note (if the advisor still holds the ticket)."""
    tickets.check_holding(callback_data.t, callback.from_user.id)
    await ask_about_ticket(
        callback, state, AdvisorFlow.close_note, callback_data.t, t.ASK_CLOSE_NOTE
    )


async def note(message: Message, state: FSMContext) -> None:
    """The note; then the summary with the toggle and "Clore"."""
    text = message.text.strip()
    if len(text) < MIN_NOTE:
        await message.answer(t.NOTE_TOO_SHORT)
        return
    await state.update_data(note=text[:MAX_NOTE], kb=False)
    await state.set_state(AdvisorFlow.close_confirm)
    ticket_id = (await state.get_data())["ticket_id"]
    summary = t.CLOSE_SUMMARY.format(number=ticket_id, note=escape(text[:MAX_NOTE]))
    await message.answer(summary, reply_markup=_buttons(False))


async def toggle_kb(callback: CallbackQuery, state: FSMContext) -> None:
    """Switch "à ajouter à la base" on or off."""
    add_to_kb = not (await state.get_data()).get("kb", False)
    await state.update_data(kb=add_to_kb)
    await callback.answer()
    await message_of(callback).edit_reply_markup(reply_markup=_buttons(add_to_kb))


async def close(callback: CallbackQuery, state: FSMContext, tickets: TicketService) -> None:
    """Close the ticket; the official is asked for a rating."""
    data = await state.get_data()
    ticket = tickets.close(
        int(data["ticket_id"]), callback.from_user.id, data["note"], bool(data.get("kb"))
    )
    await state.clear()
    message = await drop_buttons(callback)
    done = t.CLOSED_WITH_DRAFT if data.get("kb") else t.CLOSED
    await message.answer(done.format(number=ticket.number))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisors_closing")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    step = ClosingStep.filter
    router.message.register(note, AdvisorFlow.close_note, F.text, ~F.text.startswith("/"))
    router.callback_query.register(ask_note, TicketAction.filter(F.a == "close"))
    router.callback_query.register(toggle_kb, step(F.a == "kb"), AdvisorFlow.close_confirm)
    router.callback_query.register(close, step(F.a == "ok"), AdvisorFlow.close_confirm)
    router.callback_query.register(cancel_step, step(F.a == "cancel"))
    return router
