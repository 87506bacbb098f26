"""Wiring of the reliability layer into a dispatcher: services, middlewares, background tasks."""

from __future__ import annotations

from aiogram import Dispatcher

from bot.app.container import Container
from bot.app.housekeeping import Housekeeping
from bot.telegram.middlewares import install_update_middlewares
from routing.safety.flood import FloodGuard, SharedFloodGuard

BUTTONS_PER_MESSAGE = 3  # button presses come faster than typed messages


def install_reliability(
    dispatcher: Dispatcher,
    container: Container,
    flood: tuple[FloodGuard | SharedFloodGuard, FloodGuard | SharedFloodGuard] | None = None,
) -> Housekeeping:
    """Register dedup, blocks, flood control, retries and the background loops."""
    settings = container.settings
    dispatcher["privacy"] = container.privacy
    window = settings.flood_window_seconds
    messages, buttons = flood or (
        FloodGuard(settings.flood_messages, window),
        FloodGuard(settings.flood_messages * BUTTONS_PER_MESSAGE, window),
    )
    install_update_middlewares(dispatcher, container.moderation, messages, buttons)
    housekeeping = Housekeeping(container.deliveries, container.privacy)
    dispatcher["housekeeping"] = housekeeping
    dispatcher.startup.register(housekeeping.on_startup)
    dispatcher.shutdown.register(housekeeping.on_shutdown)
    return housekeeping
