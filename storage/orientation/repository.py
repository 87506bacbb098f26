"""Repository of cycles, registrations, attendance, profiles and projets partagés interests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from routing.orientation.model import (
    Cycle,
    CycleDraft,
    CycleStatus,
    Interest,
    InterestKind,
    PlaceConflict,
    Profile,
    Registration,
    RegistrationStatus,
    SharedTheme,
    collectivite_key,
)
from routing.orientation.model import Session as CycleSession
from storage.answers.models import UserRow
from storage.orientation.models import (
    AttendanceRow,
    CycleRow,
    InterestRow,
    ProfileRow,
    RegistrationRow,
    SessionRow,
    SharedThemeRow,
)

HOLDING = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.OFFERED.value)


class SqlOrientationRepository:
    """Reads and writes the orientation tables within one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

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

    # -- profiles ------------------------------------------------------------------------
    def profile(self, user_id: int) -> Profile | None:
        """What the person gave last time."""
        row = self.session.get(ProfileRow, user_id)
        return None if row is None else Profile(row.collectivite, row.role, row.email)

    def save_profile(self, user_id: int, profile: Profile, now: datetime) -> None:
        """Keep the person's collectivité, role and e-mail for next time."""
        row = self.session.get(ProfileRow, user_id) or ProfileRow(user_id=user_id)
        row.collectivite, row.role, row.email = profile.collectivite, profile.role, profile.email
        row.updated_at = now
        self.session.add(row)
        self.session.flush()

    # -- projets partagés ----------------------------------------------------------------
    def add_theme(self, slug: str, title: str, description: str) -> SharedTheme:
        """Store a projet partagé theme (or return the one with this slug)."""
        row = self.session.scalars(select(SharedThemeRow).where(SharedThemeRow.slug == slug))
        row = row.first() or SharedThemeRow(slug=slug, open=True)
        row.title, row.description = title, description
        self.session.add(row)
        self.session.flush()
        return _theme(row)

    def theme(self, theme_id: int) -> SharedTheme | None:
        """One theme."""
        row = self.session.get(SharedThemeRow, theme_id)
        return None if row is None else _theme(row)

    def themes(self, open_only: bool) -> list[SharedTheme]:
        """The themes, in creation order."""
        query = select(SharedThemeRow).order_by(SharedThemeRow.id)
        if open_only:
            query = query.where(SharedThemeRow.open.is_(True))
        return [_theme(row) for row in self.session.scalars(query)]

    def add_interest(
        self, theme_id: int, user_id: int, collectivite: str, kind: InterestKind, now: datetime
    ) -> Interest:
        """Record or update a person's interest in a theme."""
        row = self.session.scalars(
            select(InterestRow).where(
                InterestRow.theme_id == theme_id, InterestRow.user_id == user_id
            )
        ).first() or InterestRow(theme_id=theme_id, user_id=user_id, created_at=now)
        row.collectivite, row.kind = collectivite, kind.value
        self.session.add(row)
        self.session.flush()
        return _interest(row)

    def interests(self, theme_id: int) -> list[Interest]:
        """A theme's interests in arrival order."""
        rows = self.session.scalars(
            select(InterestRow).where(InterestRow.theme_id == theme_id).order_by(InterestRow.id)
        )
        return [_interest(row) for row in rows]


def _theme(row: SharedThemeRow) -> SharedTheme:
    return SharedTheme(row.id, row.slug, row.title, row.description, bool(row.open))


def _interest(row: InterestRow) -> Interest:
    return Interest(
        row.id, row.theme_id, row.user_id, row.collectivite, InterestKind(row.kind), row.created_at
    )
