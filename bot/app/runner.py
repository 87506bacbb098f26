"""`hotline run`: long polling, webhook, or the local sandbox when there is no token."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import signal
import time
from collections.abc import AsyncIterator, Callable, Iterator

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app.cluster import Cluster
from bot.app.container import Container
from bot.app.dispatcher import announce_commands, build_bot, build_dispatcher
from bot.app.drain import Drain
from bot.app.health import serve_health
from bot.app.single_process import single_bot_process
from bot.backoffice.server import serve_backoffice
from bot.sandbox.demo import prepare_demo
from bot.sandbox.server import SandboxServer
from bot.settings import Settings

SANDBOX_TOKEN = "123456:SANDBOX-TOKEN"
WEBHOOK_PATH = "/webhook"
# Telegram's rule for setWebhook's secret_token; checked here to fail with a clear message.
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
log = logging.getLogger(__name__)
CLOSE_SECONDS = 1.0  # for aiohttp to close idle connections once the updates are done


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
    cluster = Cluster(container)
    with single_bot_process(container.settings.sqlalchemy_url):
        async with (
            telegram_endpoint(container.settings, say) as (token, api_base),
            serve_backoffice(container, say),
        ):
            bot = build_bot(token, api_base, cluster.limiter())
            # Sandbox: demo advisors and group (issue 4); real token: demo advisors taken off.
            prepare_demo(container, sandbox=token == SANDBOX_TOKEN, say=say)
            dispatcher = build_dispatcher(container, cluster)
            try:
                await announce_commands(bot, container)
                await bot.delete_webhook(drop_pending_updates=False)
            except BaseException:
                await bot.session.close()
                raise
            await cluster.start()
            try:
                async with serve_health(container, cluster, bot, say):
                    # aiogram stops polling on SIGTERM/SIGINT and finishes the updates in hand.
                    await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=True)
            finally:
                await cluster.stop()


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


def build_webhook_app(
    dispatcher: Dispatcher, bot: Bot, secret: str, drain: Drain | None = None
) -> web.Application:
    """Return the aiohttp app serving WEBHOOK_PATH; a wrong or missing secret gets 401."""
    if not secret:
        raise ValueError("a webhook is never served without a secret token")
    app = web.Application(middlewares=[drain.middleware] if drain else [])
    # Answered once handled (not in the background): an update a killed process had in hand
    # gets no 200, so Telegram delivers it again, to another process behind the balancer.
    SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=secret).register(
        app, path=WEBHOOK_PATH
    )
    setup_application(app, dispatcher, bot=bot)
    return app


@contextlib.contextmanager
def stop_signals() -> Iterator[asyncio.Event]:
    """Yield an event set by SIGTERM or SIGINT (systemd stop, Ctrl+C) while in the block."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed = []
    for number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stop.set)  # only possible in the main thread
            installed.append(number)
    try:
        yield stop
    finally:
        for number in installed:
            loop.remove_signal_handler(number)


async def run_webhook(container: Container, say: Callable[[str], object] = print) -> None:
    """Serve the webhook with a secret token and register it (with the sandbox if no token).

    SIGTERM stops taking updates, lets those in hand finish, hands leadership over and
    returns, all within HOTLINE_SHUTDOWN_SECONDS.
    """
    settings = container.settings
    if settings.telegram_token is not None and not settings.webhook_url:
        raise SystemExit("Le mode webhook demande HOTLINE_WEBHOOK_URL (adresse publique HTTPS).")
    secret = webhook_secret(settings)
    cluster = Cluster(container)
    with stop_signals() as stop, single_bot_process(settings.sqlalchemy_url):
        async with (
            telegram_endpoint(settings, say) as (token, api_base),
            serve_backoffice(container, say),
        ):
            bot = build_bot(token, api_base, cluster.limiter())
            prepare_demo(container, sandbox=token == SANDBOX_TOKEN, say=say)  # as in polling
            drain = Drain()
            app = build_webhook_app(build_dispatcher(container, cluster), bot, secret, drain)
            # The updates in hand are waited for by the drain; aiohttp then only closes.
            runner = web.AppRunner(app, shutdown_timeout=CLOSE_SECONDS)
            await runner.setup()  # from here, cleanup() also closes the bot's session
            try:
                await cluster.start()
                async with serve_health(container, cluster, bot, say):
                    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
                    host, port = runner.addresses[0][:2]
                    local = f"http://{host}:{port}{WEBHOOK_PATH}"
                    # Without a public URL (sandbox only), the sandbox posts to the local one.
                    url = settings.webhook_url or local
                    await announce_commands(bot, container)
                    await bot.set_webhook(url, secret_token=secret)
                    declared = "" if url == local else f", déclaré à l'adresse publique {url}"
                    say(f"Webhook servi sur {local}{declared}.")
                    await stop.wait()
                    say("Arrêt demandé : fin des mises à jour en cours, puis sortie.")
            finally:
                await _shut_down(runner, drain, cluster, settings.shutdown_seconds)


async def _shut_down(runner: web.AppRunner, drain: Drain, cluster: Cluster, seconds: float) -> None:
    """Refuse new updates, finish those in hand, stop the loops, release leadership."""
    started = time.monotonic()
    # Most of the time for the updates in hand; the rest to close connections and loops.
    finished = await drain.drain(max(seconds - 2 * CLOSE_SECONDS, seconds / 2))
    if finished:
        log.info("updates in hand finished in %.1f s", time.monotonic() - started)
    else:
        log.warning("%d update(s) still in hand after %.0f s: cut short", drain.in_hand, seconds)
    try:
        async with asyncio.timeout(max(seconds - (time.monotonic() - started), CLOSE_SECONDS)):
            await runner.cleanup()  # dispatcher shutdown hooks stop the dispatch/retry loops
    except TimeoutError:
        log.warning("shutdown took longer than %s s: leaving anyway", seconds)
    finally:
        await cluster.stop()
        log.info("webhook stopped in %.1f s", time.monotonic() - started)
