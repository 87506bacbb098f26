"""Ending a person's back-office access when their standing changes (role, removal, block)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from storage.backoffice.models import SignInLinkRow, StaffSessionRow


class SqlAccessRevocation:
    """Ends sessions and spends sign-in links, so a demoted person cannot come back on them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def revoke(self, user_id: int, now: datetime) -> int:
        """End every live session and expire every unused link of a person; return how many."""
        sessions = self.session.execute(
            update(StaffSessionRow)
            .where(StaffSessionRow.user_id == user_id, StaffSessionRow.ended_at.is_(None))
            .values(ended_at=now)
        ).rowcount
        links = self.session.execute(
            update(SignInLinkRow)
            .where(
                SignInLinkRow.user_id == user_id,
                SignInLinkRow.used_at.is_(None),
                SignInLinkRow.expires_at > now,
            )
            .values(expires_at=now)
        ).rowcount
        return sessions + links
