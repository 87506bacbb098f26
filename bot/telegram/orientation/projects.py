"""/projets: the projets partagés themes, and "Je suis intéressé(e)" as participant or observer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import send
from bot.telegram.orientation.shown import chosen, reply
from bot.telegram.orientation.states import ProjectFlow
from bot.views import orientation_views as views
from bot.views.callbacks import Projet
from bot.views.rendering import Reply
from routing.orientation.model import InterestKind
from routing.orientation.projects import SharedProjects
from routing.orientation.service import OrientationService

KINDS = {"p": InterestKind.PARTICIPANT, "o": InterestKind.OBSERVER}


async def list_themes(message: Message, projects: SharedProjects) -> None:
    """/projets."""
    await send(message, views.projects(projects.themes()))


async def list_pressed(callback: CallbackQuery, projects: SharedProjects) -> None:
    """ "Projets partagés" under an answer."""
    await callback.answer()
    await reply(callback, views.projects(projects.themes()))


async def interested(
    callback: CallbackQuery, callback_data: Projet, projects: SharedProjects
) -> None:
    """ "Je suis intéressé(e)": participant or observer?"""
    theme = projects.theme(callback_data.t)
    await chosen(callback, views.short(views.INTERESTED.format(title=theme.title), 60))
    await reply(callback, views.kind_prompt(theme))


async def kind(
    callback: CallbackQuery,
    callback_data: Projet,
    state: FSMContext,
    projects: SharedProjects,
    orientation: OrientationService,
) -> None:
    """Participant or observer; the collectivité is asked when not known yet."""
    if callback_data.k not in KINDS:
        await callback.answer()
        return
    theme = projects.theme(callback_data.t)
    await chosen(callback, views.KINDS[callback_data.k].capitalize())
    known = orientation.profile(callback.from_user.id).collectivite
    if not known:
        await state.set_state(ProjectFlow.collectivite)
        await state.set_data({"theme": theme.id, "kind": callback_data.k})
        await reply(callback, views.text_prompt(views.ASK_COLLECTIVITE_PROJECT, project=True))
        return
    projects.express(callback.from_user.id, theme.id, known, KINDS[callback_data.k])
    await reply(callback, views.interest_saved(theme, known, callback_data.k))


async def collectivite(
    message: Message, state: FSMContext, projects: SharedProjects, orientation: OrientationService
) -> None:
    """Typed: the collectivité, then the interest is recorded."""
    text = " ".join((message.text or "").split())
    if not 2 <= len(text) <= 200:
        await message.answer(views.COLLECTIVITE_INVALID)
        return
    data = await state.get_data()
    await state.clear()
    theme = projects.theme(int(data["theme"]))
    orientation.remember_collectivite(message.from_user.id, text)
    projects.express(message.from_user.id, theme.id, text, KINDS[data["kind"]])
    await send(message, views.interest_saved(theme, text, data["kind"]))


async def abandon(callback: CallbackQuery, state: FSMContext) -> None:
    """ "Annuler" while the collectivité is asked."""
    await state.clear()
    await chosen(callback, views.CANCEL)
    await reply(callback, Reply(views.INTEREST_CANCELLED))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="projects")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(list_themes, Command("projets"))
    router.message.register(collectivite, ProjectFlow.collectivite, F.text, ~F.text.startswith("/"))
    router.callback_query.register(list_pressed, Projet.filter(F.a == "l"))
    router.callback_query.register(interested, Projet.filter(F.a == "i"))
    router.callback_query.register(kind, Projet.filter(F.a == "k"))
    router.callback_query.register(abandon, Projet.filter(F.a == "x"))
    return router
