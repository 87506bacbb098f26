"""/themes: browse the knowledge base by group and entry, without typing."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import message_of, send
from bot.views.callbacks import Theme
from bot.views.rendering import theme_entries, theme_groups
from routing.answers.hotline import HotlineService


async def themes(message: Message, hotline: HotlineService) -> None:
    """Show the groups of entries."""
    await send(message, theme_groups(hotline.themes()))


async def browse(callback: CallbackQuery, callback_data: Theme, hotline: HotlineService) -> None:
    """Show the groups, or one page of a group's entries, in place."""
    groups = hotline.themes()
    if callback_data.g and callback_data.g in groups:
        reply = theme_entries(callback_data.g, groups[callback_data.g], callback_data.p)
    else:
        reply = theme_groups(groups)
    message = message_of(callback)
    if message is not None:
        await message.edit_text(reply.text, reply_markup=reply.markup)
    await callback.answer()


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="themes")
    router.message.filter(F.chat.type == "private")
    router.message.register(themes, Command("themes"))
    router.callback_query.register(browse, Theme.filter())
    return router
