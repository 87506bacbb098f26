"""The conversation service behind the officials' private chat with the bot."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from knowledge.entries.records import GROUPS, Entry, EntryStatus
from routing.answers.answering import AnswerService
from routing.answers.decision import Decision
from routing.errors import EntryUnavailable, NotYourQuestion, QuestionNotFound
from routing.records import Person, QuestionRecord

MAX_STORED_TEXT = 4096


@dataclass(frozen=True)
class Asked:
    """A question as stored, with the decision the bot took."""

    question_id: int
    decision: Decision
    entries: dict[str, Entry]


@dataclass(frozen=True)
class Sender:
    """Who sent an update, as Telegram says."""

    id: int
    first_name: str = ""
    username: str | None = None


class GapFiling(Protocol):
    """Files gap questions as they are stored (routing/curation/gap_recorder.py)."""

    def stored(self, uow, question_id: int, text: str, decision: str, confidence: float) -> bool:
        """File a just-stored question if it is a gap."""

    def chosen(self, uow, question_id: int, user_id: int, slug: str | None) -> None:
        """Settle a clarified question whose author picked an entry."""

    def judged(self, uow, question_id: int, text: str, useful: bool) -> None:
        """Put a question whose answer did not help on the list."""


class HotlineService:
    """Answer questions, record choices and feedback, and take advisor requests."""

    def __init__(
        self, uow_factory: Callable, answers: AnswerService, gaps: GapFiling | None = None
    ) -> None:
        self.uow_factory = uow_factory
        self.answers = answers
        self.gaps = gaps

    def meet(self, sender: Sender) -> Person:
        """Record that someone wrote to the bot; return them with their role."""
        with self.uow_factory() as uow:
            person = uow.users.seen(sender.id, sender.first_name, sender.username)
            uow.commit()
        return person

    def ask(self, sender: Sender, text: str, open_ticket: bool = False) -> Asked:
        """Decide what to do with a question and store both for the curation reports.

        Small talk and follow-ups are stored under their own decision: never a knowledge gap.
        """
        return self.store(sender, text, self.answers.answer(text, open_ticket=open_ticket))

    def store(self, sender: Sender, text: str, decision: Decision) -> Asked:
        """Store a decided question (and file it on the gaps list if it is one)."""
        text = text[:MAX_STORED_TEXT]
        with self.uow_factory() as uow:
            uow.users.seen(sender.id, sender.first_name, sender.username)
            question = uow.questions.add(
                sender.id,
                text,
                str(decision.kind),
                decision.confidence,
                [(c.slug, c.score) for c in decision.candidates],
            )
            if self.gaps is not None:
                self.gaps.stored(uow, question.id, text, str(decision.kind), decision.confidence)
            entries = {c.slug: uow.entries.get(c.slug) for c in decision.candidates[:5]}
            uow.commit()
        published = {s: e for s, e in entries.items() if e and e.status == EntryStatus.PUBLISHED}
        return Asked(question.id, decision, published)

    def entry(self, slug: str) -> Entry:
        """Return a published entry, or raise EntryUnavailable."""
        with self.uow_factory() as uow:
            entry = uow.entries.get(slug)
        if entry is None or entry.status != EntryStatus.PUBLISHED:
            raise EntryUnavailable(slug)
        return entry

    def choose(self, sender: Sender, question_id: int, slug: str | None) -> Entry | None:
        """Record the entry picked among the choices (None: none fits); return it."""
        entry = self.entry(slug) if slug else None
        with self.uow_factory() as uow:
            self._own_question(uow, sender, question_id)
            uow.questions.choose(question_id, slug)
            if self.gaps is not None:
                self.gaps.chosen(uow, question_id, sender.id, slug)
            uow.commit()
        return entry

    def feedback(self, sender: Sender, question_id: int, slug: str, useful: bool) -> None:
        """Record whether an answer helped."""
        with self.uow_factory() as uow:
            question = self._own_question(uow, sender, question_id)
            uow.questions.feedback(question_id, sender.id, slug, useful)
            if self.gaps is not None:
                self.gaps.judged(uow, question_id, question.text, useful)
            uow.commit()

    def comment(self, sender: Sender, question_id: int, text: str) -> None:
        """Attach a comment ("what was missing") to the person's feedback on a question."""
        with self.uow_factory() as uow:
            self._own_question(uow, sender, question_id)
            if not uow.questions.comment(question_id, sender.id, text[:MAX_STORED_TEXT]):
                raise QuestionNotFound(question_id)
            uow.commit()

    def request_advisor(self, sender: Sender, question_id: int | None, origin: str) -> int:
        """Record a request to talk to an advisor; return its number."""
        with self.uow_factory() as uow:
            uow.users.seen(sender.id, sender.first_name, sender.username)
            if question_id is not None:
                self._own_question(uow, sender, question_id)
            number = uow.questions.request_advisor(sender.id, question_id, origin)
            uow.commit()
        return number

    def question_text(self, sender: Sender, question_id: int) -> str:
        """Return the text of one of the sender's own questions (to pre-fill a request)."""
        with self.uow_factory() as uow:
            return self._own_question(uow, sender, question_id).text

    def themes(self) -> dict[str, list[Entry]]:
        """Return the published entries by group, groups in catalogue order."""
        with self.uow_factory() as uow:
            entries = uow.entries.list(EntryStatus.PUBLISHED)
        by_group: dict[str, list[Entry]] = defaultdict(list)
        for entry in sorted(entries, key=lambda e: e.title.lower()):
            by_group[entry.group].append(entry)
        return {group: by_group[group] for group in GROUPS if by_group[group]}

    @staticmethod
    def _own_question(uow, sender: Sender, question_id: int) -> QuestionRecord:
        question = uow.questions.get(question_id)
        if question is None:
            raise QuestionNotFound(question_id)
        if question.user_id != sender.id:
            raise NotYourQuestion(question_id)
        return question
