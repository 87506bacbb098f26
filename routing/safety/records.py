"""Records of the safety features: blocks, failed deliveries, staff actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Block:
    """A blocked person, why and since when."""

    user_id: int
    reason: str | None
    blocked_by: int | None
    blocked_at: datetime
    notified_at: datetime | None


@dataclass(frozen=True)
class FailedDelivery:
    """A Bot API call waiting to be sent again."""

    id: int
    chat_id: int
    method: str
    payload: dict
    error: str
    attempts: int
    next_try_at: datetime | None
    delivered_at: datetime | None


@dataclass(frozen=True)
class StaffAction:
    """One line of the staff action log."""

    user_id: int
    action: str
    target: str
    at: datetime
