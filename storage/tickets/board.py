"""Read-only queries of the staff ticket board: tickets of every status, advisors' names."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from routing.tickets.model import Ticket, TicketStatus
from storage.tickets.models import AdvisorRow, TicketRow
from storage.tickets.repository import to_ticket

OPEN = [str(s) for s in TicketStatus if s.is_open]


class SqlTicketBoard:
    """Tickets for the back-office (the service strips contact details before showing them)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def tickets(self, include_closed: bool, limit: int = 300) -> list[Ticket]:
        """Return open tickets oldest first, then (if asked) the latest closed ones."""
        query = select(TicketRow).order_by(TicketRow.created_at, TicketRow.id)
        open_rows = self.session.scalars(query.where(TicketRow.status.in_(OPEN)).limit(limit))
        tickets = [to_ticket(row) for row in open_rows]
        if include_closed:
            closed = self.session.scalars(
                select(TicketRow)
                .where(TicketRow.status.not_in(OPEN))
                .order_by(TicketRow.id.desc())
                .limit(limit)
            )
            tickets += [to_ticket(row) for row in closed]
        return tickets

    def advisor_names(self) -> dict[int, str]:
        """Return every advisor's display name by user id."""
        rows = self.session.execute(select(AdvisorRow.user_id, AdvisorRow.display_name))
        return dict(rows.all())
