"""Everything the bot does not understand gets a calm explanation."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.views import texts


async def not_understood(message: Message) -> None:
    """Photos, voice, stickers, documents, locations, unknown commands."""
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
