"""Build the aiogram dispatcher and bot from the container (no network at build time)."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand

from bot.container import Container
from bot.fsm_storage import DatabaseStorage
from bot.handlers import all_routers
from bot.handlers.errors import on_error

COMMANDS = [
    BotCommand(command="themes", description="Parcourir les fiches par thème"),
    BotCommand(command="conseiller", description="Être rappelé par un conseiller"),
    BotCommand(command="aide", description="Comment utiliser l'assistant"),
    BotCommand(command="confidentialite", description="Vos données et vos droits"),
]


def build_dispatcher(container: Container) -> Dispatcher:
    """Return a dispatcher with the routers, DB-backed FSM storage and injected services."""
    dispatcher = Dispatcher(storage=DatabaseStorage(container.uow))
    dispatcher["hotline"] = container.hotline
    # Registered on the root so that errors from every router reach the one handler.
    dispatcher.errors.register(on_error)
    dispatcher.include_routers(*all_routers())
    return dispatcher


def build_bot(token: str, api_base: str | None = None) -> Bot:
    """Return a bot talking to Telegram, or to another Bot API server (sandbox, self-hosted)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else None
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def announce_commands(bot: Bot) -> None:
    """Publish the command menu."""
    await bot.set_my_commands(COMMANDS)
