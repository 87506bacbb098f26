"""Cited texts of entries, reported text changes and the entries under review, in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from knowledge.entries.records import Citation
from knowledge.entries.references import citation_keys
from routing.records import aware
from routing.review.records import CitedBy, OpenReview, TextChange
from storage.knowledge.models import CitationRow, EntryReviewRow, TextChangeRow


def write_citations(session: Session, slug: str, cites: Iterable[Citation]) -> None:
    """Replace the stored citations of an entry by these ones."""
    session.execute(delete(CitationRow).where(CitationRow.slug == slug))
    for position, citation in enumerate(cites):
        text_key, article_key = citation_keys(citation)
        session.add(
            CitationRow(
                slug=slug,
                position=position,
                text=citation.text[:200],
                article=citation.article[:60],
                text_key=text_key[:200],
                article_key=article_key[:60],
                checked_on=citation.checked_on,
            )
        )


def read_citations(session: Session, slugs: list[str] | None = None) -> dict[str, list[Citation]]:
    """Return the citations of some entries (all if None), by slug, in their order."""
    query = select(CitationRow).order_by(CitationRow.slug, CitationRow.position)
    if slugs is not None:
        query = query.where(CitationRow.slug.in_(slugs))
    found: dict[str, list[Citation]] = defaultdict(list)
    for row in session.scalars(query):
        found[row.slug].append(Citation(row.text, row.article, row.checked_on))
    return found


def slugs_under_review(session: Session, slugs: list[str] | None = None) -> set[str]:
    """Return which of these entries (all if None) have a review still open."""
    query = select(EntryReviewRow.slug).where(EntryReviewRow.checked_at.is_(None))
    if slugs is not None:
        query = query.where(EntryReviewRow.slug.in_(slugs))
    return set(session.scalars(query))


class SqlCitationRepository:
    """Look-ups by article, text changes and reviews, for the "Textes cités" page and the CLI."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def citing(self, folded: str | None = None) -> list[CitedBy]:
        """Return every citation (or those whose article, text or both equal `folded`)."""
        query = select(CitationRow).order_by(CitationRow.text, CitationRow.article)
        if folded is not None:
            text, _space, article = folded.rpartition(" ")
            query = query.where(
                or_(
                    CitationRow.article_key == folded,
                    CitationRow.text_key == folded,
                    (CitationRow.text_key == text) & (CitationRow.article_key == article),
                )
            )
        return [
            CitedBy(r.slug, Citation(r.text, r.article, r.checked_on))
            for r in self.session.scalars(query)
        ]

    def report_change(
        self, text: str, article: str, note: str, by: int, slugs: list[str], now: datetime
    ) -> int:
        """Record a text change and open a review of each entry citing it; return its id."""
        change = TextChangeRow(
            text=text, article=article, note=note, reported_by=by, reported_at=now
        )
        self.session.add(change)
        self.session.flush()
        for slug in dict.fromkeys(slugs):
            self.session.add(EntryReviewRow(slug=slug, change_id=change.id, flagged_at=now))
        self.session.flush()
        return change.id

    def changes(self, limit: int = 200) -> list[TextChange]:
        """Return the reported text changes, newest first."""
        rows = self.session.scalars(
            select(TextChangeRow).order_by(TextChangeRow.id.desc()).limit(limit)
        )
        return [
            TextChange(r.id, r.text, r.article, r.note, r.reported_by, aware(r.reported_at))
            for r in rows
        ]

    def open_reviews(self) -> list[OpenReview]:
        """Return the open reviews with the change behind each, oldest first."""
        rows = self.session.execute(
            select(EntryReviewRow, TextChangeRow)
            .join(TextChangeRow, TextChangeRow.id == EntryReviewRow.change_id)
            .where(EntryReviewRow.checked_at.is_(None))
            .order_by(EntryReviewRow.id)
        )
        return [
            OpenReview(
                review.slug,
                TextChange(c.id, c.text, c.article, c.note, c.reported_by, aware(c.reported_at)),
            )
            for review, c in rows
        ]

    def close_reviews(self, slug: str, by: int, now: datetime) -> int:
        """Close the open reviews of an entry; return how many there were."""
        result = self.session.execute(
            update(EntryReviewRow)
            .where(EntryReviewRow.slug == slug, EntryReviewRow.checked_at.is_(None))
            .values(checked_at=now, checked_by=by)
        )
        return result.rowcount or 0
