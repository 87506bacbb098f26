"""Everything the bot does not understand gets a calm explanation."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import help_for
from bot.views import texts
from bot.views.rendering import escape
from routing.tickets.advisors import AdvisorDirectory


async def not_understood(message: Message, advisors: AdvisorDirectory) -> None:
    """Unknown commands get the help; photos, voice, stickers, locations a calm explanation."""
    if message.text and message.text.startswith("/"):
        command = escape(message.text.split()[0].split("@")[0][:40])
        unknown = texts.UNKNOWN_COMMAND.format(command=command)
        await message.answer(f"{unknown}\n\n{help_for(message.from_user.id, advisors)}")
        return
    await message.answer(texts.NOT_TEXT)


async def stale_button(callback: CallbackQuery) -> None:
    """A button from an old version of the bot, or a forged payload."""
    await callback.answer(texts.ERROR_QUESTION, show_alert=True)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="fallback")
    router.message.register(not_understood, F.chat.type == "private")
    router.callback_query.register(stale_button)
    return router
