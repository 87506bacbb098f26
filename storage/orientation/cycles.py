"""Cycles and their sessions, and the row lock that serialises registrations (repository part)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from routing.orientation.model import Cycle, CycleDraft, CycleStatus, RegistrationStatus
from routing.orientation.model import Session as CycleSession
from storage.orientation.models import CycleRow, RegistrationRow, SessionRow

HOLDING = tuple(s.value for s in RegistrationStatus if s.holds_place)


class SqlCycles:
    """The cycles half of the orientation repository."""

    session: Session

    # -- cycles --------------------------------------------------------------------------
    def lock_cycle(self, cycle_id: int) -> bool:
        """Take the cycle's row lock (a write: SQLite's writer lock, PostgreSQL's row lock)."""
        result = self.session.execute(
            update(CycleRow)
            .where(CycleRow.id == cycle_id)
            .values(lock_version=CycleRow.lock_version + 1)
        )
        return result.rowcount == 1

    def cycle(self, cycle_id: int | None) -> Cycle | None:
        """One cycle with its sessions and the places taken."""
        row = self.session.get(CycleRow, cycle_id) if cycle_id is not None else None
        return None if row is None else self._cycle(row)

    def cycles(self) -> list[Cycle]:
        """Every cycle, by first session."""
        found = [self._cycle(row) for row in self.session.scalars(select(CycleRow))]
        return sorted(found, key=lambda c: c.sessions[0].starts_at if c.sessions else c.deadline)

    def _cycle(self, row: CycleRow) -> Cycle:
        self.session.refresh(row)  # the lock's UPDATE bypassed the identity map
        sessions = self.session.scalars(
            select(SessionRow).where(SessionRow.cycle_id == row.id).order_by(SessionRow.number)
        )
        taken = self.session.scalar(
            select(func.count()).where(
                RegistrationRow.cycle_id == row.id, RegistrationRow.status.in_(HOLDING)
            )
        )
        return Cycle(
            id=row.id,
            theme=row.theme,
            description=row.description,
            sessions=tuple(CycleSession(s.id, s.number, s.starts_at) for s in sessions),
            visio_link=row.visio_link,
            capacity=row.capacity,
            deadline=row.deadline,
            status=CycleStatus(row.status),
            topics=tuple(row.topics or ()),
            taken=taken or 0,
        )

    def add_cycle(self, draft: CycleDraft, now: datetime) -> Cycle:
        """Store a new open cycle and its sessions."""
        row = CycleRow(created_at=now, status=CycleStatus.OPEN.value, lock_version=0)
        self._fill(row, draft)
        self.session.add(row)
        self.session.flush()
        for number, starts in enumerate(draft.starts, 1):
            self.session.add(SessionRow(cycle_id=row.id, number=number, starts_at=starts))
        self.session.flush()
        return self._cycle(row)

    def update_cycle(self, cycle_id: int, draft: CycleDraft) -> Cycle:
        """Rewrite a cycle's fields and session times (attendance stays with the sessions)."""
        row = self.session.get(CycleRow, cycle_id)
        self._fill(row, draft)
        sessions = self.session.scalars(select(SessionRow).where(SessionRow.cycle_id == cycle_id))
        by_number = {s.number: s for s in sessions}
        for number, starts in enumerate(draft.starts, 1):
            by_number[number].starts_at = starts
        self.session.flush()
        return self._cycle(row)

    @staticmethod
    def _fill(row: CycleRow, draft: CycleDraft) -> None:
        row.theme, row.description = draft.theme, draft.description
        row.visio_link, row.capacity = draft.visio_link.strip(), draft.capacity
        row.deadline, row.topics = draft.deadline, list(draft.topics)

    def set_status(self, cycle_id: int, status: CycleStatus) -> None:
        """Open or close a cycle."""
        self.session.execute(
            update(CycleRow).where(CycleRow.id == cycle_id).values(status=status.value)
        )

    def delete_cycle(self, cycle_id: int) -> None:
        """Delete a cycle and its sessions."""
        self.session.execute(delete(SessionRow).where(SessionRow.cycle_id == cycle_id))
        self.session.execute(delete(CycleRow).where(CycleRow.id == cycle_id))

    def session_of(self, session_id: int) -> CycleSession | None:
        """One session by id."""
        row = self.session.get(SessionRow, session_id)
        return None if row is None else CycleSession(row.id, row.number, row.starts_at)

    def cycle_of_session(self, session_id: int) -> int:
        """The cycle a session belongs to."""
        return self.session.get(SessionRow, session_id).cycle_id
