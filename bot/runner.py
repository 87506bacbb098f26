"""`hotline run`: long polling, webhook, or the local sandbox when there is no token."""

from __future__ import annotations

import asyncio
import logging

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import announce_commands, build_bot, build_dispatcher
from bot.container import Container
from bot.sandbox.server import SandboxServer

SANDBOX_TOKEN = "123456:SANDBOX-TOKEN"
log = logging.getLogger(__name__)


async def run_polling(container: Container, say=print) -> None:
    """Poll Telegram (or the sandbox, started here when no token is set) until stopped."""
    settings = container.settings
    sandbox: SandboxServer | None = None
    api_base = settings.telegram_api_base
    if settings.telegram_token is None:
        sandbox = SandboxServer("127.0.0.1", settings.sandbox_port)
        await sandbox.start()
        api_base, token = sandbox.base_url, SANDBOX_TOKEN
        say(f"Aucun jeton Telegram : bac à sable local sur {sandbox.base_url}/")
        say("Ouvrez cette adresse dans un navigateur pour parler au bot. Ctrl+C pour arrêter.")
    else:
        token = settings.telegram_token.get_secret_value()
    bot = build_bot(token, api_base)
    dispatcher = build_dispatcher(container)
    try:
        await announce_commands(bot)
        await bot.delete_webhook(drop_pending_updates=False)
        await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=True)
    finally:
        if sandbox is not None:
            await sandbox.stop()


async def run_webhook(container: Container, say=print) -> None:
    """Serve the webhook with a secret token and register it with Telegram."""
    settings = container.settings
    if settings.telegram_token is None or not settings.webhook_url:
        raise SystemExit("Le mode webhook demande HOTLINE_TELEGRAM_TOKEN et HOTLINE_WEBHOOK_URL.")
    if settings.webhook_secret is None:
        raise SystemExit("Le mode webhook demande HOTLINE_WEBHOOK_SECRET (jeton secret).")
    secret = settings.webhook_secret.get_secret_value()
    bot = build_bot(settings.telegram_token.get_secret_value(), settings.telegram_api_base)
    dispatcher = build_dispatcher(container)
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=secret).register(app, path="/webhook")
    setup_application(app, dispatcher, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    await announce_commands(bot)
    await bot.set_webhook(settings.webhook_url, secret_token=secret)
    say(f"Webhook servi sur {settings.webhook_host}:{settings.webhook_port}/webhook")
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
