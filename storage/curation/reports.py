"""Read-only queries behind the reports: questions, feedback and tickets of a period."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from routing.curation.records import TicketFacts
from storage.answers.models import FeedbackRow, QuestionRow
from storage.tickets.models import TicketRow


def aware(moment: datetime | None) -> datetime | None:
    """Return a datetime as aware UTC (SQLite gives back naive UTC values)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class SqlReportQueries:
    """What happened in a period, as plain tuples for the report computations."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def questions(self, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        """Return (asked at, decision) of the questions asked in [start, end)."""
        rows = self.session.execute(
            select(QuestionRow.created_at, QuestionRow.decision).where(
                QuestionRow.created_at >= start, QuestionRow.created_at < end
            )
        )
        return [(aware(at), decision) for at, decision in rows]

    def feedback(self, start: datetime, end: datetime) -> list[tuple[datetime, bool]]:
        """Return (given at, useful) of the feedback given in [start, end)."""
        rows = self.session.execute(
            select(FeedbackRow.created_at, FeedbackRow.useful).where(
                FeedbackRow.created_at >= start, FeedbackRow.created_at < end
            )
        )
        return [(aware(at), useful) for at, useful in rows]

    def tickets(self, start: datetime, end: datetime) -> list[TicketFacts]:
        """Return the tickets opened or resolved in [start, end)."""
        rows = self.session.scalars(
            select(TicketRow).where(
                ((TicketRow.created_at >= start) & (TicketRow.created_at < end))
                | ((TicketRow.resolved_at >= start) & (TicketRow.resolved_at < end))
            )
        )
        return [
            TicketFacts(
                aware(r.created_at), aware(r.claimed_at), aware(r.resolved_at), r.status, r.rating
            )
            for r in rows
        ]
