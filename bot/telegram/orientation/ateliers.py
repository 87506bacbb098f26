"""/ateliers: the open cycles, and "S'inscrire" asking only what the profile lacks."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import message_of, send
from bot.telegram.orientation.shown import chosen, reply
from bot.telegram.orientation.states import AtelierFlow
from bot.views import orientation_views as views
from bot.views.callbacks import Atelier
from bot.views.rendering import Reply
from bot.views.ticket_texts import ROLES
from routing.orientation.model import Outcome, Profile
from routing.orientation.service import OrientationService
from routing.tickets.contact import parse_email


async def list_cycles(message: Message, orientation: OrientationService) -> None:
    """/ateliers."""
    await send(message, views.cycles_list(orientation.open_cycles()))


async def list_pressed(callback: CallbackQuery, orientation: OrientationService) -> None:
    """ "Voir les ateliers" under an answer, or "Tous les ateliers"."""
    await callback.answer()
    await reply(callback, views.cycles_list(orientation.open_cycles()))


async def view_cycle(
    callback: CallbackQuery, callback_data: Atelier, orientation: OrientationService
) -> None:
    """One cycle's details and "S'inscrire"."""
    cycle = orientation.cycle(callback_data.c)
    await callback.answer()
    await reply(callback, views.cycle_detail(cycle))


async def start(
    callback: CallbackQuery,
    callback_data: Atelier,
    state: FSMContext,
    orientation: OrientationService,
) -> None:
    """ "S'inscrire": pre-fill from the profile, then ask what is missing."""
    cycle = orientation.open_cycle(callback_data.c)
    await chosen(callback, "S'inscrire")
    profile = orientation.profile(callback.from_user.id)
    await state.set_data(
        {
            "cycle": cycle.id,
            "collectivite": profile.collectivite,
            "role": profile.role,
            "email": profile.email,
            "accepted": False,
        }
    )
    await _next_step(message_of(callback), state, orientation, callback.from_user.id)


async def _next_step(message: Message, state: FSMContext, orientation, user_id: int) -> None:
    data = await state.get_data()
    if not data.get("cycle"):  # a step's button from a flow already ended
        await state.clear()
        await send(message, Reply(views.RESTART))
        return
    missing = Profile(data.get("collectivite"), data.get("role"), data.get("email")).missing()
    if missing:
        step = missing[0]
        await state.set_state(getattr(AtelierFlow, step))
        prompt = {
            "collectivite": views.text_prompt(views.ASK_COLLECTIVITE),
            "role": views.role_prompt(),
            "email": views.text_prompt(views.ASK_EMAIL),
        }[step]
        await send(message, prompt)
        return
    await state.set_state(AtelierFlow.decide)
    outcome = orientation.preview(user_id, data["cycle"], data["collectivite"])
    await _tell(message, state, orientation, outcome, data)


async def _tell(message: Message, state: FSMContext, orientation, outcome: Outcome, data) -> None:
    """Say what an outcome means; a place or a wait ends the flow."""
    cycle = orientation.cycle(data["cycle"])
    if outcome.status == "confirmed" and outcome.registration is None:
        await send(message, views.commitments(cycle.id, waitlist=False))
        return
    if outcome.status in ("taken", "full"):
        await send(
            message, views.blocked(outcome.status, cycle, data["collectivite"], outcome.holder)
        )
        return
    await state.clear()
    if outcome.status == "already":
        await send(message, views.already(outcome.registration))
    elif outcome.status == "waiting":
        await send(message, views.waiting(cycle, outcome.position))
    else:
        await send(message, views.confirmed(cycle))


async def collectivite(message: Message, state: FSMContext, orientation: OrientationService):
    """Typed: the collectivité."""
    text = " ".join((message.text or "").split())
    if not 2 <= len(text) <= 200:
        await message.answer(views.COLLECTIVITE_INVALID)
        return
    await state.update_data(collectivite=text)
    await _next_step(message, state, orientation, message.from_user.id)


async def role(
    callback: CallbackQuery,
    callback_data: Atelier,
    state: FSMContext,
    orientation: OrientationService,
) -> None:
    """Button: élu·e, agent·e or other."""
    if callback_data.v not in ROLES:
        await callback.answer()
        return
    await chosen(callback, ROLES[callback_data.v])
    await state.update_data(role=callback_data.v)
    await _next_step(message_of(callback), state, orientation, callback.from_user.id)


async def email(message: Message, state: FSMContext, orientation: OrientationService) -> None:
    """Typed: the e-mail address (a clear message and the same step when invalid)."""
    await state.update_data(email=parse_email(message.text or ""))
    await _next_step(message, state, orientation, message.from_user.id)


async def decide(
    callback: CallbackQuery,
    callback_data: Atelier,
    state: FSMContext,
    orientation: OrientationService,
) -> None:
    """ "Je m'engage" (register) or "Liste d'attente" (commitments first, then wait)."""
    data = await state.get_data()
    if (
        data.get("cycle") != callback_data.c
        or Profile(data.get("collectivite"), data.get("role"), data.get("email")).missing()
    ):
        await start(callback, callback_data, state, orientation)  # a stale button: start again
        return
    waitlist = callback_data.a == "w" or callback_data.v == "w"
    if callback_data.a == "w" and not data.get("accepted"):
        await chosen(callback, views.WAITLIST)
        await reply(callback, views.commitments(callback_data.c, waitlist=True))
        return
    await chosen(callback, views.ACCEPT if callback_data.a == "k" else views.WAITLIST)
    await state.update_data(accepted=True)
    profile = Profile(data["collectivite"], data["role"], data["email"])
    user = callback.from_user
    outcome = orientation.register(user.id, callback_data.c, profile, waitlist, user.first_name)
    await _tell(message_of(callback), state, orientation, outcome, data)


async def abandon(callback: CallbackQuery, state: FSMContext) -> None:
    """ "Annuler" in the registration flow."""
    await state.clear()
    await chosen(callback, views.CANCEL)
    await reply(callback, Reply(views.CANCELLED))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="ateliers")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(list_cycles, Command("ateliers"))
    router.message.register(collectivite, AtelierFlow.collectivite, F.text, ~F.text.startswith("/"))
    router.message.register(email, AtelierFlow.email, F.text, ~F.text.startswith("/"))
    router.callback_query.register(list_pressed, Atelier.filter(F.a == "l"))
    router.callback_query.register(view_cycle, Atelier.filter(F.a == "v"))
    router.callback_query.register(start, Atelier.filter(F.a == "r"))
    router.callback_query.register(role, Atelier.filter(F.a == "role"))
    router.callback_query.register(decide, Atelier.filter(F.a.in_({"k", "w"})))
    router.callback_query.register(abandon, Atelier.filter(F.a == "x"))
    return router
