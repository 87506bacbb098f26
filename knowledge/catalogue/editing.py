"""Edit entries one at a time: validate, save a new version, re-index, publish, restore."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from knowledge.catalogue.filters import EntryFilter, filter_entries
from knowledge.catalogue.service import EntryNotFound, KnowledgeBase
from knowledge.entries.forms import DiffLine, diff_entries, entry_from_form
from knowledge.entries.guards import TO_WRITE, ensure_publishable
from knowledge.entries.records import Entry, EntryStatus, EntryVersion, entry_to_dict
from knowledge.entries.validation import SHORT_ANSWER_MAX, InvalidEntry, entry_from_mapping


@dataclass(frozen=True)
class Saved:
    """The entry after an edit, and whether anything changed."""

    entry: Entry
    changed: bool


class EntryEditor:
    """Entry edits for the back-office; every change is a new version and a fresh index."""

    def __init__(self, knowledge: KnowledgeBase, uow_factory: Callable) -> None:
        self.knowledge = knowledge
        self.uow_factory = uow_factory
        # One index build at a time: two concurrent builds could swap in the older content last.
        self._reindexing = threading.Lock()

    def get(self, slug: str) -> Entry:
        """Return an entry or raise EntryNotFound."""
        return self.knowledge.get(slug)

    def find(self, wanted: EntryFilter, today: date) -> list[Entry]:
        """Return the entries matching a staff filter, by title."""
        return filter_entries(self.knowledge.list(), wanted, today)

    def preview(self, slug: str, form: Mapping[str, str]) -> Entry:
        """Return the entry the form describes, without saving; raise InvalidEntry."""
        return entry_from_form(form, self.get(slug))

    def save(self, slug: str, form: Mapping[str, str], author: str) -> Saved:
        """Validate the form and save it as a new version; nothing is written if invalid."""
        current = self.get(slug)
        edited = entry_from_form(form, current)
        if edited.status == EntryStatus.PUBLISHED:
            # Saving a published entry publishes the edit: the same guard applies.
            ensure_publishable(edited)
        return self._store(current, edited, author)

    def create(self, entry: Entry, author: str) -> Entry:
        """Save a new entry (a draft started from gap questions); raise InvalidEntry."""
        entry_from_mapping(entry_to_dict(entry), body=entry.body)
        with self.uow_factory() as uow:
            if uow.entries.get(entry.slug) is not None:
                raise InvalidEntry([f"une fiche « {entry.slug} » existe déjà"])
            uow.entries.save(entry, author)
            uow.commit()
        self.reindex()
        return entry

    def set_status(self, slug: str, status: EntryStatus, author: str) -> Saved:
        """Publish, archive or return an entry to draft."""
        current = self.get(slug)
        if status == EntryStatus.PUBLISHED:
            ensure_publishable(current)
        return self._store(current, replace(current, status=status), author)

    def add_questions(self, slug: str, questions: list[str], author: str) -> Saved:
        """Add alternate questions to an entry (those it already has are skipped)."""
        current = self.get(slug)
        known = {q.casefold() for q in current.questions}
        added = [q for q in dict.fromkeys(" ".join(q.split()) for q in questions) if q]
        fresh = tuple(q for q in added if q.casefold() not in known)
        return self._store(current, replace(current, questions=current.questions + fresh), author)

    def store(self, edited: Entry, author: str) -> Saved:
        """Save an entry changed by a service (same slug) as a new version, validated again."""
        current = self.get(edited.slug)
        entry_from_mapping(entry_to_dict(edited), body=edited.body)
        return self._store(current, edited, author)

    def history(self, slug: str) -> list[EntryVersion]:
        """Return the saved versions of an entry, newest first."""
        self.get(slug)
        with self.uow_factory() as uow:
            return uow.versions.of(slug)

    def version(self, slug: str, number: int) -> EntryVersion:
        """Return one saved version, or raise EntryNotFound."""
        for version in self.history(slug):
            if version.version == number:
                return version
        raise EntryNotFound(f"{slug} v{number}")

    def diff(self, slug: str, old: int, new: int) -> list[DiffLine]:
        """Return the diff between two versions of an entry."""
        return diff_entries(self.version(slug, old).entry, self.version(slug, new).entry)

    def restore(self, slug: str, number: int, author: str) -> Saved:
        """Make an earlier version's content current again, as a new version (same status)."""
        current = self.get(slug)
        restored = replace(self.version(slug, number).entry, status=current.status)
        if restored.status == EntryStatus.PUBLISHED:
            ensure_publishable(restored)
        return self._store(current, restored, author)

    def reindex(self) -> int:
        """Rebuild the search index; searches go on meanwhile and then see the new build."""
        with self._reindexing:
            return self.knowledge.reindex()

    def _store(self, current: Entry, edited: Entry, author: str) -> Saved:
        if current.same_content(edited):
            return Saved(current, False)
        with self.uow_factory() as uow:
            number = max(current.version, uow.versions.latest_number(current.slug)) + 1
            entry = replace(edited, version=number)
            uow.entries.save(entry, author[:120])
            uow.commit()
        self.reindex()
        return Saved(entry, True)


def draft_from_questions(slug: str, group: str, questions: list[str]) -> Entry:
    """Return a new draft entry whose alternate questions are the given ones."""
    title = " ".join(questions[0].split())[:200] if questions else slug
    return Entry(
        slug=slug,
        title=title,
        group=group,
        short_answer=TO_WRITE[:SHORT_ANSWER_MAX],
        body="",
        questions=tuple(dict.fromkeys(" ".join(q.split()) for q in questions if q.strip())),
        status=EntryStatus.DRAFT,
    )
