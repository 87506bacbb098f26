"""Repositories of processed updates, blocked users, failed deliveries and maintenance runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from routing.records import aware
from routing.safety.records import Block, FailedDelivery
from storage.base import utcnow
from storage.safety.models import (
    BlockedUserRow,
    FailedDeliveryRow,
    MaintenanceRunRow,
    ProcessedUpdateRow,
)


def insert_ignoring_duplicates(session: Session, table, **values) -> bool:
    """INSERT a row unless its key exists (atomic on SQLite and PostgreSQL); True if inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    key = next(iter(table.primary_key.columns))
    statement = module.insert(table).values(**values).on_conflict_do_nothing().returning(key)
    # RETURNING says whether a row went in; rowcount is not reliable across drivers here.
    return session.execute(statement).first() is not None


class SqlUpdateLog:
    """Update ids already taken in (Telegram may deliver the same update twice)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_delivery(
        self, update_id: int, now: datetime | None = None, owner: int | None = None
    ) -> bool:
        """Record an update id; False when it was recorded before (a redelivery).

        With an `owner` (a process of a cluster on PostgreSQL), an update recorded by a
        process that died before finishing it, and before sending any message for it, is
        taken over: True, it is handled again here. Once a reply went out, it is not redone
        (a second reply would be worse than a missing follow-up).
        """
        values = {"update_id": update_id, "received_at": now or utcnow(), "owner": owner}
        if insert_ignoring_duplicates(self.session, ProcessedUpdateRow.__table__, **values):
            return True
        if owner is None or self.session.get_bind().dialect.name != "postgresql":
            return False
        # The owner is alive while it holds the advisory lock keyed by its number.
        taken = self.session.execute(
            text(
                "UPDATE processed_updates SET owner = :me, received_at = :now "
                "WHERE update_id = :id AND done_at IS NULL AND sent = 0 AND owner IS NOT NULL "
                "AND owner <> :me AND NOT EXISTS (SELECT 1 FROM pg_locks "
                "WHERE locktype = 'advisory' AND granted "
                "AND ((classid::bigint << 32) | objid::bigint) = processed_updates.owner)"
            ),
            {"me": owner, "now": values["received_at"], "id": update_id},
        )
        return taken.rowcount == 1

    def count_sent(self, update_id: int) -> None:
        """Count one message sent while handling an update."""
        self.session.execute(
            update(ProcessedUpdateRow)
            .where(ProcessedUpdateRow.update_id == update_id)
            .values(sent=ProcessedUpdateRow.sent + 1)
        )

    def finish(self, update_id: int, now: datetime | None = None) -> None:
        """Record that an update was handled to the end."""
        self.session.execute(
            update(ProcessedUpdateRow)
            .where(ProcessedUpdateRow.update_id == update_id)
            .values(done_at=now or utcnow())
        )

    def prune(self, before: datetime) -> int:
        """Forget update ids received before a date; return how many."""
        result = self.session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.received_at < before)
        )
        return result.rowcount


class SqlBlockList:
    """People blocked by staff."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: int) -> Block | None:
        """Return the block of a person, or None."""
        row = self.session.get(BlockedUserRow, user_id)
        return _block(row) if row else None

    def block(self, user_id: int, reason: str | None, blocked_by: int | None) -> Block:
        """Block a person (again: the reason is updated and they will be told once more)."""
        row = self.session.get(BlockedUserRow, user_id)
        if row is None:
            row = BlockedUserRow(user_id=user_id)
            self.session.add(row)
        row.reason, row.blocked_by = reason, blocked_by
        row.blocked_at, row.notified_at = utcnow(), None
        self.session.flush()
        return _block(row)

    def unblock(self, user_id: int) -> bool:
        """Lift a block; False if the person was not blocked."""
        result = self.session.execute(
            delete(BlockedUserRow).where(BlockedUserRow.user_id == user_id)
        )
        return result.rowcount == 1

    def claim_notification(self, user_id: int, now: datetime | None = None) -> bool:
        """Mark the person as told about the block; True only for the first caller."""
        result = self.session.execute(
            update(BlockedUserRow)
            .where(BlockedUserRow.user_id == user_id, BlockedUserRow.notified_at.is_(None))
            .values(notified_at=now or utcnow())
        )
        return result.rowcount == 1

    def list(self) -> list[Block]:
        """Return every block, most recent first."""
        rows = self.session.scalars(
            select(BlockedUserRow).order_by(BlockedUserRow.blocked_at.desc())
        )
        return [_block(row) for row in rows]


def _block(row: BlockedUserRow) -> Block:
    return Block(
        row.user_id, row.reason, row.blocked_by, aware(row.blocked_at), aware(row.notified_at)
    )


class SqlFailedDeliveries:
    """Bot API calls that failed, and their retries."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        chat_id: int,
        method: str,
        payload: dict,
        error: str,
        attempts: int,
        retry_at,
        ticket_id: int | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Record a failed call (and the ticket it is about, if any); return its id."""
        row = FailedDeliveryRow(
            chat_id=chat_id,
            ticket_id=ticket_id,
            created_at=created_at or utcnow(),
            method=method,
            payload=payload,
            error=error[:300],
            attempts=attempts,
            next_try_at=retry_at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def due(self, now: datetime, limit: int = 20) -> list[FailedDelivery]:
        """Return the calls whose retry time has come, oldest first."""
        rows = self.session.scalars(
            select(FailedDeliveryRow)
            .where(FailedDeliveryRow.delivered_at.is_(None), FailedDeliveryRow.next_try_at <= now)
            .order_by(FailedDeliveryRow.next_try_at, FailedDeliveryRow.id)
            .limit(limit)
        )
        return [_delivery(row) for row in rows]

    def delivered(self, delivery_id: int, now: datetime) -> None:
        """Mark a call as finally delivered (its payload is no longer needed)."""
        self.session.execute(
            update(FailedDeliveryRow)
            .where(FailedDeliveryRow.id == delivery_id)
            .values(delivered_at=now, next_try_at=None, payload={})
        )

    def failed_again(self, delivery_id: int, error: str, retry_at: datetime | None) -> None:
        """Count one more failed attempt; retry_at None gives up (permanent error)."""
        self.session.execute(
            update(FailedDeliveryRow)
            .where(FailedDeliveryRow.id == delivery_id)
            .values(
                attempts=FailedDeliveryRow.attempts + 1, error=error[:300], next_try_at=retry_at
            )
        )

    def of_chat(self, chat_id: int) -> list[FailedDelivery]:
        """Return every recorded call to a chat, oldest first."""
        rows = self.session.scalars(
            select(FailedDeliveryRow)
            .where(FailedDeliveryRow.chat_id == chat_id)
            .order_by(FailedDeliveryRow.id)
        )
        return [_delivery(row) for row in rows]

    def forget_chat(self, chat_id: int) -> int:
        """Delete every recorded call to a chat; return how many."""
        result = self.session.execute(
            delete(FailedDeliveryRow).where(FailedDeliveryRow.chat_id == chat_id)
        )
        return result.rowcount

    def prune_given_up(self, before: datetime) -> int:
        """Delete calls given up (permanent error) and recorded before a date; return how many."""
        result = self.session.execute(
            delete(FailedDeliveryRow).where(
                FailedDeliveryRow.delivered_at.is_(None),
                FailedDeliveryRow.next_try_at.is_(None),
                FailedDeliveryRow.created_at < before,
            )
        )
        return result.rowcount

    def prune_delivered(self, before: datetime) -> int:
        """Delete calls delivered before a date; return how many."""
        result = self.session.execute(
            delete(FailedDeliveryRow).where(FailedDeliveryRow.delivered_at < before)
        )
        return result.rowcount


def _delivery(row: FailedDeliveryRow) -> FailedDelivery:
    return FailedDelivery(
        row.id,
        row.chat_id,
        row.method,
        dict(row.payload or {}),
        row.error,
        row.attempts,
        aware(row.next_try_at),
        aware(row.delivered_at),
    )


class SqlMaintenanceRuns:
    """When each periodic job last ran."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def last_run(self, name: str) -> datetime | None:
        """Return when a job last ran, or None."""
        row = self.session.get(MaintenanceRunRow, name)
        return row.last_run_at if row else None

    def record(self, name: str, at: datetime, report: dict) -> None:
        """Record a run of a job."""
        row = self.session.get(MaintenanceRunRow, name)
        if row is None:
            row = MaintenanceRunRow(name=name)
            self.session.add(row)
        row.last_run_at, row.report = at, report
        self.session.flush()
