"""Requests to talk to an advisor: /conseiller and the "Parler à un conseiller" button."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.callbacks import Advisor
from bot.handlers.common import message_of, sender_of
from routing.hotline import HotlineService


async def advisor_command(message: Message, hotline: HotlineService) -> None:
    """Record a request to be called back."""
    number = hotline.request_advisor(sender_of(message.from_user), None, "commande")
    await message.answer(texts.ADVISOR_RECORDED.format(number=number))


async def advisor_button(
    callback: CallbackQuery, callback_data: Advisor, hotline: HotlineService
) -> None:
    """Record a request to be called back about a question."""
    question_id = callback_data.q or None
    number = hotline.request_advisor(sender_of(callback.from_user), question_id, "bouton")
    await callback.answer()
    message = message_of(callback)
    if message is not None:
        await message.answer(texts.ADVISOR_RECORDED.format(number=number))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="advisor")
    router.message.filter(F.chat.type == "private")
    router.message.register(advisor_command, Command("conseiller"))
    router.callback_query.register(advisor_button, Advisor.filter())
    return router
