"""Plain records the storage layer persists, free of any framework."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
    status: EntryStatus = EntryStatus.PUBLISHED
    reviewed_on: date | None = None
    review_by: date | None = None
    version: int = 1

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
        entry.status,
        entry.reviewed_on,
        entry.review_by,
    )


class Role(StrEnum):
    """What a person may do; always read from the database, never from a button."""

    OFFICIAL = "official"
    ADVISOR = "advisor"
    STAFF = "staff"


@dataclass(frozen=True)
class Person:
    """Someone who talked to the bot."""

    id: int
    first_name: str
    username: str | None = None
    role: Role = Role.OFFICIAL


@dataclass(frozen=True)
class QuestionRecord:
    """A question asked to the bot, with the decision it got."""

    id: int
    user_id: int
    text: str
    decision: str
    confidence: float
    candidates: tuple[tuple[str, float], ...]
    chosen_slug: str | None = None
