"""Closing the loop: tell officials when a new or updated entry answers their earlier question."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from knowledge.entries.records import EntryStatus
from routing.answers.answering import AnswerService
from routing.answers.decision import DecisionKind
from routing.curation.records import AskedQuestion

ANSWER_NOTICE = "answer_available"
LOOKBACK = timedelta(days=180)
CHECKED = 300  # questions re-decided per change when the close clusters are known
PARIS = ZoneInfo("Europe/Paris")


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class AnswerNotice:
    """One person to tell that an entry now answers their question(s) about it."""

    user_id: int
    slug: str
    question_ids: tuple[int, ...]
    asked_on: str  # the date of the latest such question, JJ/MM/AAAA in Paris time


class AnswerNotifier:
    """Re-run the decision on unanswered questions when entries change, and enqueue notices."""

    def __init__(
        self,
        uow_factory: Callable,
        answers: AnswerService,
        now: Callable[[], datetime] = utc_now,
        lookback: timedelta = LOOKBACK,
    ) -> None:
        self.uow_factory = uow_factory
        self.answers = answers
        self.now = now
        self.lookback = lookback
        # One pass at a time: the searcher is not meant to be shared between threads.
        self.deciding = threading.Lock()

    def entries_changed(
        self, slugs: Iterable[str], clusters: list[int] | None = None
    ) -> list[AnswerNotice]:
        """Tell the authors of unanswered questions these published entries now answer.

        The index must already hold the new content. Each question is told about once; a
        person who asked several such questions gets one message per entry. With `clusters`
        (the gap clusters close to the entries), only their questions are re-decided, at
        most CHECKED of them: what outsiders stored cannot make a save take minutes.
        """
        now = self.now()
        with self.uow_factory() as uow:
            published = {}
            for slug in set(slugs):
                entry = uow.entries.get(slug)
                if entry is not None and entry.status == EntryStatus.PUBLISHED:
                    published[slug] = entry
            questions = (
                uow.curation.unanswered_since(
                    now - self.lookback, clusters, CHECKED if clusters is not None else None
                )
                if published
                else []
            )
        found: dict[tuple[int, str], list[AskedQuestion]] = defaultdict(list)
        with self.deciding:
            for question in questions:
                decision = self.answers.answer(question.text)
                best = decision.best
                # The bot's own decision function: only a confident, clear answer counts.
                if decision.kind == DecisionKind.ANSWER and best and best.slug in published:
                    found[(question.user_id, best.slug)].append(question)
        notices = []
        with self.uow_factory() as uow:
            for (user_id, slug), asked in found.items():
                latest = max(asked, key=lambda q: (q.asked_at, q.id))
                notice = AnswerNotice(
                    user_id, slug, tuple(q.id for q in asked), paris_date(latest.asked_at)
                )
                entry = published[slug]
                payload = {
                    "slug": slug,
                    "title": entry.title,
                    "short_answer": entry.short_answer,
                    "asked_on": notice.asked_on,
                    "question_id": latest.id,
                    "under_review": entry.under_review,
                    # Quoted in the message, so the person knows which question it answers.
                    "question": latest.text,
                }
                uow.curation.enqueue(
                    user_id, ANSWER_NOTICE, payload, f"answer:{latest.id}:{slug}", now
                )
                for question in asked:
                    uow.curation.add_notice(question.id, user_id, slug, now)
                notices.append(notice)
            uow.commit()
        return notices

    def set_enabled(self, user_id: int, enabled: bool) -> None:
        """Turn a person's answer notices on or off."""
        with self.uow_factory() as uow:
            uow.curation.set_notices(user_id, enabled, self.now())
            uow.commit()

    def enabled(self, user_id: int) -> bool:
        """Tell whether a person receives answer notices."""
        with self.uow_factory() as uow:
            return uow.curation.notices_enabled(user_id)


def paris_date(moment: datetime) -> str:
    """Return the Paris calendar date of a moment as JJ/MM/AAAA (naive values are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PARIS).strftime("%d/%m/%Y")
