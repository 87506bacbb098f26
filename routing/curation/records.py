"""Records read by curation: gap questions, asked questions, ticket facts for reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class GapQuestion:
    """A question the bot did not settle well, as the curation pages show it."""

    id: int
    text: str
    decision: str
    confidence: float
    asked_at: datetime
    not_useful: bool = False


@dataclass(frozen=True)
class AskedQuestion:
    """A question with its author, for the closing-the-loop notices."""

    id: int
    user_id: int
    text: str
    asked_at: datetime


@dataclass(frozen=True)
class TicketFacts:
    """The times and rating of a ticket, nothing about the person."""

    created_at: datetime
    claimed_at: datetime | None
    resolved_at: datetime | None
    status: str
    rating: int | None
