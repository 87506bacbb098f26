"""Repository of back-office sign-in links, sessions and the staff action log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from routing.safety.records import StaffAction
from storage.backoffice.models import SignInLinkRow, StaffActionRow, StaffSessionRow


@dataclass(frozen=True)
class StoredSession:
    """A back-office session as stored: whose it is, its CSRF token and its end."""

    user_id: int
    csrf_token: str
    expires_at: datetime


class SqlBackofficeRepository:
    """Links, sessions and the action log in SQL tables."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_link(self, token_hash: str, user_id: int, now: datetime, expires_at: datetime) -> None:
        """Store a new sign-in link."""
        self.session.add(
            SignInLinkRow(
                token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires_at
            )
        )
        self.session.flush()

    def use_link(self, token_hash: str, now: datetime) -> int | None:
        """Mark a valid link used and return its user; None if unknown, used or expired.

        One conditional UPDATE: of two requests racing with the same link, exactly one wins.
        """
        result = self.session.execute(
            update(SignInLinkRow)
            .where(
                SignInLinkRow.token_hash == token_hash,
                SignInLinkRow.used_at.is_(None),
                SignInLinkRow.expires_at > now,
            )
            .values(used_at=now)
        )
        if result.rowcount != 1:
            return None
        return self.session.scalar(
            select(SignInLinkRow.user_id).where(SignInLinkRow.token_hash == token_hash)
        )

    def add_session(
        self, token_hash: str, user_id: int, csrf: str, now: datetime, expires_at: datetime
    ) -> None:
        """Store a new session."""
        self.session.add(
            StaffSessionRow(
                token_hash=token_hash,
                user_id=user_id,
                csrf_token=csrf,
                created_at=now,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def live_session(self, token_hash: str, now: datetime) -> StoredSession | None:
        """Return a session that is neither ended nor expired."""
        row = self.session.scalar(
            select(StaffSessionRow).where(
                StaffSessionRow.token_hash == token_hash,
                StaffSessionRow.ended_at.is_(None),
                StaffSessionRow.expires_at > now,
            )
        )
        return StoredSession(row.user_id, row.csrf_token, row.expires_at) if row else None

    def end_session(self, token_hash: str, now: datetime) -> None:
        """End a session (sign-out)."""
        self.session.execute(
            update(StaffSessionRow)
            .where(StaffSessionRow.token_hash == token_hash, StaffSessionRow.ended_at.is_(None))
            .values(ended_at=now)
        )

    def log(self, user_id: int, action: str, target: str, now: datetime) -> None:
        """Append a line to the staff action log."""
        self.session.add(
            StaffActionRow(user_id=user_id, action=action[:40], target=target[:200], at=now)
        )
        self.session.flush()

    def actions(self, limit: int = 100) -> list[StaffAction]:
        """Return the latest actions, newest first."""
        rows = self.session.scalars(
            select(StaffActionRow).order_by(StaffActionRow.id.desc()).limit(limit)
        )
        return [StaffAction(r.user_id, r.action, r.target, r.at) for r in rows]
