"""Records shared across the domain: people, their roles, asked questions; stored times as UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class Role(StrEnum):
    """What a person may do; always read from the database, never from a button."""

    OFFICIAL = "official"
    ADVISOR = "advisor"
    STAFF = "staff"


@dataclass(frozen=True)
class Person:
    """Someone who talked to the bot."""

    id: int
    first_name: str
    username: str | None = None
    role: Role = Role.OFFICIAL


@dataclass(frozen=True)
class QuestionRecord:
    """A question asked to the bot, with the decision it got."""

    id: int
    user_id: int
    text: str
    decision: str
    confidence: float
    candidates: tuple[tuple[str, float], ...]
    chosen_slug: str | None = None


def aware(moment: datetime | None) -> datetime | None:
    """Return a stored time as aware UTC (SQLite hands back naive datetimes, in UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
