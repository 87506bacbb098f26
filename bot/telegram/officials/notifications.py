"""/notifications on|off: whether an official hears about new answers to their questions."""

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.backoffice import texts
from bot.backoffice.services import BackOffice
from bot.telegram.common import sender_of

ON = {"on", "oui", "activer"}
OFF = {"off", "non", "stop", "desactiver", "désactiver"}


async def notifications(message: Message, command: CommandObject, backoffice: BackOffice) -> None:
    """Turn answer notices on or off, or say whether they are on."""
    user_id = sender_of(message.from_user).id
    choice = (command.args or "").strip().lower()
    if choice in ON:
        backoffice.notifier.set_enabled(user_id, True)
        await message.answer(texts.NOTIFICATIONS_ON)
    elif choice in OFF:
        backoffice.notifier.set_enabled(user_id, False)
        await message.answer(texts.NOTIFICATIONS_OFF)
    else:
        enabled = backoffice.notifier.enabled(user_id)
        state = texts.STATE_ON if enabled else texts.STATE_OFF
        await message.answer(texts.NOTIFICATIONS_USAGE.format(state=state))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="notifications")
    router.message.filter(F.chat.type == "private")
    router.message.register(notifications, Command("notifications"))
    return router
