"""Read the version history of entries with who saved each version and when."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.entries.records import EntryVersion, entry_from_dict
from storage.knowledge.models import EntryVersionRow


class SqlEntryVersions:
    """Version snapshots with their metadata, from the `kb_entry_versions` table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def of(self, slug: str) -> list[EntryVersion]:
        """Return the versions of an entry, newest first."""
        rows = self.session.scalars(
            select(EntryVersionRow)
            .where(EntryVersionRow.slug == slug)
            .order_by(EntryVersionRow.version.desc())
        )
        return [
            EntryVersion(r.version, r.author, r.created_at, entry_from_dict(r.snapshot))
            for r in rows
        ]

    def latest_number(self, slug: str) -> int:
        """Return the highest version number recorded for an entry (0 if none)."""
        numbers = self.session.scalars(
            select(EntryVersionRow.version).where(EntryVersionRow.slug == slug)
        )
        return max(numbers, default=0)
