"""/mes_inscriptions: a person's registrations; cancel one, confirm an offered place."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import send
from bot.telegram.orientation.shown import chosen, reply
from bot.views import orientation_views as views
from bot.views.callbacks import Atelier
from bot.views.rendering import Reply, escape
from routing.orientation.model import RegistrationNotFound
from routing.orientation.service import OrientationService


def _mine(orientation: OrientationService, user_id: int) -> Reply:
    pairs = orientation.my_registrations(user_id)
    positions = {r.id: orientation.position(r) for r, _cycle in pairs}
    return views.mine(pairs, positions)


async def list_mine(message: Message, orientation: OrientationService) -> None:
    """/mes_inscriptions."""
    await send(message, _mine(orientation, message.from_user.id))


def _own(orientation: OrientationService, user_id: int, registration_id: int):
    for registration, cycle in orientation.my_registrations(user_id):
        if registration.id == registration_id:
            return registration, cycle
    raise RegistrationNotFound(registration_id)


async def ask_cancel(
    callback: CallbackQuery, callback_data: Atelier, orientation: OrientationService
) -> None:
    """ "Annuler" (or "Je me désiste"): ask for confirmation."""
    registration, cycle = _own(orientation, callback.from_user.id, callback_data.r)
    await callback.answer()
    await reply(callback, views.ask_cancel(registration, cycle))


async def cancel(
    callback: CallbackQuery, callback_data: Atelier, orientation: OrientationService
) -> None:
    """ "Oui, annuler": leave the cycle; a freed place goes to the next in line."""
    _registration, cycle = _own(orientation, callback.from_user.id, callback_data.r)
    orientation.cancel(callback.from_user.id, callback_data.r)
    await chosen(callback, views.YES_CANCEL)
    await reply(callback, Reply(views.CANCEL_DONE.format(theme=escape(cycle.theme))))


async def keep(callback: CallbackQuery) -> None:
    """ "Non, garder"."""
    await chosen(callback, views.NO_KEEP)
    await reply(callback, Reply(views.KEPT))


async def confirm_offer(
    callback: CallbackQuery, callback_data: Atelier, orientation: OrientationService
) -> None:
    """ "Je confirme ma place" after a promotion: the dates now, the calendar next."""
    registration = orientation.confirm_offer(callback.from_user.id, callback_data.r)
    await chosen(callback, views.CONFIRM_OFFER)
    await reply(callback, views.confirmed(orientation.cycle(registration.cycle_id)))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="registrations")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(list_mine, Command("mes_inscriptions"))
    router.callback_query.register(ask_cancel, Atelier.filter(F.a == "c"))
    router.callback_query.register(cancel, Atelier.filter(F.a == "cy"))
    router.callback_query.register(keep, Atelier.filter(F.a == "cn"))
    router.callback_query.register(confirm_offer, Atelier.filter(F.a == "o"))
    return router
