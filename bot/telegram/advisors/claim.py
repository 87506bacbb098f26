"""Advisors take tickets: "Prendre en charge" (group card or /file) and /rejoindre CODE."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.telegram.menus import publish_advisor_menu
from bot.views import ticket_texts as t
from bot.views.callbacks import Claim
from bot.views.rendering import escape
from routing.errors import AlreadyClaimed, NotAllowed, TicketNotFound
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.service import TicketService

log = logging.getLogger(__name__)


async def claim(callback: CallbackQuery, callback_data: Claim, tickets: TicketService) -> None:
    """Claim a ticket; the database decides who may and who wins, never the button."""
    try:
        ticket = tickets.claim(callback_data.t, callback.from_user.id)
    except (NotAllowed, TicketNotFound, AlreadyClaimed) as refused:
        # Ids and the reason only: never names, phone numbers or message texts.
        log.warning(
            "claim refused: ticket %s, user %s: %s",
            callback_data.t,
            callback.from_user.id,
            type(refused).__name__,
        )
        raise
    await callback.answer(t.CLAIMED.format(number=ticket.number))


async def join(message: Message, command: CommandObject, advisors: AdvisorDirectory) -> None:
    """/rejoindre CODE: a one-time invitation makes the sender an advisor."""
    if not command.args:
        await message.answer(t.JOIN_USAGE)
        return
    advisor = advisors.join(message.from_user.id, message.from_user.first_name or "", command.args)
    role = t.ROLE_NAMES.get(advisor.role.value, advisor.role.value)
    await message.answer(t.JOINED.format(name=escape(advisor.name), role=role))
    await publish_advisor_menu(message.bot, advisor)  # their commands, in their menu too


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisors_claim")
    router.message.filter(F.chat.type == "private")
    router.message.register(join, Command("rejoindre"))
    router.callback_query.register(claim, Claim.filter())
    return router
