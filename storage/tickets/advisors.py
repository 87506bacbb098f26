"""Repository of advisors' details, their skills and the invitation codes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from routing.records import Role
from routing.tickets.model import Advisor
from storage.answers.models import UserRow
from storage.tickets.models import AdvisorRow, AdvisorSkillRow, InvitationRow


class SqlAdvisorRepository:
    """Advisors joined with users.role, which alone decides what they may do."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert(self, user_id: int, name: str, active: bool = True) -> None:
        """Create or update an advisor's details (the users row must exist)."""
        row = self.session.get(AdvisorRow, user_id)
        if row is None:
            row = AdvisorRow(user_id=user_id)
            self.session.add(row)
        row.display_name, row.active = name, active
        self.session.flush()

    def get(self, user_id: int) -> Advisor | None:
        """Return an advisor (active or not) with role and skills, or None."""
        found = self.session.execute(
            select(AdvisorRow, UserRow.role)
            .join(UserRow, UserRow.id == AdvisorRow.user_id)
            .where(AdvisorRow.user_id == user_id)
            .execution_options(populate_existing=True)
        ).first()
        return self._advisor(*found) if found else None

    def list(self, active_only: bool = True) -> list[Advisor]:
        """Return advisors ordered by user id."""
        query = (
            select(AdvisorRow, UserRow.role)
            .join(UserRow, UserRow.id == AdvisorRow.user_id)
            .order_by(AdvisorRow.user_id)
            .execution_options(populate_existing=True)
        )
        if active_only:
            query = query.where(AdvisorRow.active.is_(True))
        return [self._advisor(row, role) for row, role in self.session.execute(query)]

    def deactivate(self, user_id: int) -> None:
        """Mark an advisor inactive (kept for the tickets' history)."""
        self.session.execute(
            update(AdvisorRow).where(AdvisorRow.user_id == user_id).values(active=False)
        )

    def set_skills(self, user_id: int, skills: Iterable[str]) -> None:
        """Replace an advisor's skills."""
        self.session.execute(delete(AdvisorSkillRow).where(AdvisorSkillRow.user_id == user_id))
        self.session.add_all(AdvisorSkillRow(user_id=user_id, skill=s) for s in skills)
        self.session.flush()

    def touch_assigned(self, user_id: int, at: datetime) -> None:
        """Record that a ticket was just suggested to or taken by this advisor (round robin)."""
        self.session.execute(
            update(AdvisorRow).where(AdvisorRow.user_id == user_id).values(last_assigned_at=at)
        )

    def add_invitation(
        self,
        code_hash: str,
        role: Role,
        created_by: int | None,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Store a new invitation by the hash of its code."""
        self.session.add(
            InvitationRow(
                code_hash=code_hash,
                role=str(role),
                created_by=created_by,
                created_at=created_at,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def use_invitation(self, code_hash: str, user_id: int, now: datetime) -> Role | None:
        """Spend an unused, unexpired invitation; return its role, or None (atomic)."""
        result = self.session.execute(
            update(InvitationRow)
            .where(
                InvitationRow.code_hash == code_hash,
                InvitationRow.used_by.is_(None),
                InvitationRow.expires_at > now,
            )
            .values(used_by=user_id, used_at=now)
        )
        if result.rowcount != 1:
            return None
        role = self.session.scalar(
            select(InvitationRow.role).where(InvitationRow.code_hash == code_hash)
        )
        return Role(role)

    def _advisor(self, row: AdvisorRow, role: str) -> Advisor:
        skills = self.session.scalars(
            select(AdvisorSkillRow.skill)
            .where(AdvisorSkillRow.user_id == row.user_id)
            .order_by(AdvisorSkillRow.skill)
        )
        return Advisor(
            user_id=row.user_id,
            name=row.display_name,
            role=Role(role),
            active=row.active,
            skills=tuple(skills),
            last_assigned_at=row.last_assigned_at,
        )
