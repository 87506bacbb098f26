"""/start, /aide (in private and in the advisors' group) and /confidentialite."""

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.settings import Settings
from bot.telegram.common import help_for, send, sender_of
from bot.views.conversation import commands
from bot.views.conversation.privacy_notice import privacy_notice
from bot.views.rendering import welcome
from routing.answers.hotline import HotlineService
from routing.tickets.advisors import AdvisorDirectory


async def start(message: Message, hotline: HotlineService, state: FSMContext) -> None:
    """Introduce the bot, its limits and privacy, with example questions."""
    await state.clear()
    person = hotline.meet(sender_of(message.from_user))
    await send(message, welcome(person.first_name))


async def help_command(message: Message, advisors: AdvisorDirectory) -> None:
    """List every command the person may use."""
    await message.answer(help_for(message.from_user.id, advisors))


async def group_help(message: Message) -> None:
    """/aide in the advisors' group: how the group works and the advisors' commands."""
    await message.answer(commands.group_help())


async def privacy(message: Message, settings: Settings) -> None:
    """Who processes what, why, for how long, and the person's rights."""
    await message.answer(
        privacy_notice(
            controller=settings.data_controller,
            contact=settings.privacy_contact,
            contact_days=settings.contact_retention_days,
            conversation_days=settings.log_retention_days,
        )
    )


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="start")
    private = F.chat.type == "private"
    router.message.register(start, CommandStart(), private)
    router.message.register(help_command, Command("aide"), private)
    router.message.register(privacy, Command("confidentialite"), private)
    router.message.register(group_help, Command("aide"), F.chat.type.in_({"group", "supergroup"}))
    return router
