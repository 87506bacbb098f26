"""Build the replies that are not knowledge-base answers, then defer to the answer views."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import texts, ticket_texts
from bot.views.callbacks import Advisor, Example, OfficialTicket, Rephrase
from bot.views.conversation import texts as c
from bot.views.rendering import Reply, decision_reply
from bot.views.ticket_views import summary
from routing.answers.decision import DecisionKind
from routing.answers.hotline import Asked
from routing.tickets.model import Ticket


def reply_to(asked: Asked, ticket: Ticket | None = None) -> Reply:
    """The reply to a message by decision: small talk, other language, follow-up, or answers."""
    decision = asked.decision
    if decision.kind == DecisionKind.SMALL_TALK:
        return small_talk(decision.small_talk)
    if decision.kind == DecisionKind.OUT_OF_SCOPE and decision.language != "fr":
        return Reply(c.OTHER_LANGUAGE.get(decision.language, c.OTHER_LANGUAGE_DEFAULT))
    if decision.kind == DecisionKind.FOLLOW_UP and ticket is not None:
        return follow_up(ticket)
    return decision_reply(asked)


def small_talk(kind: str) -> Reply:
    """A short reply in kind; with the /start examples where a newcomer may need them."""
    text = c.SMALL_TALK.get(kind, c.SMALL_TALK["unclear"])
    if kind not in c.WITH_EXAMPLES:
        return Reply(text)
    keyboard = InlineKeyboardBuilder()
    for number, example in enumerate(texts.EXAMPLES):
        keyboard.button(text=example, callback_data=Example(n=number))
    keyboard.adjust(1)
    return Reply(text, keyboard.as_markup())


def follow_up(ticket: Ticket) -> Reply:
    """Where the official's open request stands, with a button to add to it."""
    status = ticket_texts.STATUS.get(ticket.status.value, ticket.status.value)
    text = c.FOLLOW_UP.format(
        number=ticket.number, status=status, question=summary(ticket.question, 200)
    )
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=c.ADD_TO_REQUEST.format(number=ticket.number),
        callback_data=OfficialTicket(a="detail", t=ticket.id),
    )
    return Reply(text, keyboard.as_markup())


def none_fits(question_id: int) -> Reply:
    """After "Aucune de ces réponses": rephrase, or talk to an advisor."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=c.REPHRASE, callback_data=Rephrase(q=question_id))
    keyboard.button(text=c.TALK_TO_ADVISOR, callback_data=Advisor(q=question_id))
    keyboard.adjust(1)
    return Reply(c.NONE_FITS, keyboard.as_markup())
