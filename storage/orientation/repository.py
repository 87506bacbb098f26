"""Repository of cycles, registrations, attendance, profiles and projets partagés interests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from routing.orientation.model import (
    Cycle,
    PlaceConflict,
    Profile,
    Registration,
    RegistrationStatus,
    collectivite_key,
)
from storage.answers.models import UserRow
from storage.orientation.cycles import SqlCycles
from storage.orientation.models import (
    AttendanceRow,
    CycleRow,
    RegistrationRow,
    SessionRow,
)
from storage.orientation.themes import SqlProfilesAndThemes


class SqlOrientationRepository(SqlCycles, SqlProfilesAndThemes):
    """Reads and writes the orientation tables within one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- registrations -------------------------------------------------------------------
    def add_registration(
        self, cycle: Cycle, user_id: int, profile: Profile, status: RegistrationStatus, now
    ) -> Registration:
        """Store a registration; a place-holding one gets a free seat (PlaceConflict if none)."""
        key = collectivite_key(profile.collectivite or "")
        row = RegistrationRow(
            cycle_id=cycle.id,
            user_id=user_id,
            collectivite=profile.collectivite,
            collectivite_key=key,
            role=profile.role,
            email=profile.email,
            status=status.value,
            created_at=now,
            updated_at=now,
        )
        if status.holds_place:
            row.seat, row.holder_key = self._free_seat(cycle.id, cycle.capacity), key
        self.session.add(row)
        self._flush()
        return self._registration(row)

    def move(
        self,
        registration: Registration,
        status: RegistrationStatus,
        now: datetime,
        offered_until: datetime | None = None,
    ) -> Registration:
        """Change a registration's status; its seat is taken or freed accordingly."""
        row = self.session.get(RegistrationRow, registration.id)
        if status.holds_place and row.seat is None:
            capacity = self.session.get(CycleRow, row.cycle_id).capacity
            row.seat, row.holder_key = self._free_seat(row.cycle_id, capacity), row.collectivite_key
        elif not status.holds_place:
            row.seat = row.holder_key = None
        row.status, row.updated_at = status.value, now
        row.offered_until = offered_until if status == RegistrationStatus.OFFERED else None
        self._flush()
        return self._registration(row)

    def _free_seat(self, cycle_id: int, capacity: int) -> int:
        used = set(
            self.session.scalars(
                select(RegistrationRow.seat).where(
                    RegistrationRow.cycle_id == cycle_id, RegistrationRow.seat.is_not(None)
                )
            )
        )
        free = next((n for n in range(1, capacity + 1) if n not in used), None)
        if free is None:
            raise PlaceConflict("no seat left")
        return free

    def _flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as error:
            raise PlaceConflict(str(error.orig)[:100]) from None

    def registration(self, registration_id: int) -> Registration | None:
        """One registration by id."""
        row = self.session.get(RegistrationRow, registration_id)
        if row is not None:
            self.session.refresh(row)
        return None if row is None else self._registration(row)

    def active_of(self, cycle_id: int, user_id: int) -> Registration | None:
        """The person's active registration in a cycle, if any."""
        active = [s.value for s in RegistrationStatus if s.is_active]
        row = self.session.scalars(
            select(RegistrationRow).where(
                RegistrationRow.cycle_id == cycle_id,
                RegistrationRow.user_id == user_id,
                RegistrationRow.status.in_(active),
            )
        ).first()
        return None if row is None else self._registration(row)

    def holder(self, cycle_id: int, key: str) -> Registration | None:
        """The registration holding the collectivité's place in a cycle, if any."""
        row = self.session.scalars(
            select(RegistrationRow).where(
                RegistrationRow.cycle_id == cycle_id, RegistrationRow.holder_key == key
            )
        ).first()
        return None if row is None else self._registration(row)

    def registrations(
        self, cycle_id: int, statuses: Iterable[RegistrationStatus]
    ) -> list[Registration]:
        """A cycle's registrations with these statuses, in registration order."""
        rows = self.session.scalars(
            select(RegistrationRow)
            .where(
                RegistrationRow.cycle_id == cycle_id,
                RegistrationRow.status.in_([s.value for s in statuses]),
            )
            .order_by(RegistrationRow.created_at, RegistrationRow.id)
        )
        return [self._registration(row) for row in rows]

    def registrations_of(self, user_id: int) -> list[Registration]:
        """A person's registrations, newest first."""
        rows = self.session.scalars(
            select(RegistrationRow)
            .where(RegistrationRow.user_id == user_id)
            .order_by(RegistrationRow.id.desc())
        )
        return [self._registration(row) for row in rows]

    def _registration(self, row: RegistrationRow) -> Registration:
        user = self.session.get(UserRow, row.user_id)
        attended = self.session.execute(
            select(SessionRow.number)
            .join(AttendanceRow, AttendanceRow.session_id == SessionRow.id)
            .where(AttendanceRow.registration_id == row.id, AttendanceRow.present.is_(True))
        )
        return Registration(
            id=row.id,
            cycle_id=row.cycle_id,
            user_id=row.user_id,
            collectivite=row.collectivite,
            role=row.role,
            email=row.email,
            status=RegistrationStatus(row.status),
            created_at=row.created_at,
            offered_until=row.offered_until,
            name=user.first_name if user else "",
            attended=frozenset(number for (number,) in attended),
        )

    def set_attendance(self, session_id: int, registration_id: int, present: bool) -> None:
        """Record presence or absence at a session."""
        row = self.session.scalars(
            select(AttendanceRow).where(
                AttendanceRow.session_id == session_id,
                AttendanceRow.registration_id == registration_id,
            )
        ).first()
        if row is None:
            row = AttendanceRow(session_id=session_id, registration_id=registration_id)
            self.session.add(row)
        row.present = present
        self.session.flush()
