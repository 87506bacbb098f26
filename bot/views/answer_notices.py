"""Render the "a reply to your question is available" outbox messages (closing the loop)."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import texts as bot_texts
from bot.views.callbacks import EntryAction
from bot.views.rendering import Reply, escape, short_label
from routing.curation.closing_loop import ANSWER_NOTICE

QUOTE_LIMIT = 300  # enough to recognise one's question, short enough not to drown the answer


def render_answer_notice(payload: dict) -> Reply:
    """Return the message telling an official that an entry now answers their question."""
    short_answer = escape(str(payload.get("short_answer", "")))
    if payload.get("under_review"):
        short_answer += f"\n\n<i>{bot_texts.UNDER_REVIEW}</i>"
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=bot_texts.READ_FULL, callback_data=EntryAction(a="f", s=str(payload["slug"]))
    )
    return Reply(
        bot_texts.ANSWER_AVAILABLE.format(
            asked_on=escape(str(payload.get("asked_on", ""))),
            quote=_quote(str(payload.get("question") or "")),
            title=escape(str(payload.get("title", ""))),
            short_answer=short_answer,
        ),
        keyboard.as_markup(),
    )


def _quote(question: str) -> str:
    # Notices queued before the question was kept in the payload have nothing to quote.
    if not question.strip():
        return ""
    return bot_texts.QUOTE.format(question=escape(short_label(question, QUOTE_LIMIT)))


__all__ = ["ANSWER_NOTICE", "render_answer_notice"]
