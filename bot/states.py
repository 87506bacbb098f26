"""Conversation states of the officials' flows."""

from aiogram.fsm.state import State, StatesGroup


class FeedbackFlow(StatesGroup):
    """After "Pas utile", the next message says what was missing."""

    waiting_comment = State()
