"""Serve the back-office in the bot's process, on its own port."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from bot.backoffice import (
    auth_views,
    gap_views,
    home_views,
    kb_views,
    orientation_views,
    report_views,
    ticket_views,
)
from bot.backoffice.review import citation_views, feedback_views
from bot.backoffice.services import BackOffice
from bot.backoffice.web import SERVICES, STATIC, friendly_errors, own_host_only, staff_only


class BackofficeServer:
    """The back-office web server; start() and stop() around the bot's life."""

    def __init__(self, backoffice: BackOffice, host: str = "127.0.0.1", port: int = 8090) -> None:
        self.backoffice = backoffice
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Start listening (port 0 picks a free port; `port` then holds the real one)."""
        # No access log: the sign-in address carries a one-time token.
        self._runner = web.AppRunner(build_backoffice_app(self.backoffice), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        if self.port == 0:
            self.port = self._runner.addresses[0][1]

    @property
    def local_url(self) -> str:
        """Return the address the server listens on."""
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        """Stop the server."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


@contextlib.asynccontextmanager
async def serve_backoffice(container, say: Callable[[str], object] = print) -> AsyncIterator:
    """Serve the back-office next to the bot for the duration of the block, and say where."""
    settings = container.settings
    server = BackofficeServer(
        container.backoffice, settings.backoffice_host, settings.backoffice_port
    )
    try:
        await server.start()
    except OSError as error:
        # The bot matters more than the back-office: it keeps running, and says why.
        await server.stop()
        say(
            f"Back-office non démarré : le port {settings.backoffice_port} n'est pas disponible "
            f"({error.strerror}). Choisissez-en un autre avec HOTLINE_BACKOFFICE_PORT."
        )
        yield None
        return
    if not settings.backoffice_base_url:
        # With port 0 the system picked the port: links must carry the real one.
        container.backoffice.base_url = server.local_url
    say(
        f"Back-office de l'équipe : {container.backoffice.base_url}/ "
        "(connexion : envoyez /backoffice au bot, ou `hotline backoffice link ID`)."
    )
    try:
        yield server
    finally:
        await server.stop()


def build_backoffice_app(backoffice: BackOffice) -> web.Application:
    """Return the aiohttp application of the back-office."""
    app = web.Application(middlewares=[own_host_only, friendly_errors, staff_only])
    app[SERVICES] = backoffice
    modules = (auth_views, home_views, kb_views, gap_views, report_views, ticket_views)
    modules += (citation_views, feedback_views)
    modules += (orientation_views,)
    for module in modules:
        app.router.add_routes(module.routes)
    app.router.add_static("/static/", STATIC)
    return app
