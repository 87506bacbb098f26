"""Repository of tickets and their event log; status changes are guarded conditional UPDATEs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from routing.tickets.model import (
    HELD,
    AppointmentStatus,
    Channel,
    IntakeRequest,
    OfficialRole,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from storage.tickets.models import TicketEventRow, TicketRow

OPEN = (*HELD, TicketStatus.NEW)


class SqlTicketRepository:
    """Tickets in SQL; every move between statuses says which statuses it may start from."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        req: IntakeRequest,
        topic_slugs: Iterable[str],
        suggested_advisor_id: int | None,
        created_at: datetime,
    ) -> Ticket:
        """Store a new ticket; return it with its number."""
        row = TicketRow(
            official_id=req.official_id,
            question=req.question,
            collectivite=req.collectivite,
            official_role=str(req.official_role),
            channel=str(req.channel),
            phone=req.phone,
            email=req.email,
            slots=[slot.isoformat() for slot in req.slots],
            consent=req.consent,
            status=str(TicketStatus.NEW),
            suggested_advisor_id=suggested_advisor_id,
            topic_slugs=list(topic_slugs),
            question_id=req.question_id,
            created_at=created_at,
        )
        self.session.add(row)
        self.session.flush()
        return to_ticket(row)

    def get(self, ticket_id: int) -> Ticket | None:
        """Return a ticket as the database has it now, or None."""
        row = self.session.get(TicketRow, ticket_id, populate_existing=True)
        return to_ticket(row) if row else None

    def move(
        self,
        ticket_id: int,
        sources: Iterable[TicketStatus],
        target: TicketStatus,
        holder: int | None = None,
        **changes,
    ) -> bool:
        """Change status (and fields) only if the ticket is in `sources` (and held by `holder`).

        One UPDATE ... WHERE status IN (...): of two sessions racing, exactly one sees a row
        changed; the other gets False and must not act.
        """
        query = update(TicketRow).where(
            TicketRow.id == ticket_id, TicketRow.status.in_([str(s) for s in sources])
        )
        if holder is not None:
            query = query.where(TicketRow.advisor_id == holder)
        values = {key: _column_value(value) for key, value in changes.items()}
        values["status"] = str(target)
        result = self.session.execute(
            query.values(**values).execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def claim(self, ticket_id: int, advisor_id: int, at: datetime) -> bool:
        """Give a NEW ticket to an advisor; False when someone else was faster."""
        return self.move(
            ticket_id,
            [TicketStatus.NEW],
            TicketStatus.CLAIMED,
            advisor_id=advisor_id,
            claimed_at=at,
        )

    def update(self, ticket_id: int, **changes) -> None:
        """Change fields that no status depends on (card message id, question, rating)."""
        values = {key: _column_value(value) for key, value in changes.items()}
        self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def of_official(self, official_id: int) -> list[Ticket]:
        """Return an official's tickets, newest first."""
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.official_id == official_id)
            .order_by(TicketRow.id.desc())
            .execution_options(populate_existing=True)
        )
        return [to_ticket(row) for row in rows]

    def held_by(self, advisor_id: int) -> list[Ticket]:
        """Return the open tickets an advisor holds, oldest first."""
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.advisor_id == advisor_id, TicketRow.status.in_([str(s) for s in HELD]))
            .order_by(TicketRow.id)
            .execution_options(populate_existing=True)
        )
        return [to_ticket(row) for row in rows]

    def queue(self) -> list[Ticket]:
        """Return the unclaimed tickets, oldest first."""
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.status == str(TicketStatus.NEW))
            .order_by(TicketRow.created_at, TicketRow.id)
            .execution_options(populate_existing=True)
        )
        return [to_ticket(row) for row in rows]

    def open_count_by_advisor(self) -> dict[int, int]:
        """Return how many open tickets each advisor holds."""
        rows = self.session.execute(
            select(TicketRow.advisor_id, func.count())
            .where(TicketRow.status.in_([str(s) for s in HELD]), TicketRow.advisor_id.is_not(None))
            .group_by(TicketRow.advisor_id)
        )
        return {advisor: count for advisor, count in rows}

    def add_event(
        self, ticket_id: int, at: datetime, actor_id: int | None, kind: str, detail: str = ""
    ) -> int:
        """Append a line to a ticket's event log; return its id."""
        row = TicketEventRow(
            ticket_id=ticket_id, at=at, actor_id=actor_id, kind=str(kind), detail=detail
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def events(self, ticket_id: int) -> list[TicketEvent]:
        """Return a ticket's event log, oldest first."""
        rows = self.session.scalars(
            select(TicketEventRow)
            .where(TicketEventRow.ticket_id == ticket_id)
            .order_by(TicketEventRow.id)
        )
        return [TicketEvent(r.ticket_id, r.at, r.actor_id, r.kind, r.detail) for r in rows]


def _column_value(value):
    if isinstance(value, TicketStatus | Channel | OfficialRole | AppointmentStatus):
        return str(value)
    if isinstance(value, tuple | list) and value and isinstance(value[0], datetime):
        return [item.isoformat() for item in value]
    return value


def to_ticket(row: TicketRow) -> Ticket:
    """Map a row to the domain record (times aware, in UTC)."""
    return Ticket(
        id=row.id,
        official_id=row.official_id,
        question=row.question,
        collectivite=row.collectivite,
        official_role=OfficialRole(row.official_role),
        channel=Channel(row.channel),
        phone=row.phone,
        email=row.email,
        slots=tuple(datetime.fromisoformat(s) for s in row.slots or ()),
        consent=row.consent,
        status=TicketStatus(row.status),
        created_at=row.created_at,
        advisor_id=row.advisor_id,
        suggested_advisor_id=row.suggested_advisor_id,
        topic_slugs=tuple(row.topic_slugs or ()),
        claimed_at=row.claimed_at,
        resolved_at=row.resolved_at,
        appointment=row.appointment,
        appointment_channel=Channel(row.appointment_channel) if row.appointment_channel else None,
        appointment_link=row.appointment_link,
        resolution=row.resolution,
        rating=row.rating,
        rating_comment=row.rating_comment,
        group_message_id=row.group_message_id,
        question_id=row.question_id,
        appointment_status=AppointmentStatus(row.appointment_status)
        if row.appointment_status
        else None,
        closed_at=row.closed_at,
    )
