"""One router per feature; `all_routers` gives them in the order they must be tried."""

from aiogram import Router

from bot.handlers import (
    advisor,
    advisors_actions,
    advisors_booking,
    advisors_claim,
    advisors_closing,
    advisors_lists,
    answers,
    backoffice,
    fallback,
    intake,
    notifications,
    privacy,
    questions,
    start,
    themes,
    tickets_official,
)


def all_routers() -> list[Router]:
    """Return the routers, most specific first; the fallback comes last."""
    return [
        start.build_router(),
        privacy.build_router(),
        themes.build_router(),
        backoffice.build_router(),
        notifications.build_router(),
        advisor.build_router(),
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
