"""Staff curation: entry edits that close the loop, and the gaps the bot could not answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from knowledge.catalogue.editing import EntryEditor, Saved, draft_from_questions
from knowledge.entries.records import GROUPS, Entry, EntryStatus
from knowledge.entries.validation import SLUG_MAX, InvalidEntry
from routing.curation.closing_loop import AnswerNotifier, utc_now
from routing.curation.drafts import slugify
from routing.curation.gap_pages import GAP_WINDOW, GapPage, GapReader
from routing.curation.gap_upkeep import GapUpkeep
from routing.safety.staff_access import StaffMember

MAX_SELECTED = 1000


@dataclass(frozen=True)
class Published:
    """What a save did: the entry, whether it changed, and how many people were told."""

    saved: Saved
    told: int = 0


def author_of(staff: StaffMember) -> str:
    """Return how a staff member signs the versions they save."""
    return f"{staff.first_name or 'équipe'} ({staff.id})"


class CurationService:
    """Everything staff change in the knowledge base goes through here, then closes the loop."""

    def __init__(
        self,
        uow_factory: Callable,
        editor: EntryEditor,
        notifier: AnswerNotifier,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.uow_factory = uow_factory
        self.editor = editor
        self.notifier = notifier
        self.now = now
        self.upkeep = GapUpkeep(uow_factory, notifier.answers, now, GAP_WINDOW, notifier.deciding)
        self.reader = GapReader(uow_factory, now)

    # Entry edits ------------------------------------------------------------------------

    def save(self, staff: StaffMember, slug: str, form: Mapping[str, str]) -> Published:
        """Save an edited entry (InvalidEntry if the form is wrong: nothing is saved)."""
        return self._after(staff, "fiche_modifiee", self.editor.save(slug, form, author_of(staff)))

    def publish(self, staff: StaffMember, slug: str) -> Published:
        """Publish an entry."""
        saved = self.editor.set_status(slug, EntryStatus.PUBLISHED, author_of(staff))
        return self._after(staff, "fiche_publiee", saved)

    def archive(self, staff: StaffMember, slug: str) -> Published:
        """Archive an entry (the bot stops answering with it)."""
        saved = self.editor.set_status(slug, EntryStatus.ARCHIVED, author_of(staff))
        return self._after(staff, "fiche_archivee", saved)

    def restore(self, staff: StaffMember, slug: str, version: int) -> Published:
        """Make an earlier version current again (keeping the current status)."""
        saved = self.editor.restore(slug, version, author_of(staff))
        return self._after(staff, f"fiche_restauree_v{version}", saved)

    def entries_imported(self, slugs: list[str]) -> int:
        """Close the loop after `hotline kb import`; return how many people were told."""
        if not slugs:
            return 0
        return self._loop_closed(slugs, 0)

    def overdue(self, today: date) -> list[Entry]:
        """Return published entries whose review date has passed, oldest date first."""
        entries = [
            e
            for e in self.editor.knowledge.list(EntryStatus.PUBLISHED)
            if e.review_by and e.review_by < today
        ]
        return sorted(entries, key=lambda e: (e.review_by, e.slug))

    # Gaps ---------------------------------------------------------------------------------

    def gaps(self, page: int = 1) -> GapPage:
        """Return one page of the stored gap clusters of the window, largest first.

        Questions were redacted and clustered when stored: this only reads them.
        """
        return self.reader.page(page)

    def gap_counts(self) -> tuple[int, int]:
        """Return (open gap questions, subjects) of the window, counted by the database."""
        return self.reader.counts()

    def drafts(self) -> list[Entry]:
        """Return the draft entries (started from gaps or from advisors' resolved tickets)."""
        return self.editor.knowledge.list(EntryStatus.DRAFT)

    def add_to_entry(self, staff: StaffMember, question_ids: list[int], slug: str) -> Published:
        """Add gap questions as alternate questions of an entry; they leave the gaps page."""
        texts = self._texts(question_ids)
        saved = self.editor.add_questions(slug, list(texts.values()), author_of(staff))
        self._resolve(staff, list(texts), "ajoutee", slug)
        return self._after(staff, "questions_ajoutees", saved)

    def start_draft(self, staff: StaffMember, question_ids: list[int], group: str) -> Entry:
        """Start a draft entry whose alternate questions are these gap questions."""
        if group not in GROUPS:
            raise InvalidEntry([f"groupe « {group} » inconnu"])
        texts = self._texts(question_ids)
        questions = list(texts.values())
        slug = self._free_slug(slugify(questions[0]))
        entry = self.editor.create(draft_from_questions(slug, group, questions), author_of(staff))
        self._resolve(staff, list(texts), "brouillon", slug)
        self._log(staff, "brouillon_cree", slug)
        return entry

    def dismiss(self, staff: StaffMember, question_ids: list[int]) -> int:
        """Take questions off the gaps page without changing any entry."""
        texts = self._texts(question_ids)
        self._resolve(staff, list(texts), "ignoree", None)
        self._log(staff, "questions_ignorees", str(len(texts)))
        return len(texts)

    # Internals ----------------------------------------------------------------------------

    def _after(self, staff: StaffMember, action: str, saved: Saved) -> Published:
        if not saved.changed:
            return Published(saved)
        self._log(staff, action, saved.entry.slug)
        return Published(saved, self._loop_closed([saved.entry.slug], staff.id))

    def _loop_closed(self, slugs: list[str], user_id: int) -> int:
        # Only the gap clusters close to the changed entries are re-decided, for the notices
        # and for the gaps list alike; return how many people were told.
        near = self.upkeep.near(slugs, self.notifier.lookback)
        told = self.notifier.entries_changed(slugs, near)
        if self.upkeep.settle(slugs, near, user_id):
            self.reader.forget()
        return len(told)

    def _texts(self, question_ids: list[int]) -> dict[int, str]:
        # The texts as stored on the gaps list: already redacted, never re-read raw.
        with self.uow_factory() as uow:
            texts = uow.gaps.texts(question_ids[:MAX_SELECTED])
        if not texts:
            raise InvalidEntry(["aucune question sélectionnée"])
        return texts

    def _resolve(self, staff, ids: list[int], action: str, slug: str | None) -> None:
        with self.uow_factory() as uow:
            uow.curation.resolve(ids, action, slug, staff.id, self.now())
            uow.commit()
        self.reader.forget()

    def _log(self, staff: StaffMember, action: str, target: str) -> None:
        with self.uow_factory() as uow:
            uow.backoffice.log(staff.id, action, target, self.now())
            uow.commit()

    def _free_slug(self, base: str) -> str:
        taken = {e.slug for e in self.editor.knowledge.list()}
        slug, number = base, 2
        while slug in taken:
            suffix = f"-{number}"
            slug = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
            number += 1
        return slug
