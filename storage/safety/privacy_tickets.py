"""Personal data in tickets, their event log and the outbox: export, erasure, retention.

Every statement works by SQL on indexed columns (tickets.official_id, tickets.closed_at,
ticket_events.ticket_id, outbox.ticket_id and chat_id, failed_deliveries.ticket_id and
chat_id, jobs.ticket_id): nothing loads a whole table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.safety.models import FailedDeliveryRow
from storage.tickets.models import JobRow, OutboxRow, TicketEventRow, TicketRow

ANONYMOUS = 0
ERASED = "[effacé]"
CLOSED = ("resolved", "cancelled")
# Event kinds whose detail is text a person wrote (relays, added details).
TEXT_EVENTS = ("relayed_to_advisor", "relayed_to_official", "detail_added")
BATCH = 1000


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
        """Cancel the person's open tickets, keep them only as anonymous statistics, and
        delete every message about them, sent, waiting or stuck in retries."""
        ids = self._ids_of(user_id)
        s, now = self.session, utcnow()
        counts = {"tickets": len(ids)}
        if ids:
            opened = s.execute(
                update(TicketRow)
                .where(TicketRow.id.in_(ids), TicketRow.status.not_in(CLOSED))
                .values(status="cancelled", closed_at=now)
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
            s.flush()
            self._scrub_events(ids, lambda _text: ERASED)
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
            counts["jobs"] = s.execute(delete(JobRow).where(JobRow.ticket_id.in_(ids))).rowcount
        # Waiting messages are deleted before they can go out; sent ones keep nothing either.
        # (Messages to the person about anything else go in SqlPrivacyRepository.erase.)
        counts["ticket_messages"] = s.execute(
            delete(OutboxRow).where(OutboxRow.ticket_id.in_(ids))
        ).rowcount
        counts["failed_deliveries"] = s.execute(
            delete(FailedDeliveryRow).where(
                or_(FailedDeliveryRow.ticket_id.in_(ids), FailedDeliveryRow.chat_id == user_id)
            )
        ).rowcount
        return counts

    def erase_contacts_closed_before(self, before: datetime) -> int:
        """Erase phone, e-mail and video link of tickets closed before a date; return how many."""
        closed = select(TicketRow.id).where(
            TicketRow.status.in_(CLOSED), TicketRow.closed_at < before
        )
        erased = self.session.execute(
            update(TicketRow)
            .where(
                TicketRow.id.in_(closed),
                or_(
                    TicketRow.phone.is_not(None),
                    TicketRow.email.is_not(None),
                    TicketRow.appointment_link.is_not(None),
                ),
            )
            .values(phone=None, email=None, appointment_link=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        return erased

    def forget_messages_closed_before(self, before: datetime) -> int:
        """Delete the messages about tickets closed before a date (sent, waiting or stuck)."""
        closed = select(TicketRow.id).where(
            TicketRow.status.in_(CLOSED), TicketRow.closed_at < before
        )
        return self._forget_messages(closed)

    def pseudonymise_closed_before(self, before: datetime, scrub: Callable[[str], str]) -> int:
        """Detach tickets closed and created before a date from their official; scrub texts.

        In batches: the texts are scrubbed in Python, so only one batch is in memory at once.
        """
        done = 0
        top = self.session.scalar(select(func.max(TicketRow.id))) or 0
        # Windows of ticket ids: each batch reads one range of the primary key, never rescans.
        for low in range(0, top, BATCH):
            rows = self.session.execute(
                select(TicketRow.id, TicketRow.question, TicketRow.rating_comment).where(
                    TicketRow.id > low,
                    TicketRow.id <= low + BATCH,
                    TicketRow.status.in_(CLOSED),
                    TicketRow.created_at < before,
                    TicketRow.official_id != ANONYMOUS,
                )
            ).all()
            if not rows:
                continue
            ids = [row.id for row in rows]
            self._scrub_events(ids, scrub)
            self.session.execute(
                update(TicketRow),
                [
                    {
                        "id": row.id,
                        "official_id": ANONYMOUS,
                        "question": scrub(row.question),
                        "rating_comment": scrub(row.rating_comment) if row.rating_comment else None,
                    }
                    for row in rows
                ],
            )
            self._forget_messages(ids)
            done += len(rows)
        return done

    def _scrub_events(self, ids, scrub) -> None:
        """Scrub what the official wrote in the log and detach their own events from them."""
        events = self.session.execute(
            select(TicketEventRow.id, TicketEventRow.detail).where(
                TicketEventRow.ticket_id.in_(ids),
                TicketEventRow.kind.in_(TEXT_EVENTS),
                TicketEventRow.detail != "",
            )
        ).all()
        if events:
            self.session.execute(
                update(TicketEventRow),
                [{"id": event.id, "detail": scrub(event.detail)} for event in events],
            )
        official = (
            select(TicketRow.official_id)
            .where(TicketRow.id == TicketEventRow.ticket_id)
            .scalar_subquery()
        )
        self.session.execute(
            update(TicketEventRow)
            .where(TicketEventRow.ticket_id.in_(ids), TicketEventRow.actor_id == official)
            .values(actor_id=ANONYMOUS)
            .execution_options(synchronize_session=False)
        )

    def _forget_messages(self, ids) -> int:
        """Delete the outbox rows and failed deliveries about these tickets; return how many."""
        outbox = self.session.execute(
            delete(OutboxRow)
            .where(OutboxRow.ticket_id.in_(ids))
            .execution_options(synchronize_session=False)
        ).rowcount
        failed = self.session.execute(
            delete(FailedDeliveryRow)
            .where(FailedDeliveryRow.ticket_id.in_(ids))
            .execution_options(synchronize_session=False)
        ).rowcount
        return outbox + failed
