"""Conversation states of the officials' flows."""

from aiogram.fsm.state import State, StatesGroup


class FeedbackFlow(StatesGroup):
    """After "Pas utile", the next message says what was missing."""

    waiting_comment = State()


class IntakeFlow(StatesGroup):
    """An official's request to be called back, one step per state (resumable after a restart)."""

    question = State()
    reuse = State()  # a returning official: keep the details of the last request?
    collectivite = State()
    role = State()
    channel = State()
    phone = State()
    email = State()
    slots = State()
    consent = State()
    confirm = State()


class OfficialFlow(StatesGroup):
    """An official's follow-up on their tickets: a detail, a relay choice, a rating comment."""

    detail = State()
    relay_choice = State()
    rating_comment = State()


class AdvisorFlow(StatesGroup):
    """An advisor's private actions on a ticket that take typed input."""

    reply = State()
    book_when = State()
    book_channel = State()
    book_contact = State()
    close_note = State()
    close_confirm = State()
