"""The official's side of a ticket: /mes_demandes, details, relay, appointment and rating."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.telegram.common import ask_about_ticket, message_of, send, show_choice
from bot.telegram.officials.questions import respond
from bot.telegram.states import OfficialFlow
from bot.views import ticket_texts as t
from bot.views import ticket_views as views
from bot.views.callbacks import OfficialTicket, Rating
from bot.views.conversation.replies import follow_up as follow_up_reply
from routing.answers.answering import AnswerService
from routing.answers.decision import DecisionKind
from routing.answers.hotline import HotlineService
from routing.tickets.model import Ticket
from routing.tickets.service import TicketService

MAX_TEXT = 3500  # leaves room for the ticket header within Telegram's 4096 characters
# When the knowledge base could answer the text, it may be a new question rather than a follow-up.
COULD_BE_NEW = (DecisionKind.ANSWER, DecisionKind.CLARIFY)


class HeldTicket(Filter):
    """Pass when the sender has a ticket their messages belong to (held, or released and
    waiting for the next holder); gives it as `held`."""

    async def __call__(self, message: Message, tickets: TicketService) -> bool | dict:
        ticket = tickets.followed_ticket_of(message.from_user.id)
        return {"held": ticket} if ticket is not None else False


async def my_tickets(message: Message, tickets: TicketService) -> None:
    """/mes_demandes: the official's tickets with their status and actions."""
    await send(message, views.official_tickets(tickets.tickets_of_official(message.from_user.id)))


async def ask_detail(callback: CallbackQuery, callback_data: OfficialTicket, state: FSMContext):
    """ "Préciser": the next message is added to the ticket."""
    await ask_about_ticket(callback, state, OfficialFlow.detail, callback_data.t, t.ASK_DETAIL)


async def detail(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """The detail itself."""
    ticket_id = int((await state.get_data())["ticket_id"])
    ticket = tickets.add_detail(ticket_id, message.from_user.id, message.text[:MAX_TEXT])
    await state.clear()
    await message.answer(t.DETAIL_ADDED.format(number=ticket.number))


async def cancel_ticket(
    callback: CallbackQuery, callback_data: OfficialTicket, tickets: TicketService
) -> None:
    """ "Annuler n° N": the official withdraws the ticket."""
    ticket = tickets.cancel(callback_data.t, callback.from_user.id)
    await callback.answer(t.TICKET_CANCELLED.format(number=ticket.number))
    await message_of(callback).answer(t.TICKET_CANCELLED.format(number=ticket.number))


async def follow_up(
    message: Message,
    held: Ticket,
    state: FSMContext,
    tickets: TicketService,
    answers: AnswerService,
) -> None:
    """Text while an advisor holds a ticket: relay it, asking first if it may be a new question."""
    text = message.text[:MAX_TEXT]
    is_reply = message.reply_to_message is not None and message.reply_to_message.from_user.is_bot
    kind = answers.answer(text, open_ticket=True).kind
    if kind == DecisionKind.FOLLOW_UP and not is_reply:
        # "Avez-vous pu regarder ?": where the request stands, and a way to add to it.
        await send(message, follow_up_reply(held))
        return
    if is_reply or kind not in COULD_BE_NEW:
        await _relay(message, held.id, message.from_user.id, text, tickets)
        return
    await state.set_state(OfficialFlow.relay_choice)
    await state.set_data({"ticket_id": held.id, "pending": text})
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=t.RELAY_YES, callback_data=OfficialTicket(a="add", t=held.id))
    keyboard.button(text=t.RELAY_NO, callback_data=OfficialTicket(a="new", t=held.id))
    keyboard.adjust(1)
    await message.answer(t.ASK_RELAY.format(number=held.number), reply_markup=keyboard.as_markup())


async def relay_choice(
    callback: CallbackQuery,
    callback_data: OfficialTicket,
    state: FSMContext,
    tickets: TicketService,
    hotline: HotlineService,
) -> None:
    """ "Oui, l'ajouter" relays the pending text; "Non" answers it as a new question."""
    data = await state.get_data()
    message = await show_choice(callback)
    pending = data.get("pending", "")
    await state.clear()
    if callback_data.a == "add":
        await _relay(message, callback_data.t, callback.from_user.id, pending, tickets)
    else:
        await respond(message, callback.from_user, pending, hotline, state)


async def _relay(message: Message, ticket_id: int, official_id: int, text: str, tickets):
    ticket = tickets.relay_to_advisor(ticket_id, official_id, text)
    done = t.RELAYED if ticket.status.is_held else t.ATTACHED
    await message.answer(done.format(number=ticket.number))


async def appointment(
    callback: CallbackQuery, callback_data: OfficialTicket, tickets: TicketService
) -> None:
    """ "Confirmer" or "Proposer un autre créneau" under an appointment."""
    if callback_data.a == "ok":
        tickets.official_confirms(callback_data.t, callback.from_user.id)
        text = t.APPOINTMENT_CONFIRMED
    else:
        tickets.official_asks_reslot(callback_data.t, callback.from_user.id)
        text = t.RESLOT_ASKED
    message = await show_choice(callback)
    await message.answer(text)


async def rate(
    callback: CallbackQuery, callback_data: Rating, state: FSMContext, tickets: TicketService
) -> None:
    """1 to 5 stars after a ticket is closed; then an optional comment."""
    tickets.rate(callback_data.t, callback.from_user.id, callback_data.s)
    message = await show_choice(callback)
    await state.set_state(OfficialFlow.rating_comment)
    await state.set_data({"ticket_id": callback_data.t, "stars": callback_data.s})
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=t.SKIP, callback_data=OfficialTicket(a="skip", t=callback_data.t))
    text = f"{t.RATED.format(stars=callback_data.s)}\n{t.ASK_RATING_COMMENT}"
    await message.answer(text, reply_markup=keyboard.as_markup())


async def rating_comment(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """The optional comment after the rating."""
    data = await state.get_data()
    await state.clear()
    tickets.rate(int(data["ticket_id"]), message.from_user.id, int(data["stars"]), message.text)
    await message.answer(t.RATING_COMMENT_THANKS)


async def skip_comment(callback: CallbackQuery, state: FSMContext, tickets: TicketService):
    """ "Passer" instead of a comment: the advisor hears of the rating now, without one."""
    data = await state.get_data()
    await state.clear()
    tickets.rate(int(data["ticket_id"]), callback.from_user.id, int(data["stars"]), final=True)
    await callback.answer()
    await message_of(callback).edit_text(t.RATING_COMMENT_SKIPPED)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="tickets_official")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    typed = (F.text, ~F.text.startswith("/"))
    action = OfficialTicket.filter
    router.message.register(my_tickets, Command("mes_demandes"))
    router.message.register(detail, OfficialFlow.detail, *typed)
    router.message.register(rating_comment, OfficialFlow.rating_comment, *typed)
    relay_states = StateFilter(None, OfficialFlow.relay_choice)
    router.message.register(follow_up, relay_states, HeldTicket(), *typed)
    router.callback_query.register(ask_detail, action(F.a == "detail"))
    router.callback_query.register(cancel_ticket, action(F.a == "cancel"))
    router.callback_query.register(
        relay_choice, action(F.a.in_({"add", "new"})), OfficialFlow.relay_choice
    )
    router.callback_query.register(appointment, action(F.a.in_({"ok", "re"})))
    router.callback_query.register(skip_comment, action(F.a == "skip"), OfficialFlow.rating_comment)
    router.callback_query.register(rate, Rating.filter(F.s.in_({1, 2, 3, 4, 5})))
    return router
