"""Ways into the call-back request: /conseiller and the "Parler à un conseiller" button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import message_of, sender_of
from bot.telegram.officials import intake
from bot.views.callbacks import Advisor
from routing.answers.hotline import HotlineService
from routing.tickets.service import TicketService

# The questions handler keeps the person's last question here, to pre-fill the request.
LAST_QUESTION = "last_question"


async def remember_question(state: FSMContext, question_id: int, text: str) -> None:
    """Keep the last question asked, so a request to an advisor starts from it."""
    await state.update_data({LAST_QUESTION: [question_id, text]})


async def last_question(state: FSMContext) -> tuple[int | None, str]:
    """Return the last question asked in this chat, if any."""
    remembered = (await state.get_data()).get(LAST_QUESTION)
    return (remembered[0], remembered[1]) if remembered else (None, "")


async def asked_question(
    state: FSMContext, hotline: HotlineService, sender, question_id: int | None
) -> tuple[int | None, str]:
    """Return the question a button refers to (read back from the database), else the last one."""
    if question_id:
        # A button carries its question: under an older answer it is not the last one asked.
        return question_id, hotline.question_text(sender, question_id)
    return await last_question(state)


async def advisor_command(
    message: Message, state: FSMContext, hotline: HotlineService, tickets: TicketService
) -> None:
    """/conseiller: start the request, from the last question asked if any."""
    hotline.meet(sender_of(message.from_user))
    question_id, text = await last_question(state)
    await intake.begin(message, state, question_id, text, tickets, message.from_user.id)


async def advisor_button(
    callback: CallbackQuery,
    callback_data: Advisor,
    state: FSMContext,
    hotline: HotlineService,
    tickets: TicketService,
) -> None:
    """ "Parler à un conseiller" under an answer: start the request about that question."""
    sender = sender_of(callback.from_user)
    hotline.meet(sender)
    await callback.answer()
    message = message_of(callback)
    if message is None:
        return
    question_id, text = await asked_question(state, hotline, sender, callback_data.q or None)
    await intake.begin(message, state, question_id, text, tickets, callback.from_user.id)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisor")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(advisor_command, Command("conseiller"))
    router.callback_query.register(advisor_button, Advisor.filter())
    return router
