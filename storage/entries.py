"""Repository of knowledge-base entries: the abstraction and its SQLAlchemy implementation."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import EntryRow, EntryVersionRow, utcnow
from storage.records import Entry, EntryStatus, Source


class EntryRepository(Protocol):
    """What the knowledge layer needs to read and write entries."""

    def get(self, slug: str) -> Entry | None:
        """Return the entry with this slug, or None."""

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        """Return entries ordered by slug, optionally of one status."""

    def save(self, entry: Entry, author: str = "system") -> None:
        """Insert or replace an entry and record its version snapshot."""

    def history(self, slug: str) -> list[Entry]:
        """Return every recorded version of an entry, oldest first."""


def entry_to_dict(entry: Entry) -> dict:
    """Serialise an entry to JSON-compatible primitives."""
    return {
        "slug": entry.slug,
        "title": entry.title,
        "group": entry.group,
        "short_answer": entry.short_answer,
        "body": entry.body,
        "questions": list(entry.questions),
        "keywords": list(entry.keywords),
        "sources": [{"label": s.label, "url": s.url} for s in entry.sources],
        "status": str(entry.status),
        "reviewed_on": entry.reviewed_on.isoformat() if entry.reviewed_on else None,
        "review_by": entry.review_by.isoformat() if entry.review_by else None,
        "version": entry.version,
    }


def entry_from_dict(data: dict) -> Entry:
    """Rebuild an entry from `entry_to_dict` output (dates as ISO strings or dates)."""

    def as_date(value):
        return date.fromisoformat(value) if isinstance(value, str) else value

    return Entry(
        slug=data["slug"],
        title=data["title"],
        group=data["group"],
        short_answer=data["short_answer"],
        body=data["body"],
        questions=tuple(data.get("questions") or ()),
        keywords=tuple(data.get("keywords") or ()),
        sources=tuple(Source(s["label"], s.get("url")) for s in data.get("sources") or ()),
        status=EntryStatus(data.get("status", "published")),
        reviewed_on=as_date(data.get("reviewed_on")),
        review_by=as_date(data.get("review_by")),
        version=int(data.get("version", 1)),
    )


def _to_entry(row: EntryRow) -> Entry:
    return entry_from_dict(
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
        return _to_entry(row) if row else None

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        """Return entries ordered by slug, optionally of one status."""
        query = select(EntryRow).order_by(EntryRow.slug)
        if status is not None:
            query = query.where(EntryRow.status == str(status))
        return [_to_entry(row) for row in self.session.scalars(query)]

    def save(self, entry: Entry, author: str = "system") -> None:
        """Insert or replace an entry and record its version snapshot."""
        row = self.session.scalar(select(EntryRow).where(EntryRow.slug == entry.slug))
        if row is None:
            row = EntryRow()
            self.session.add(row)
        _fill(row, entry)
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
