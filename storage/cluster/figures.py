"""Operational figures for /metrics, read by a background task (never per scrape)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from routing.records import aware
from storage.safety.models import FailedDeliveryRow
from storage.tickets.models import OutboxRow, TicketRow


@dataclass(frozen=True)
class Figures:
    """What the gauges show: backlogs and tickets by status."""

    outbox_backlog: int
    outbox_oldest: datetime | None
    failed_pending: int
    tickets: dict[str, int]


def read_figures(engine: Engine, now: datetime, max_attempts: int) -> Figures:
    """Count the outbox waiting (and its oldest due time), failed calls pending, tickets."""
    waiting = (
        OutboxRow.sent_at.is_(None),
        OutboxRow.due_at <= now,
        OutboxRow.attempts < max_attempts,
    )
    with engine.connect() as connection:
        backlog, oldest = connection.execute(
            select(func.count(), func.min(OutboxRow.due_at)).where(*waiting)
        ).one()
        failed = connection.execute(
            select(func.count()).where(
                FailedDeliveryRow.delivered_at.is_(None), FailedDeliveryRow.next_try_at.is_not(None)
            )
        ).scalar_one()
        tickets = dict(
            connection.execute(
                select(TicketRow.status, func.count()).group_by(TicketRow.status)
            ).all()
        )
    return Figures(int(backlog), aware(oldest), int(failed), tickets)
