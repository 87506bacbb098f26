"""Knowledge-base entries as plain records, their dictionary form and their versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol


class EntryStatus(StrEnum):
    """Life cycle of a knowledge-base entry; only published entries are searched."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


GROUPS = ("droit", "methode", "theme", "offre")


@dataclass(frozen=True)
class Source:
    """A legal reference or a link backing an entry."""

    label: str
    url: str | None = None


@dataclass(frozen=True)
class Citation:
    """A legal text an entry relies on: code or text, article ("" for a whole text), check date."""

    text: str
    article: str = ""
    checked_on: date | None = None

    @property
    def key(self) -> str:
        """Return the reference as staff write it, e.g. "CGCT L1112-16"."""
        return f"{self.text} {self.article}".strip()


@dataclass(frozen=True)
class Entry:
    """One knowledge-base entry, as staff curate it and the bot answers with it."""

    slug: str
    title: str
    group: str
    short_answer: str
    body: str
    questions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    cites: tuple[Citation, ...] = ()
    status: EntryStatus = EntryStatus.PUBLISHED
    reviewed_on: date | None = None
    review_by: date | None = None
    version: int = 1
    # State, not content: a cited text changed and staff have not checked the entry since.
    under_review: bool = field(default=False, compare=False)

    def same_content(self, other: Entry) -> bool:
        """Tell whether two entries differ only by their version number."""
        return _content(self) == _content(other)


def _content(entry: Entry) -> tuple:
    return (
        entry.slug,
        entry.title,
        entry.group,
        entry.short_answer.strip(),
        entry.body.strip(),
        entry.questions,
        entry.keywords,
        entry.sources,
        entry.cites,
        entry.status,
        entry.reviewed_on,
        entry.review_by,
    )


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
        "cites": [
            {
                "text": c.text,
                "article": c.article,
                "checked_on": c.checked_on.isoformat() if c.checked_on else None,
            }
            for c in entry.cites
        ],
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
        cites=tuple(
            Citation(c["text"], c.get("article") or "", as_date(c.get("checked_on")))
            for c in data.get("cites") or ()
        ),
        status=EntryStatus(data.get("status", "published")),
        reviewed_on=as_date(data.get("reviewed_on")),
        review_by=as_date(data.get("review_by")),
        version=int(data.get("version", 1)),
    )


@dataclass(frozen=True)
class EntryVersion:
    """One saved version of an entry."""

    version: int
    author: str
    saved_at: datetime
    entry: Entry


class EntryRepository(Protocol):
    """What the knowledge layer needs to read and write entries."""

    def get(self, slug: str) -> Entry | None:
        """Return the entry with this slug, or None."""

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        """Return entries ordered by slug, optionally of one status."""

    def save(self, entry: Entry, author: str = "system") -> None:
        """Insert or replace an entry and record its version snapshot."""

    def stamps(self) -> list[tuple[str, int, str]]:
        """Return (slug, version, status) of every entry, ordered by slug (cheap to read)."""

    def history(self, slug: str) -> list[Entry]:
        """Return every recorded version of an entry, oldest first."""


class EntriesUnitOfWork(Protocol):
    """One transaction around the entry repository (storage.uow.UnitOfWork implements it)."""

    entries: EntryRepository

    def __enter__(self) -> EntriesUnitOfWork: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def commit(self) -> None:
        """Make the changes of the transaction permanent."""
