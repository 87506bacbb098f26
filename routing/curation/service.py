"""Staff curation: entry edits that close the loop, and the gaps the bot could not answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from knowledge.catalogue.editing import EntryEditor, Saved, draft_from_questions
from knowledge.entries.records import GROUPS, Entry, EntryStatus
from knowledge.entries.validation import SLUG_MAX, InvalidEntry
from routing.curation.closing_loop import AnswerNotifier, utc_now
from routing.curation.drafts import slugify
from routing.curation.gap_clusters import GapGroup, cluster
from routing.safety.redaction import redact
from routing.safety.staff_access import StaffMember

GAP_WINDOW = timedelta(days=90)
LOW_CONFIDENCE = 0.8


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
        low_confidence: float = LOW_CONFIDENCE,
    ) -> None:
        self.uow_factory = uow_factory
        self.editor = editor
        self.notifier = notifier
        self.now = now
        self.low_confidence = low_confidence

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
        return len(self.notifier.entries_changed(slugs)) if slugs else 0

    def overdue(self, today: date) -> list[Entry]:
        """Return published entries whose review date has passed, oldest date first."""
        entries = [
            e
            for e in self.editor.knowledge.list(EntryStatus.PUBLISHED)
            if e.review_by and e.review_by < today
        ]
        return sorted(entries, key=lambda e: (e.review_by, e.slug))

    # Gaps ---------------------------------------------------------------------------------

    def gaps(self, window: timedelta = GAP_WINDOW) -> list[GapGroup]:
        """Return the unresolved gap questions of the window, grouped by subject."""
        with self.uow_factory() as uow:
            questions = uow.curation.gap_questions(self.now() - window, self.low_confidence)
        # Officials sometimes type a phone number or an e-mail: staff never need to see it.
        return cluster(replace(q, text=redact(q.text)) for q in questions)

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
        told = self.notifier.entries_changed([saved.entry.slug])
        return Published(saved, len(told))

    def _texts(self, question_ids: list[int]) -> dict[int, str]:
        with self.uow_factory() as uow:
            questions = uow.curation.questions(question_ids)
        if not questions:
            raise InvalidEntry(["aucune question sélectionnée"])
        return {q.id: redact(q.text) for q in questions}

    def _resolve(self, staff, ids: list[int], action: str, slug: str | None) -> None:
        with self.uow_factory() as uow:
            uow.curation.resolve(ids, action, slug, staff.id, self.now())
            uow.commit()

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
