"""One router per feature; `all_routers` gives them in the order they must be tried."""

from aiogram import Router

from bot.handlers import advisor, answers, fallback, questions, start, themes


def all_routers() -> list[Router]:
    """Return the routers, most specific first; the fallback comes last."""
    return [
        start.build_router(),
        themes.build_router(),
        advisor.build_router(),
        answers.build_router(),
        questions.build_router(),
        fallback.build_router(),
    ]
