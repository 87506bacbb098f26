"""Update middlewares of the reliability layer, registered on the dispatcher in this order."""

from __future__ import annotations

from aiogram import Dispatcher

from bot.telegram.middlewares.admission import AdmissionMiddleware
from bot.telegram.middlewares.flood import FloodMiddleware
from bot.telegram.middlewares.handling import HandlingMiddleware
from bot.telegram.middlewares.observing import ObservingMiddleware
from routing.safety.flood import FloodGuard, SharedFloodGuard
from routing.safety.moderation import ModerationService


def install_update_middlewares(
    dispatcher: Dispatcher,
    moderation: ModerationService,
    messages: FloodGuard | SharedFloodGuard,
    buttons: FloodGuard | SharedFloodGuard,
) -> None:
    """Duplicates and blocked people first, then floods, then retries around the handlers."""
    dispatcher.update.outer_middleware(ObservingMiddleware())
    dispatcher.update.outer_middleware(AdmissionMiddleware(moderation))
    dispatcher.update.outer_middleware(FloodMiddleware(messages, buttons))
    dispatcher.update.outer_middleware(HandlingMiddleware())


__all__ = [
    "AdmissionMiddleware",
    "FloodMiddleware",
    "HandlingMiddleware",
    "ObservingMiddleware",
    "install_update_middlewares",
]
