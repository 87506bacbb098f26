"""SandboxServer: the aiohttp application standing in for api.telegram.org."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from aiohttp import web

from bot.sandbox.botapi.routes import STATE_KEY, add_bot_api_routes
from bot.sandbox.botapi.spread import webhook_context
from bot.sandbox.control.admin import add_admin_routes
from bot.sandbox.control.api import add_chat_routes
from bot.sandbox.control.http import error_middleware
from bot.sandbox.guard import SITE, own_site_only
from bot.sandbox.state import SandboxState
from bot.webguard.site import SiteGuard

STATIC_DIR = Path(__file__).parent / "static"
# Telegram accepts documents up to 50 MB from bots.
_MAX_BODY = 50 * 1024 * 1024
# Long polls are released on shutdown, so handlers finish fast; this is only a safety net.
_SHUTDOWN_TIMEOUT = 3.0


async def _index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def _close_state(app: web.Application) -> None:
    # Runs before aiohttp waits for in-flight handlers: wake every long poll now.
    app[STATE_KEY].close()


def build_app(state: SandboxState, *, hosts: Iterable[str] = ()) -> web.Application:
    """Build the aiohttp application: Bot API, control API and the browser page.

    It answers only requests addressed to 127.0.0.1, localhost, [::1] or one of `hosts`, on
    the port it listens on, and coming from no other site (see bot/sandbox/guard.py).
    """
    app = web.Application(client_max_size=_MAX_BODY, middlewares=[own_site_only, error_middleware])
    app[SITE] = SiteGuard(hosts)
    app[STATE_KEY] = state
    add_bot_api_routes(app)
    add_chat_routes(app)
    add_admin_routes(app)
    app.router.add_get("/", _index)
    app.router.add_static("/static/", STATIC_DIR)
    app.on_shutdown.append(_close_state)
    app.cleanup_ctx.append(webhook_context)
    return app


class SandboxServer:
    """A local Telegram Bot API server with a control API and a browser page."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8080,
        *,
        state: SandboxState | None = None,
        allowed_hosts: Iterable[str] = (),
    ) -> None:
        self.host = host
        self.port = port
        self.state = state if state is not None else SandboxState()
        # Its own listening address is always allowed; other names only when given.
        self.app = build_app(self.state, hosts=(host, *allowed_hosts))
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """Root URL, e.g. http://127.0.0.1:8080 (the real port once started with port 0)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Start listening; with port 0 the system picks a free port."""
        if self._runner is not None:
            return
        runner = web.AppRunner(self.app, shutdown_timeout=_SHUTDOWN_TIMEOUT, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Release long polls, stop webhook delivery and close the socket."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
