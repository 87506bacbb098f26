"""Records of the staff oversight pages: cited texts, text changes, reviews, feedback."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from knowledge.entries.records import Citation


@dataclass(frozen=True)
class CitedBy:
    """One entry citing one text."""

    slug: str
    citation: Citation


@dataclass(frozen=True)
class TextChange:
    """A change of a cited text, reported by a staff member with a note."""

    id: int
    text: str
    article: str
    note: str
    reported_by: int
    reported_at: datetime

    @property
    def key(self) -> str:
        """Return the reference as staff write it, e.g. "CGCT L1112-16"."""
        return f"{self.text} {self.article}".strip()


@dataclass(frozen=True)
class OpenReview:
    """An entry waiting for a staff check since a text it cites changed."""

    slug: str
    change: TextChange


@dataclass(frozen=True)
class CitingEntry:
    """An entry citing an article, as the "Textes cités" page and `kb cites` list it."""

    slug: str
    title: str
    status: str
    checked_on: date | None
    under_review: bool


@dataclass(frozen=True)
class CitedText:
    """One cited reference (code and article, or a whole text) and the entries relying on it."""

    text: str
    article: str
    entries: list[CitingEntry] = field(default_factory=list)
    changes: list[TextChange] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Return the reference as staff write it, e.g. "CGCT L1112-16"."""
        return f"{self.text} {self.article}".strip()

    @property
    def oldest_check(self) -> date | None:
        """Return the oldest check date among the entries (the one to worry about)."""
        return min((e.checked_on for e in self.entries if e.checked_on), default=None)


@dataclass(frozen=True)
class Remark:
    """A piece of feedback: a "Pas utile"/"Utile" comment on an answer or a ticket rating."""

    kind: str  # "remarque" (on an answer) or "note" (a ticket rating)
    at: datetime
    slug: str | None
    text: str
    useful: bool | None = None
    stars: int | None = None
    ticket_id: int | None = None


@dataclass(frozen=True)
class FeedbackCounts:
    """How many people found an entry useful or not."""

    useful: int = 0
    not_useful: int = 0
