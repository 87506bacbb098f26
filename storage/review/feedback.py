"""Read the "Utile / Pas utile" feedback, its remarks and the ticket ratings for staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from routing.records import aware
from routing.review.records import FeedbackCounts, Remark
from storage.answers.models import FeedbackRow
from storage.tickets.models import TicketEventRow, TicketRow

LIMIT = 1000


class SqlFeedbackQueries:
    """Feedback counts per entry, remarks and ratings, newest first."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def counts(self, slug: str) -> FeedbackCounts:
        """Return how many people found an entry useful or not."""
        rows = self.session.execute(
            select(FeedbackRow.useful, func.count())
            .where(FeedbackRow.slug == slug)
            .group_by(FeedbackRow.useful)
        )
        found = {bool(useful): count for useful, count in rows}
        return FeedbackCounts(found.get(True, 0), found.get(False, 0))

    def remarks(self, since: datetime | None, slug: str | None = None) -> list[Remark]:
        """Return the comments left with feedback on answers, newest first."""
        query = (
            select(FeedbackRow)
            .where(FeedbackRow.comment.is_not(None), FeedbackRow.comment != "")
            .order_by(FeedbackRow.created_at.desc(), FeedbackRow.id.desc())
            .limit(LIMIT)
        )
        if since is not None:
            query = query.where(FeedbackRow.created_at >= since)
        if slug is not None:
            query = query.where(FeedbackRow.slug == slug)
        return [
            Remark("remarque", aware(r.created_at), r.slug, r.comment or "", useful=r.useful)
            for r in self.session.scalars(query)
        ]

    def ratings(self, since: datetime | None) -> list[tuple[Remark, list[str]]]:
        """Return ticket ratings (with the entries the ticket was about), newest first."""
        rated_at = (
            select(TicketEventRow.ticket_id, func.max(TicketEventRow.at).label("at"))
            .where(TicketEventRow.kind == "rated")
            .group_by(TicketEventRow.ticket_id)
            .subquery()
        )
        query = (
            select(TicketRow, rated_at.c.at)
            .outerjoin(rated_at, rated_at.c.ticket_id == TicketRow.id)
            .where(TicketRow.rating.is_not(None))
            .order_by(TicketRow.id.desc())
            .limit(LIMIT)
        )
        found = []
        for ticket, at in self.session.execute(query):
            moment = aware(at or ticket.resolved_at or ticket.created_at)
            if since is not None and moment < since:
                continue
            slugs = list(ticket.topic_slugs or [])
            remark = Remark(
                "note",
                moment,
                slugs[0] if slugs else None,
                ticket.rating_comment or "",
                stars=ticket.rating,
                ticket_id=ticket.id,
            )
            found.append((remark, slugs))
        return found
