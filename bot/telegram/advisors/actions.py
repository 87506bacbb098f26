"""An advisor's private actions on a ticket they hold: open, reply, release, transfer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import ask_about_ticket, drop_buttons, message_of, send
from bot.telegram.states import AdvisorFlow
from bot.views import ticket_texts as t
from bot.views import ticket_views as views
from bot.views.callbacks import TicketAction, TransferTo
from routing.answers.hotline import HotlineService
from routing.errors import EntryUnavailable
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.service import TicketService

MAX_REPLY = 3500  # leaves room for the ticket header within Telegram's 4096 characters


def entry_titles(hotline: HotlineService, slugs) -> list[str]:
    """Return the titles of the entries the bot found for a ticket (slugs when unpublished)."""
    titles = []
    for slug in slugs:
        try:
            titles.append(hotline.entry(slug).title)
        except EntryUnavailable:
            titles.append(slug)
    return titles


async def open_ticket(
    callback: CallbackQuery,
    callback_data: TicketAction,
    tickets: TicketService,
    hotline: HotlineService,
) -> None:
    """Show a ticket in full (contact details only to the advisor holding it)."""
    ticket = tickets.get(callback_data.t, callback.from_user.id)
    await callback.answer()
    held = ticket.status.is_held and ticket.advisor_id == callback.from_user.id
    fields = views.ticket_fields(ticket, entry_titles(hotline, ticket.topic_slugs))
    await send(message_of(callback), views.full_ticket(fields, held=held))


async def ask_reply(
    callback: CallbackQuery, callback_data: TicketAction, state: FSMContext, tickets: TicketService
):
    """ "Répondre": the next message goes to the official (if the advisor still holds it)."""
    tickets.check_holding(callback_data.t, callback.from_user.id)
    await ask_about_ticket(callback, state, AdvisorFlow.reply, callback_data.t, t.ASK_REPLY)


async def reply(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """The advisor's message, relayed to the official with the ticket number."""
    ticket_id = int((await state.get_data())["ticket_id"])
    ticket = tickets.relay_to_official(ticket_id, message.from_user.id, message.text[:MAX_REPLY])
    await state.clear()
    await message.answer(t.REPLY_SENT.format(number=ticket.number))


async def release(
    callback: CallbackQuery, callback_data: TicketAction, tickets: TicketService
) -> None:
    """ "Libérer": the ticket goes back to the queue."""
    ticket = tickets.release(callback_data.t, callback.from_user.id)
    message = await drop_buttons(callback)
    await message.answer(t.RELEASED.format(number=ticket.number))


async def ask_transfer(
    callback: CallbackQuery,
    callback_data: TicketAction,
    tickets: TicketService,
    advisors: AdvisorDirectory,
) -> None:
    """ "Transférer": one button per other advisor."""
    ticket = tickets.check_holding(callback_data.t, callback.from_user.id, staff_too=True)
    await callback.answer()
    reply = views.transfer_choices(ticket, advisors.list(), callback.from_user.id)
    await send(message_of(callback), reply)


async def transfer(
    callback: CallbackQuery,
    callback_data: TransferTo,
    tickets: TicketService,
    advisors: AdvisorDirectory,
) -> None:
    """Hand the ticket to the chosen advisor (who must be registered: checked by the domain)."""
    ticket = tickets.transfer(callback_data.t, callback.from_user.id, callback_data.u)
    target = advisors.get(callback_data.u)
    name = target.name if target else str(callback_data.u)
    await callback.answer()
    text = t.TRANSFERRED.format(number=ticket.number, name=views.escape(name))
    await message_of(callback).edit_text(text)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisors_actions")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    action = TicketAction.filter
    router.message.register(reply, AdvisorFlow.reply, F.text, ~F.text.startswith("/"))
    router.callback_query.register(open_ticket, action(F.a == "open"))
    router.callback_query.register(ask_reply, action(F.a == "reply"))
    router.callback_query.register(release, action(F.a == "release"))
    router.callback_query.register(ask_transfer, action(F.a == "transfer"))
    router.callback_query.register(transfer, TransferTo.filter())
    return router
