"""The advisors' lists in private: /mes_tickets (what they hold) and /file (unclaimed)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.telegram.common import send
from bot.views import ticket_texts as t
from bot.views import ticket_views as views
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.business_hours import Clock
from routing.tickets.service import TicketService


async def my_tickets(message: Message, tickets: TicketService, advisors: AdvisorDirectory):
    """/mes_tickets: the open tickets the advisor holds."""
    if advisors.get(message.from_user.id) is None:
        await message.answer(t.ADVISORS_ONLY)
        return
    await send(message, views.advisor_tickets(tickets.tickets_of_advisor(message.from_user.id)))


async def queue(
    message: Message, tickets: TicketService, advisors: AdvisorDirectory, clock: Clock
) -> None:
    """/file: the unclaimed tickets, oldest first, each with "Prendre en charge"."""
    if advisors.get(message.from_user.id) is None:
        await message.answer(t.ADVISORS_ONLY)
        return
    await send(message, views.queue(tickets.queue(message.from_user.id), clock.now()))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisors_lists")
    router.message.filter(F.chat.type == "private")
    router.message.register(my_tickets, Command("mes_tickets"))
    router.message.register(queue, Command("file"))
    return router
