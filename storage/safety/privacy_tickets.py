"""Personal data in tickets, their event log and the outbox: export, erasure, retention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.tickets.models import JobRow, OutboxRow, TicketEventRow, TicketRow

ANONYMOUS = 0
ERASED = "[effacé]"
CLOSED = ("resolved", "cancelled")
# Event kinds whose detail is text a person wrote (relays, added details).
TEXT_EVENTS = ("relayed_to_advisor", "relayed_to_official", "detail_added")
CONTACT_KEYS = ("phone", "email", "link", "appointment_link")
TEXT_KEYS = ("question", "text", "comment", "official", "official_name")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class SqlTicketPrivacy:
    """The ticket side of the privacy repository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _ids_of(self, user_id: int) -> list[int]:
        return list(
            self.session.scalars(select(TicketRow.id).where(TicketRow.official_id == user_id))
        )

    def export(self, user_id: int) -> list[dict]:
        """Return the person's tickets, each with its event log."""
        tickets = self.session.scalars(
            select(TicketRow).where(TicketRow.official_id == user_id).order_by(TicketRow.id)
        )
        found = []
        for row in tickets:
            events = self.session.scalars(
                select(TicketEventRow)
                .where(TicketEventRow.ticket_id == row.id)
                .order_by(TicketEventRow.id)
            )
            found.append(
                {
                    "number": row.id,
                    "status": row.status,
                    "question": row.question,
                    "collectivite": row.collectivite,
                    "role": row.official_role,
                    "channel": row.channel,
                    "phone": row.phone,
                    "email": row.email,
                    "slots": row.slots,
                    "consent": row.consent,
                    "created_at": _iso(row.created_at),
                    "claimed_at": _iso(row.claimed_at),
                    "resolved_at": _iso(row.resolved_at),
                    "appointment": _iso(row.appointment),
                    "appointment_link": row.appointment_link,
                    "resolution": row.resolution,
                    "rating": row.rating,
                    "rating_comment": row.rating_comment,
                    "events": [
                        {"at": _iso(e.at), "kind": e.kind, "detail": e.detail} for e in events
                    ],
                }
            )
        return found

    def erase(self, user_id: int) -> dict[str, int]:
        """Cancel the person's open tickets and keep them all only as anonymous statistics."""
        ids = self._ids_of(user_id)
        if not ids:
            return {"tickets": 0}
        s, now = self.session, utcnow()
        opened = s.execute(
            update(TicketRow)
            .where(TicketRow.id.in_(ids), TicketRow.status.not_in(CLOSED))
            .values(status="cancelled")
            .returning(TicketRow.id)
        ).scalars()
        for ticket_id in list(opened):
            s.add(
                TicketEventRow(
                    ticket_id=ticket_id,
                    at=now,
                    actor_id=None,
                    kind="cancelled",
                    detail="données effacées à la demande de la personne",
                )
            )
        s.execute(
            update(TicketRow)
            .where(TicketRow.id.in_(ids))
            .values(
                official_id=ANONYMOUS,
                question=ERASED,
                collectivite=ERASED,
                phone=None,
                email=None,
                appointment_link=None,
                resolution=None,
                rating_comment=None,
            )
        )
        self._scrub_events(ids, user_id, lambda _text: ERASED)
        s.execute(
            update(JobRow)
            .where(JobRow.ticket_id.in_(ids), JobRow.done_at.is_(None))
            .values(done_at=now)
        )
        # Nothing more is sent about these tickets; what was sent keeps no personal data.
        for row in self._outbox_about(ids):
            if row.sent_at is None:
                s.delete(row)
        s.flush()
        self._scrub_outbox(ids, CONTACT_KEYS + TEXT_KEYS, lambda _text: ERASED)
        return {"tickets": len(ids)}

    def erase_contacts_closed_before(self, before: datetime) -> int:
        """Erase phone, e-mail and video link of tickets closed before a date; return how many."""
        last_event = (
            select(TicketEventRow.ticket_id, func.max(TicketEventRow.at).label("last"))
            .group_by(TicketEventRow.ticket_id)
            .subquery()
        )
        ids = list(
            self.session.scalars(
                select(TicketRow.id)
                .join(last_event, last_event.c.ticket_id == TicketRow.id)
                .where(
                    TicketRow.status.in_(CLOSED),
                    last_event.c.last < before,
                    (TicketRow.phone.is_not(None))
                    | (TicketRow.email.is_not(None))
                    | (TicketRow.appointment_link.is_not(None)),
                )
            )
        )
        if ids:
            self.session.execute(
                update(TicketRow)
                .where(TicketRow.id.in_(ids))
                .values(phone=None, email=None, appointment_link=None)
            )
            self._scrub_outbox(ids, CONTACT_KEYS, lambda _text: None)
        return len(ids)

    def pseudonymise_closed_before(self, before: datetime, scrub: Callable[[str], str]) -> int:
        """Detach tickets closed and created before a date from their official; scrub texts."""
        rows = list(
            self.session.execute(
                select(
                    TicketRow.id,
                    TicketRow.official_id,
                    TicketRow.question,
                    TicketRow.rating_comment,
                ).where(
                    TicketRow.status.in_(CLOSED),
                    TicketRow.created_at < before,
                    TicketRow.official_id != ANONYMOUS,
                )
            )
        )
        for ticket_id, official_id, question, comment in rows:
            self.session.execute(
                update(TicketRow)
                .where(TicketRow.id == ticket_id)
                .values(
                    official_id=ANONYMOUS,
                    question=scrub(question),
                    rating_comment=scrub(comment) if comment else None,
                )
            )
            self._scrub_events([ticket_id], official_id, scrub)
            self._scrub_outbox([ticket_id], TEXT_KEYS, scrub)
        return len(rows)

    def _scrub_events(self, ids: list[int], official_id: int, scrub) -> None:
        events = self.session.scalars(
            select(TicketEventRow).where(
                TicketEventRow.ticket_id.in_(ids), TicketEventRow.kind.in_(TEXT_EVENTS)
            )
        )
        for event in events:
            event.detail = scrub(event.detail) if event.detail else event.detail
        self.session.execute(
            update(TicketEventRow)
            .where(TicketEventRow.ticket_id.in_(ids), TicketEventRow.actor_id == official_id)
            .values(actor_id=ANONYMOUS)
        )
        self.session.flush()

    def _outbox_about(self, ids: list[int]) -> list[OutboxRow]:
        # Payloads are JSON: the ticket id is read in Python, the same on every database.
        wanted = set(ids)
        rows = self.session.scalars(select(OutboxRow))
        return [row for row in rows if (row.payload or {}).get("ticket_id") in wanted]

    def _scrub_outbox(self, ids: list[int], keys: tuple[str, ...], scrub) -> None:
        for row in self._outbox_about(ids):
            cleaned = {
                key: (scrub(value) if key in keys and isinstance(value, str) else value)
                for key, value in row.payload.items()
            }
            if cleaned != row.payload:
                row.payload = cleaned
        self.session.flush()
