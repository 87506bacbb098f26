"""The legal texts entries rely on: look-ups by article, reported changes, reviews, re-checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from knowledge.catalogue.editing import EntryEditor, Saved
from knowledge.entries.records import Citation, Entry, EntryStatus
from knowledge.entries.references import Reference, citation_keys
from knowledge.entries.validation import InvalidEntry
from routing.review.records import CitedText, CitingEntry, OpenReview, TextChange
from routing.safety.staff_access import StaffMember, utc_now

NOTE_MAX = 200


def _author(staff: StaffMember) -> str:
    return f"{staff.first_name or 'équipe'} ({staff.id})"


class CitationService:
    """Which entries cite which texts; a reported change puts them under review until re-checked."""

    def __init__(
        self, uow_factory: Callable, editor: EntryEditor, now: Callable[[], datetime] = utc_now
    ) -> None:
        self.uow_factory = uow_factory
        self.editor = editor
        self.now = now

    def cited_texts(self, query: str | None = None) -> list[CitedText]:
        """Return the cited references (all, or those matching a typed reference) with entries."""
        folded = Reference.parse(query).folded if query is not None else None
        if folded == "":
            return []
        with self.uow_factory() as uow:
            rows = uow.citations.citing(folded)
            entries = {e.slug: e for e in uow.entries.list()}
            changes = uow.citations.changes()
        grouped: dict[tuple[str, str], CitedText] = {}
        for row in rows:
            entry = entries.get(row.slug)
            if entry is None:
                continue
            keys = citation_keys(row.citation)
            cited = grouped.setdefault(
                keys,
                CitedText(row.citation.text, row.citation.article, [], _changes(keys, changes)),
            )
            cited.entries.append(
                CitingEntry(
                    entry.slug,
                    entry.title,
                    str(entry.status),
                    row.citation.checked_on,
                    entry.under_review,
                )
            )
        for cited in grouped.values():
            cited.entries.sort(key=lambda e: e.title.casefold())
        return sorted(grouped.values(), key=lambda c: (c.text.casefold(), _natural(c.article)))

    def report_change(self, staff: StaffMember, text: str, article: str, note: str) -> list[str]:
        """Put every entry citing this reference under review; return their slugs."""
        note = " ".join((note or "").split())
        if not note:
            raise InvalidEntry(["indiquez ce qui a changé (ex. « loi 3DS », « décret 2024-1036 »)"])
        if len(note) > NOTE_MAX:
            raise InvalidEntry([f"note trop longue ({len(note)} caractères, {NOTE_MAX} max)"])
        cited = Citation(" ".join(text.split()), " ".join(article.split()))
        now = self.now()
        with self.uow_factory() as uow:
            folded = Reference.parse(cited.key).folded
            slugs = sorted({row.slug for row in uow.citations.citing(folded)})
            live = [
                s for s in slugs if (e := uow.entries.get(s)) and e.status != EntryStatus.ARCHIVED
            ]
            if not live:
                raise InvalidEntry([f"aucune fiche ne cite « {cited.key} »"])
            uow.citations.report_change(cited.text, cited.article, note, staff.id, live, now)
            uow.backoffice.log(staff.id, "texte_signale", cited.key, now)
            uow.commit()
        return live

    def open_reviews(self) -> list[tuple[Entry, list[TextChange]]]:
        """Return the entries under review with the changes behind them, oldest first."""
        with self.uow_factory() as uow:
            reviews: list[OpenReview] = uow.citations.open_reviews()
            by_slug: dict[str, list[TextChange]] = {}
            for review in reviews:
                by_slug.setdefault(review.slug, []).append(review.change)
            found = [(uow.entries.get(slug), changes) for slug, changes in by_slug.items()]
        return [(entry, changes) for entry, changes in found if entry is not None]

    def mark_checked(self, staff: StaffMember, slug: str, today: date) -> Saved:
        """Record that staff checked an entry against its texts today; close its reviews."""
        entry = self.editor.get(slug)
        cites = tuple(replace(c, checked_on=today) for c in entry.cites)
        saved = self.editor.store(replace(entry, cites=cites), _author(staff))
        with self.uow_factory() as uow:
            uow.citations.close_reviews(slug, staff.id, self.now())
            uow.backoffice.log(staff.id, "fiche_verifiee", slug, self.now())
            uow.commit()
        return replace(saved, entry=replace(saved.entry, under_review=False))


def _changes(keys: tuple[str, str], changes: list[TextChange]) -> list[TextChange]:
    text, article = keys
    found = []
    for change in changes:
        changed_text, changed_article = citation_keys(Citation(change.text, change.article))
        if changed_text == text and changed_article in ("", article):
            found.append(change)
    return found


def _natural(article: str) -> tuple:
    # "L1112-9" before "L1112-16": compare the digit runs as numbers.
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", article.casefold()))
