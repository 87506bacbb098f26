"""Answers lead to the offers: a button to the matching cycles or to the projets partagés."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import orientation_views as views
from bot.views.rendering import Reply
from routing.answers.decision import DecisionKind
from routing.answers.hotline import Asked
from routing.orientation.service import OrientationService


def answered_slug(asked: Asked) -> str | None:
    """The entry an answer shows, when the decision was to answer."""
    best = asked.decision.best
    return best.slug if asked.decision.kind == DecisionKind.ANSWER and best else None


def lead(reply: Reply, slug: str | None, orientation: OrientationService | None) -> Reply:
    """Add, under an answer, the buttons towards the cycles or projets its entry is about."""
    if slug is None or orientation is None:
        return reply
    cycles = orientation.cycles_for_topic(slug)
    extra = InlineKeyboardBuilder()
    views.entry_buttons(extra, slug, cycles)
    buttons = [button for row in extra.export() for button in row]
    if not buttons:
        return reply
    keyboard = InlineKeyboardBuilder.from_markup(reply.markup) if reply.markup else None
    keyboard = keyboard or InlineKeyboardBuilder()
    for button in buttons:
        keyboard.row(button)
    return Reply(reply.text, keyboard.as_markup(), reply.document)
