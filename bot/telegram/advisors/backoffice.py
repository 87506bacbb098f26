"""/backoffice: a staff member asks for a one-time sign-in link to the web back-office."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.backoffice import texts
from bot.backoffice.services import BackOffice, sign_in_url
from bot.telegram.common import sender_of
from bot.views.rendering import escape


async def backoffice_link(message: Message, backoffice: BackOffice) -> None:
    """Send a sign-in link to a staff member (the DB role decides; NotStaff otherwise)."""
    token = backoffice.access.issue_link(sender_of(message.from_user).id)
    await message.answer(texts.SIGN_IN_LINK.format(url=escape(sign_in_url(backoffice, token))))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="backoffice")
    # Private chats only: a link posted in a group could be used by anyone there.
    router.message.filter(F.chat.type == "private")
    router.message.register(backoffice_link, Command("backoffice"))
    return router
