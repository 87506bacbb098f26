"""Names of people for staff pages: advisors by their display name, others by first name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.answers.models import UserRow
from storage.tickets.models import AdvisorRow


class SqlPeopleNames:
    """Turn user ids into the names staff know them by."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def names(self, user_ids: Iterable[int]) -> dict[int, str]:
        """Return a name for each known id (unknown ids are left out)."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        found = {
            row.id: row.first_name or (f"@{row.username}" if row.username else "")
            for row in self.session.scalars(select(UserRow).where(UserRow.id.in_(ids)))
        }
        for row in self.session.scalars(select(AdvisorRow).where(AdvisorRow.user_id.in_(ids))):
            if row.display_name:
                found[row.user_id] = row.display_name
        return {user_id: name for user_id, name in found.items() if name}
