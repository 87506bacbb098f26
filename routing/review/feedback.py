"""What officials said about answers and tickets, for the entry pages and the "Retours" page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from routing.review.records import FeedbackCounts, Remark
from routing.safety.redaction import redact
from routing.safety.staff_access import utc_now

KINDS = ("remarque", "note")


class FeedbackService:
    """Read feedback counts, remarks and ratings; phone numbers and e-mails never shown."""

    def __init__(self, uow_factory: Callable, now: Callable[[], datetime] = utc_now) -> None:
        self.uow_factory = uow_factory
        self.now = now

    def of_entry(self, slug: str) -> tuple[FeedbackCounts, list[Remark]]:
        """Return an entry's "Utile / Pas utile" counts and the remarks left on its answers."""
        with self.uow_factory() as uow:
            counts = uow.feedback.counts(slug)
            remarks = uow.feedback.remarks(None, slug)
        return counts, [_redacted(r) for r in remarks]

    def remarks(
        self, slug: str | None = None, kind: str | None = None, days: int | None = None
    ) -> list[Remark]:
        """Return remarks and ratings, newest first, of one entry, one kind, the last days."""
        since = self.now() - timedelta(days=days) if days else None
        found: list[Remark] = []
        with self.uow_factory() as uow:
            if kind in (None, "remarque"):
                found += uow.feedback.remarks(since, slug)
            if kind in (None, "note"):
                found += [
                    r for r, slugs in uow.feedback.ratings(since) if not slug or slug in slugs
                ]
        found.sort(key=lambda r: r.at, reverse=True)
        return [_redacted(r) for r in found]


def _redacted(remark: Remark) -> Remark:
    # Officials sometimes leave a phone number in a remark: staff pages never show it.
    return replace(remark, text=redact(remark.text)) if remark.text else remark
