"""Build the aiogram dispatcher and bot from the container (no network at build time)."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from bot.app.cluster import Cluster
from bot.app.container import Container
from bot.app.reliability import install_reliability
from bot.delivery.dispatch_loop import install_tickets
from bot.delivery.session import DeliveryMiddleware, install_delivery
from bot.telegram import all_routers
from bot.telegram.errors import on_error
from bot.telegram.fsm_storage import DatabaseStorage
from bot.telegram.menus import publish_menus


def build_dispatcher(container: Container, cluster: Cluster | None = None) -> Dispatcher:
    """Return a dispatcher with the routers, DB-backed FSM storage and injected services.

    With a cluster, flood windows are the cluster's and the background loops run only while
    this process is the leader.
    """
    dispatcher = Dispatcher(storage=DatabaseStorage(container.uow))
    dispatcher["hotline"] = container.hotline
    dispatcher["backoffice"] = container.backoffice
    dispatcher["settings"] = container.settings
    install_tickets(dispatcher, container)  # services, and the outbox/jobs dispatch loop
    # Registered on the root so that errors from every router reach the one handler.
    dispatcher.errors.register(on_error)
    dispatcher.include_routers(*all_routers())
    flood = cluster.flood_guards() if cluster is not None else None
    install_reliability(dispatcher, container, flood)  # dedup, blocks, flood, retries, purge
    if cluster is not None:
        cluster.attach(dispatcher)
    return dispatcher


def build_bot(token: str, api_base: str | None = None, limiter=None) -> Bot:
    """Return a bot talking to Telegram, or to another Bot API server (sandbox, self-hosted)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else None
    bot = Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    # Rate limits (shared by the processes of a cluster), retries, failed sends kept for later.
    return install_delivery(bot, DeliveryMiddleware(limiter=limiter))


async def announce_commands(bot: Bot, container: Container) -> None:
    """Publish the command menus: officials, each advisor's private chat, the advisors' group."""
    await publish_menus(bot, container.advisors, container.tickets.policy.advisors_chat_id)
