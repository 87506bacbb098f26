"""/start, /aide and /confidentialite."""

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.telegram.common import send, sender_of
from bot.views import texts
from bot.views.rendering import welcome
from routing.answers.hotline import HotlineService


async def start(message: Message, hotline: HotlineService, state: FSMContext) -> None:
    """Introduce the bot, its limits and privacy, with example questions."""
    await state.clear()
    person = hotline.meet(sender_of(message.from_user))
    await send(message, welcome(person.first_name))


async def help_command(message: Message) -> None:
    """Explain how to use the bot."""
    await message.answer(texts.HELP)


async def privacy(message: Message) -> None:
    """Say what is stored, why, for how long and how to have it deleted."""
    await message.answer(texts.PRIVACY)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="start")
    router.message.filter(F.chat.type == "private")
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("aide"))
    router.message.register(privacy, Command("confidentialite"))
    return router
