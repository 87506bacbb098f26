"""Repositories of the outbox (messages to send) and the jobs (checks to run later)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from routing.tickets.model import Job
from routing.tickets.outbox import MAX_ATTEMPTS, Notification, NotificationKind, OutboxItem
from storage.tickets.models import JobRow, OutboxRow


def insert_unless_duplicate(session: Session, table, values: dict) -> bool:
    """INSERT ... ON CONFLICT (dedupe_key) DO NOTHING; True when a row was written.

    The unique key, not a prior SELECT, decides: two processes enqueuing the same
    notification at once still store it once.
    """
    dialect = session.get_bind().dialect.name
    module = {"postgresql": postgresql, "sqlite": sqlite}.get(dialect)
    if module is None:
        exists = session.scalar(
            select(func.count()).where(table.c.dedupe_key == values["dedupe_key"])
        )
        if exists:
            return False
        session.connection().execute(table.insert().values(**values))
        return True
    # RETURNING, not rowcount: with PostgreSQL's implicit RETURNING the rowcount is -1.
    statement = (
        module.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(table.c.id)
    )
    return session.connection().execute(statement).first() is not None


TICKET_MESSAGES = (str(NotificationKind.TICKET_TO_ADVISOR), str(NotificationKind.TRANSFERRED))


class SqlOutboxRepository:
    """Notifications waiting to be sent, and the record of those sent."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, notification: Notification, now: datetime) -> bool:
        """Enqueue a notification; False when one with the same dedupe key exists."""
        return insert_unless_duplicate(
            self.session,
            OutboxRow.__table__,
            {
                "chat_id": notification.chat_id,
                "kind": str(notification.kind),
                "payload": notification.payload,
                "ticket_id": _ticket_of(notification.payload),
                "dedupe_key": notification.dedupe_key[:200],
                "due_at": notification.due_at,
                "attempts": 0,
                "created_at": now,
            },
        )

    def due(self, now: datetime, limit: int, max_attempts: int) -> list[OutboxItem]:
        """Return unsent notifications due at `now`, oldest due first."""
        rows = self.session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.sent_at.is_(None),
                OutboxRow.sending_since.is_(None),
                OutboxRow.due_at <= now,
                OutboxRow.attempts < max_attempts,
            )
            .order_by(OutboxRow.due_at, OutboxRow.id)
            .limit(limit)
        )
        return [_item(row) for row in rows]

    def mark_sent(self, item_id: int, message_id: int | None, now: datetime) -> None:
        """Record that a notification went out."""
        self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == item_id)
            .values(sent_at=now, message_id=message_id, sending_since=None)
        )

    def start_sending(self, item_id: int, now: datetime) -> bool:
        """Mark a notification as being sent; False if it is sent or being sent already."""
        result = self.session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.id == item_id,
                OutboxRow.sent_at.is_(None),
                OutboxRow.sending_since.is_(None),
            )
            .values(sending_since=now)
        )
        return result.rowcount == 1

    def abandon_interrupted(self, error: str, max_attempts: int) -> int:
        """Give up the notifications a crash left half-sent; return how many."""
        result = self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.sent_at.is_(None), OutboxRow.sending_since.is_not(None))
            .values(attempts=max_attempts, last_error=error, sending_since=None)
        )
        return result.rowcount

    def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        """Count a failed attempt and push the notification back to `retry_at`."""
        self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == item_id)
            .values(
                attempts=OutboxRow.attempts + 1,
                last_error=error,
                due_at=retry_at,
                sending_since=None,
            )
        )

    def pending_key(self, dedupe_key: str, max_attempts: int = MAX_ATTEMPTS) -> bool:
        """Tell whether the notification with this key is stored and still to be sent."""
        found = self.session.scalar(
            select(func.count()).where(
                OutboxRow.dedupe_key == dedupe_key,
                OutboxRow.sent_at.is_(None),
                OutboxRow.attempts < max_attempts,
            )
        )
        return bool(found)

    def pending_count(self, max_attempts: int) -> int:
        """Return how many notifications are still to be sent."""
        return self.session.scalar(
            select(func.count()).where(
                OutboxRow.sent_at.is_(None), OutboxRow.attempts < max_attempts
            )
        )

    def sent(self, chat_id: int | None = None, kind: str | None = None) -> list[OutboxItem]:
        """Return sent notifications, oldest first, optionally for one chat or kind."""
        query = select(OutboxRow).where(OutboxRow.sent_at.is_not(None)).order_by(OutboxRow.id)
        if chat_id is not None:
            query = query.where(OutboxRow.chat_id == chat_id)
        if kind is not None:
            query = query.where(OutboxRow.kind == str(kind))
        return [_item(row) for row in self.session.scalars(query)]

    def ticket_message(self, chat_id: int, ticket_id: int) -> int | None:
        """Return the id of the last ticket message sent to an advisor about a ticket."""
        return self.session.scalar(
            select(OutboxRow.message_id)
            .where(
                OutboxRow.ticket_id == ticket_id,
                OutboxRow.chat_id == chat_id,
                OutboxRow.kind.in_(TICKET_MESSAGES),
                OutboxRow.message_id.is_not(None),
            )
            .order_by(OutboxRow.id.desc())
            .limit(1)
        )

    def prune(self, before: datetime, max_attempts: int = MAX_ATTEMPTS) -> int:
        """Delete messages sent, or given up, before a date; return how many."""
        sent = self.session.execute(delete(OutboxRow).where(OutboxRow.sent_at < before))
        given_up = self.session.execute(
            delete(OutboxRow).where(
                OutboxRow.sent_at.is_(None),
                OutboxRow.attempts >= max_attempts,
                OutboxRow.created_at < before,
            )
        )
        return sent.rowcount + given_up.rowcount

    def items(self, kind: str | None = None) -> list[OutboxItem]:
        """Return every stored notification, sent or not, in enqueuing order."""
        query = select(OutboxRow).order_by(OutboxRow.id)
        if kind is not None:
            query = query.where(OutboxRow.kind == str(kind))
        return [_item(row) for row in self.session.scalars(query)]


def _ticket_of(payload: dict) -> int | None:
    ticket_id = (payload or {}).get("ticket_id")
    return int(ticket_id) if isinstance(ticket_id, int | str) and str(ticket_id).isdigit() else None


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        chat_id=row.chat_id,
        kind=row.kind,
        payload=dict(row.payload or {}),
        due_at=row.due_at,
        attempts=row.attempts,
        created_at=row.created_at,
        last_error=row.last_error,
    )


class SqlJobRepository:
    """Checks to run when they fall due; each is run once."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, kind: str, ticket_id: int | None, due_at: datetime, payload: dict, key: str
    ) -> bool:
        """Schedule a job (ticket_id None for other features'); False when already scheduled."""
        values = {
            "kind": kind,
            "ticket_id": ticket_id,
            "due_at": due_at,
            "payload": payload,
            "dedupe_key": key[:200],
        }
        return insert_unless_duplicate(self.session, JobRow.__table__, values)

    def due(self, now: datetime, limit: int = 100) -> list[Job]:
        """Return the ticket jobs due at `now` not yet done, oldest first."""
        rows = self.session.scalars(
            select(JobRow)
            .where(JobRow.done_at.is_(None), JobRow.due_at <= now, JobRow.ticket_id.is_not(None))
            .order_by(JobRow.due_at, JobRow.id)
            .limit(limit)
        )
        return [Job(r.id, r.kind, r.ticket_id, r.due_at, dict(r.payload or {})) for r in rows]

    def due_of_kinds(self, now: datetime, kinds: tuple[str, ...], limit: int = 100) -> list[Job]:
        """Return the jobs of these kinds due at `now` not yet done, oldest first."""
        rows = self.session.scalars(
            select(JobRow)
            .where(JobRow.done_at.is_(None), JobRow.due_at <= now, JobRow.kind.in_(kinds))
            .order_by(JobRow.due_at, JobRow.id)
            .limit(limit)
        )
        return [Job(r.id, r.kind, r.ticket_id, r.due_at, dict(r.payload or {})) for r in rows]

    def done(self, job_id: int, now: datetime) -> bool:
        """Mark a job done; False if another worker already did (so it runs once)."""
        result = self.session.execute(
            update(JobRow).where(JobRow.id == job_id, JobRow.done_at.is_(None)).values(done_at=now)
        )
        return result.rowcount == 1

    def cancel(self, ticket_id: int, kinds: tuple[str, ...], now: datetime) -> int:
        """Mark a ticket's pending jobs of these kinds done, since they no longer apply."""
        result = self.session.execute(
            update(JobRow)
            .where(JobRow.ticket_id == ticket_id, JobRow.kind.in_(kinds), JobRow.done_at.is_(None))
            .values(done_at=now)
        )
        return result.rowcount
