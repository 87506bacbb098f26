"""Repository of knowledge-base entries: the abstraction and its SQLAlchemy implementation."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.entries.records import (
    Citation,
    Entry,
    EntryStatus,
    entry_from_dict,
    entry_to_dict,
)
from storage.base import utcnow
from storage.knowledge.citations import read_citations, slugs_under_review, write_citations
from storage.knowledge.models import EntryRow, EntryVersionRow


def _to_entry(row: EntryRow, cites: list[Citation], under_review: bool) -> Entry:
    entry = entry_from_dict(
        {
            "slug": row.slug,
            "title": row.title,
            "group": row.group,
            "short_answer": row.short_answer,
            "body": row.body,
            "questions": row.questions,
            "keywords": row.keywords,
            "sources": row.sources,
            "status": row.status,
            "reviewed_on": row.reviewed_on,
            "review_by": row.review_by,
            "version": row.version,
        }
    )
    return replace(entry, cites=tuple(cites), under_review=under_review)


def _fill(row: EntryRow, entry: Entry) -> None:
    data = entry_to_dict(entry)
    for key in ("slug", "title", "group", "short_answer", "body", "questions", "keywords"):
        setattr(row, key, data[key])
    row.sources = data["sources"]
    row.status = data["status"]
    row.reviewed_on = entry.reviewed_on
    row.review_by = entry.review_by
    row.version = entry.version
    row.updated_at = utcnow()


class SqlEntryRepository:
    """Entries stored in SQL tables through a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, slug: str) -> Entry | None:
        """Return the entry with this slug, or None."""
        row = self.session.scalar(select(EntryRow).where(EntryRow.slug == slug))
        if row is None:
            return None
        cites = read_citations(self.session, [slug]).get(slug, [])
        return _to_entry(row, cites, bool(slugs_under_review(self.session, [slug])))

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        """Return entries ordered by slug, optionally of one status."""
        query = select(EntryRow).order_by(EntryRow.slug)
        if status is not None:
            query = query.where(EntryRow.status == str(status))
        rows = list(self.session.scalars(query))
        cites = read_citations(self.session)
        reviewed = slugs_under_review(self.session)
        return [_to_entry(row, cites.get(row.slug, []), row.slug in reviewed) for row in rows]

    def stamps(self) -> list[tuple[str, int, str]]:
        """Return (slug, version, status) of every entry, ordered by slug (cheap to read)."""
        query = select(EntryRow.slug, EntryRow.version, EntryRow.status).order_by(EntryRow.slug)
        return [
            (slug, version, str(status)) for slug, version, status in self.session.execute(query)
        ]

    def save(self, entry: Entry, author: str = "system") -> None:
        """Insert or replace an entry and record its version snapshot."""
        row = self.session.scalar(select(EntryRow).where(EntryRow.slug == entry.slug))
        if row is None:
            row = EntryRow()
            self.session.add(row)
        _fill(row, entry)
        write_citations(self.session, entry.slug, entry.cites)
        self.session.add(
            EntryVersionRow(
                slug=entry.slug, version=entry.version, snapshot=entry_to_dict(entry), author=author
            )
        )
        self.session.flush()

    def history(self, slug: str) -> list[Entry]:
        """Return every recorded version of an entry, oldest first."""
        rows = self.session.scalars(
            select(EntryVersionRow)
            .where(EntryVersionRow.slug == slug)
            .order_by(EntryVersionRow.version)
        )
        return [entry_from_dict(row.snapshot) for row in rows]
