"""Conversation states of the orientation flows (kept in the database like the others)."""

from aiogram.fsm.state import State, StatesGroup


class AtelierFlow(StatesGroup):
    """Registering for a cycle: only the missing profile fields are asked."""

    collectivite = State()
    role = State()
    email = State()
    decide = State()  # commitments shown, or the waiting list offered


class ProjectFlow(StatesGroup):
    """Expressing an interest in a projet partagé when the collectivité is not known yet."""

    collectivite = State()
