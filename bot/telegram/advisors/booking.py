"""Booking the call: date and time (Paris), channel, then the video link or the phone number."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.telegram.common import ask_about_ticket, cancel_step, drop_buttons
from bot.telegram.states import AdvisorFlow
from bot.views import ticket_texts as t
from bot.views.appointment_time import french_date, parse_appointment
from bot.views.callbacks import BookingStep, TicketAction
from routing.tickets.business_hours import Clock
from routing.tickets.contact import format_phone, parse_phone
from routing.tickets.model import Channel
from routing.tickets.service import TicketService


async def ask_when(
    callback: CallbackQuery, callback_data: TicketAction, state: FSMContext, tickets: TicketService
):
    """ "Fixer le rendez-vous": ask for the date and time (if the advisor still holds it)."""
    tickets.check_holding(callback_data.t, callback.from_user.id)
    await ask_about_ticket(callback, state, AdvisorFlow.book_when, callback_data.t, t.ASK_BOOK_WHEN)


async def when(message: Message, state: FSMContext, clock: Clock) -> None:
    """The typed date and time; unreadable or past ones get a French reason (same step)."""
    at = parse_appointment(message.text, clock.now())
    await state.update_data(at=at.isoformat())
    await state.set_state(AdvisorFlow.book_channel)
    keyboard = InlineKeyboardBuilder()
    for value, label in t.CHANNELS.items():
        keyboard.button(text=label, callback_data=BookingStep(a="channel", v=value))
    keyboard.button(text=t.CANCEL, callback_data=BookingStep(a="cancel"))
    keyboard.adjust(2, 1)
    text = t.ASK_BOOK_CHANNEL.format(when=french_date(at))
    await message.answer(text, reply_markup=keyboard.as_markup())


async def channel(
    callback: CallbackQuery, callback_data: BookingStep, state: FSMContext, tickets: TicketService
) -> None:
    """Telephone or video; then the link, or the number (the ticket's one offered)."""
    await state.update_data(channel=callback_data.v)
    await state.set_state(AdvisorFlow.book_contact)
    message = await drop_buttons(callback)
    keyboard = InlineKeyboardBuilder()
    if callback_data.v == Channel.VIDEO:
        text = t.ASK_BOOK_LINK
    else:
        text = t.ASK_BOOK_PHONE
        ticket = tickets.get(int((await state.get_data())["ticket_id"]), callback.from_user.id)
        if ticket.phone:
            label = t.USE_TICKET_PHONE.format(phone=format_phone(ticket.phone))
            keyboard.button(text=label, callback_data=BookingStep(a="phone"))
    keyboard.button(text=t.CANCEL, callback_data=BookingStep(a="cancel"))
    keyboard.adjust(1)
    await message.answer(text, reply_markup=keyboard.as_markup())


async def typed_contact(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """The video link (https) or another phone number."""
    data = await state.get_data()
    if data.get("channel") == Channel.VIDEO:
        link = message.text.strip()
        parsed = urlparse(link)
        if parsed.scheme != "https" or not parsed.netloc or len(link) > 500:
            await message.answer(t.LINK_INVALID)
            return
        await _book(message, state, tickets, message.from_user.id, link)
    else:
        await _book(message, state, tickets, message.from_user.id, parse_phone(message.text))


async def ticket_phone(callback: CallbackQuery, state: FSMContext, tickets: TicketService) -> None:
    """Call the number given in the request (read from the ticket, never from the button)."""
    message = await drop_buttons(callback)
    await _book(message, state, tickets, callback.from_user.id, None)


async def _book(message: Message, state: FSMContext, tickets, advisor_id: int, contact) -> None:
    data = await state.get_data()
    ticket_id, channel = int(data["ticket_id"]), Channel(data["channel"])
    at = datetime.fromisoformat(data["at"])
    tickets.book(ticket_id, advisor_id, at, channel, contact)
    await state.clear()
    text = t.BOOKED.format(when=french_date(at), channel=t.CHANNEL_NAMES[channel.value])
    await message.answer(text)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisors_booking")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    typed = (F.text, ~F.text.startswith("/"))
    step = BookingStep.filter
    channels = F.v.in_(set(Channel))
    router.message.register(when, AdvisorFlow.book_when, *typed)
    router.message.register(typed_contact, AdvisorFlow.book_contact, *typed)
    router.callback_query.register(ask_when, TicketAction.filter(F.a == "book"))
    router.callback_query.register(
        channel, step((F.a == "channel") & channels), AdvisorFlow.book_channel
    )
    router.callback_query.register(ticket_phone, step(F.a == "phone"), AdvisorFlow.book_contact)
    router.callback_query.register(cancel_step, step(F.a == "cancel"))
    return router
