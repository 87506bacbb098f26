"""One router per feature; `all_routers` gives them in the order they must be tried."""

from aiogram import Router

from bot.telegram import fallback
from bot.telegram.advisors import actions as advisors_actions
from bot.telegram.advisors import backoffice
from bot.telegram.advisors import booking as advisors_booking
from bot.telegram.advisors import claim as advisors_claim
from bot.telegram.advisors import closing as advisors_closing
from bot.telegram.advisors import lists as advisors_lists
from bot.telegram.officials import answers, intake, notifications, privacy, questions, start, themes
from bot.telegram.officials import ask_advisor as advisor
from bot.telegram.officials import tickets as tickets_official
from bot.telegram.orientation import build_routers as orientation_routers


def all_routers() -> list[Router]:
    """Return the routers, most specific first; the fallback comes last."""
    return [
        start.build_router(),
        privacy.build_router(),
        themes.build_router(),
        backoffice.build_router(),
        notifications.build_router(),
        advisor.build_router(),
        *orientation_routers(),  # ateliers and projets partagés (issue 14)
        # Escalation to advisors (issue 4): flows in progress before free-text questions.
        intake.build_router(),
        advisors_claim.build_router(),
        advisors_lists.build_router(),
        advisors_actions.build_router(),
        advisors_booking.build_router(),
        advisors_closing.build_router(),
        tickets_official.build_router(),
        answers.build_router(),
        questions.build_router(),
        fallback.build_router(),
    ]
