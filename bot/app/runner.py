"""`hotline run`: long polling, webhook, or the local sandbox when there is no token."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
from collections.abc import AsyncIterator, Callable

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app.container import Container
from bot.app.dispatcher import announce_commands, build_bot, build_dispatcher
from bot.backoffice.server import serve_backoffice
from bot.sandbox.demo import prepare_demo
from bot.sandbox.server import SandboxServer
from bot.settings import Settings

SANDBOX_TOKEN = "123456:SANDBOX-TOKEN"
WEBHOOK_PATH = "/webhook"
# Telegram's rule for setWebhook's secret_token; checked here to fail with a clear message.
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def telegram_endpoint(
    settings: Settings, say: Callable[[str], object]
) -> AsyncIterator[tuple[str, str | None]]:
    """Yield (token, API base): Telegram's from the settings, or a sandbox started here."""
    if settings.telegram_token is not None:
        yield settings.telegram_token.get_secret_value(), settings.telegram_api_base
        return
    async with SandboxServer("127.0.0.1", settings.sandbox_port) as sandbox:
        say(f"Aucun jeton Telegram : bac à sable local sur {sandbox.base_url}/")
        say("Ouvrez cette adresse dans un navigateur pour parler au bot. Ctrl+C pour arrêter.")
        yield SANDBOX_TOKEN, sandbox.base_url


async def run_polling(container: Container, say: Callable[[str], object] = print) -> None:
    """Poll Telegram (or the sandbox, started here when no token is set) until stopped."""
    async with (
        telegram_endpoint(container.settings, say) as (token, api_base),
        serve_backoffice(container, say),
    ):
        bot = build_bot(token, api_base)
        # Sandbox: demo advisors and group (issue 4); real token: any demo advisor taken off.
        prepare_demo(container, sandbox=token == SANDBOX_TOKEN, say=say)
        dispatcher = build_dispatcher(container)
        try:
            await announce_commands(bot, container)
            await bot.delete_webhook(drop_pending_updates=False)
        except BaseException:
            await bot.session.close()
            raise
        await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=True)


def webhook_secret(settings: Settings) -> str:
    """Return the webhook's secret token: configured (required with a token) or made up."""
    configured = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not configured:
        if settings.telegram_token is not None:
            raise SystemExit("Le mode webhook demande HOTLINE_WEBHOOK_SECRET (jeton secret).")
        # The local sandbox needs no fixed secret, but the webhook is still never left open.
        return secrets.token_urlsafe(32)
    if not _SECRET_TOKEN.fullmatch(configured):
        raise SystemExit(
            "HOTLINE_WEBHOOK_SECRET : 1 à 256 caractères parmi A-Z, a-z, 0-9, « _ » et « - »."
        )
    return configured


def build_webhook_app(dispatcher: Dispatcher, bot: Bot, secret: str) -> web.Application:
    """Return the aiohttp app serving WEBHOOK_PATH; a wrong or missing secret gets 401."""
    if not secret:
        raise ValueError("a webhook is never served without a secret token")
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=secret).register(app, path=WEBHOOK_PATH)
    setup_application(app, dispatcher, bot=bot)
    return app


async def run_webhook(container: Container, say: Callable[[str], object] = print) -> None:
    """Serve the webhook with a secret token and register it (with the sandbox if no token)."""
    settings = container.settings
    if settings.telegram_token is not None and not settings.webhook_url:
        raise SystemExit("Le mode webhook demande HOTLINE_WEBHOOK_URL (adresse publique HTTPS).")
    secret = webhook_secret(settings)
    async with (
        telegram_endpoint(settings, say) as (token, api_base),
        serve_backoffice(container, say),
    ):
        bot = build_bot(token, api_base)
        prepare_demo(container, sandbox=token == SANDBOX_TOKEN, say=say)  # as in run_polling
        runner = web.AppRunner(build_webhook_app(build_dispatcher(container), bot, secret))
        await runner.setup()  # from here, cleanup() also closes the bot's session
        try:
            await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
            host, port = runner.addresses[0][:2]
            local = f"http://{host}:{port}{WEBHOOK_PATH}"
            # Without a public URL (sandbox only), the sandbox posts to the local address.
            url = settings.webhook_url or local
            await announce_commands(bot, container)
            await bot.set_webhook(url, secret_token=secret)
            declared = "" if url == local else f", déclaré à l'adresse publique {url}"
            say(f"Webhook servi sur {local}{declared}.")
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
