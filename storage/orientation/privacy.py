"""A person's ateliers and projets partagés data: export, erasure and retention."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from routing.orientation.model import PROMOTE_JOB, RegistrationStatus
from storage.orientation.models import (
    AttendanceRow,
    CycleRow,
    InterestRow,
    ProfileRow,
    RegistrationRow,
    SessionRow,
)
from storage.tickets.outbox import SqlJobRepository

ANONYMOUS = 0
ERASED = "[effacé]"
HOLDING = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.OFFERED.value)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class SqlOrientationPrivacy:
    """The orientation side of the privacy repository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def export(self, user_id: int) -> dict:
        """The profile, registrations (with attendance) and interests of a person."""
        s = self.session
        profile = s.get(ProfileRow, user_id)
        registrations = s.scalars(
            select(RegistrationRow)
            .where(RegistrationRow.user_id == user_id)
            .order_by(RegistrationRow.id)
        )
        interests = s.scalars(
            select(InterestRow).where(InterestRow.user_id == user_id).order_by(InterestRow.id)
        )
        return {
            "orientation_profile": None
            if profile is None
            else {
                "collectivite": profile.collectivite,
                "role": profile.role,
                "email": profile.email,
                "updated_at": _iso(profile.updated_at),
            },
            "ateliers": [self._registration(row) for row in registrations],
            "projets_partages": [
                {
                    "theme_id": i.theme_id,
                    "collectivite": i.collectivite,
                    "kind": i.kind,
                    "created_at": _iso(i.created_at),
                }
                for i in interests
            ],
        }

    def _registration(self, row: RegistrationRow) -> dict:
        cycle = self.session.get(CycleRow, row.cycle_id)
        present = self.session.execute(
            select(SessionRow.number, AttendanceRow.present)
            .join(AttendanceRow, AttendanceRow.session_id == SessionRow.id)
            .where(AttendanceRow.registration_id == row.id)
            .order_by(SessionRow.number)
        )
        return {
            "cycle": cycle.theme if cycle else None,
            "collectivite": row.collectivite,
            "role": row.role,
            "email": row.email,
            "status": row.status,
            "created_at": _iso(row.created_at),
            "attendance": {str(number): bool(was) for number, was in present},
        }

    def erase(self, user_id: int, now: datetime) -> dict[str, int]:
        """Free the person's places (the next in line is offered them), anonymise the rest."""
        s = self.session
        held = s.scalars(
            select(RegistrationRow.cycle_id).where(
                RegistrationRow.user_id == user_id, RegistrationRow.status.in_(HOLDING)
            )
        ).all()
        count = s.execute(
            update(RegistrationRow)
            .where(RegistrationRow.user_id == user_id)
            .values(
                user_id=ANONYMOUS,
                collectivite=ERASED,
                collectivite_key=ERASED,
                email="",
                seat=None,
                holder_key=None,
                status=RegistrationStatus.CANCELLED.value,
                offered_until=None,
            )
        ).rowcount
        jobs = SqlJobRepository(s)
        for cycle_id in held:  # run at once by the dispatch loop, under the cycle's lock
            jobs.add(PROMOTE_JOB, None, now, {"cycle": cycle_id}, f"ori:promote:{cycle_id}:{now}")
        return {
            "atelier_registrations": count,
            "orientation_profile": s.execute(
                delete(ProfileRow).where(ProfileRow.user_id == user_id)
            ).rowcount,
            "shared_interests": s.execute(
                delete(InterestRow).where(InterestRow.user_id == user_id)
            ).rowcount,
        }

    def erase_emails_of_cycles_before(self, before: datetime) -> int:
        """Erase participants' e-mails once the cycle's last session is older than `before`."""
        last = (
            select(SessionRow.cycle_id)
            .group_by(SessionRow.cycle_id)
            .having(func.max(SessionRow.starts_at) < before)
        )
        finished = set(self.session.scalars(last))
        if not finished:
            return 0
        return self.session.execute(
            update(RegistrationRow)
            .where(RegistrationRow.cycle_id.in_(finished), RegistrationRow.email != "")
            .values(email="")
        ).rowcount

    def forget_profiles_before(self, before: datetime) -> int:
        """Delete registration profiles untouched since `before`."""
        return self.session.execute(
            delete(ProfileRow).where(ProfileRow.updated_at < before)
        ).rowcount
