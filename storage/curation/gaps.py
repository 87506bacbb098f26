"""Queries behind the curation loop: gap resolutions, answer notices, opt-outs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from routing.curation.records import AskedQuestion
from storage.answers.models import QuestionRow
from storage.curation.gap_store import SqlGapRepository
from storage.curation.models import AnswerNoticeRow, GapItemRow, NotificationPreferenceRow
from storage.tickets.models import OutboxRow

UNANSWERED = ("out_of_scope", "escalate", "clarify")


class SqlCurationRepository:
    """Gap questions, resolutions, answer notices and notification preferences in SQL."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def resolve(self, ids: list[int], action: str, slug: str | None, user_id: int, now) -> None:
        """Record that staff dealt with these questions (so they leave the gaps page)."""
        SqlGapRepository(self.session).resolve(ids, action, slug, user_id, now)

    def unanswered_since(
        self, since: datetime, clusters: list[int] | None = None, limit: int | None = None
    ) -> list[AskedQuestion]:
        """Return unanswered questions since a date whose author was not told yet and did
        not turn answer notices off; only those filed in `clusters` if given, and only the
        `limit` most recent if given."""
        noticed = select(AnswerNoticeRow.question_id)
        opted_out = select(NotificationPreferenceRow.user_id).where(
            NotificationPreferenceRow.answers.is_(False)
        )
        query = select(QuestionRow).where(
            QuestionRow.created_at >= since,
            QuestionRow.decision.in_(UNANSWERED),
            or_(QuestionRow.chosen_slug.is_(None), QuestionRow.chosen_slug == "-"),
            QuestionRow.id.not_in(noticed),
            QuestionRow.user_id.not_in(opted_out),
        )
        if clusters is not None:
            filed = select(GapItemRow.question_id).where(GapItemRow.cluster_id.in_(clusters))
            query = query.where(QuestionRow.id.in_(filed))
        rows = list(self.session.scalars(query.order_by(QuestionRow.id.desc()).limit(limit)))
        return [AskedQuestion(r.id, r.user_id, r.text, r.created_at) for r in reversed(rows)]

    def add_notice(self, question_id: int, user_id: int, slug: str, now: datetime) -> None:
        """Record that the author of a question was told about a new answer."""
        self.session.add(
            AnswerNoticeRow(question_id=question_id, user_id=user_id, slug=slug, at=now)
        )
        self.session.flush()

    def notices_enabled(self, user_id: int) -> bool:
        """Tell whether a person wants answer notices (yes unless they turned them off)."""
        row = self.session.get(NotificationPreferenceRow, user_id)
        return row is None or row.answers

    def set_notices(self, user_id: int, enabled: bool, now: datetime) -> None:
        """Turn answer notices on or off for a person."""
        row = self.session.get(NotificationPreferenceRow, user_id)
        if row is None:
            row = NotificationPreferenceRow(user_id=user_id)
            self.session.add(row)
        row.answers, row.updated_at = enabled, now
        self.session.flush()

    def enqueue(self, chat_id: int, kind: str, payload: dict, dedupe_key: str, now) -> bool:
        """Put a message in the outbox unless one with this key is there; tell if added."""
        exists = self.session.scalar(select(OutboxRow.id).where(OutboxRow.dedupe_key == dedupe_key))
        if exists is not None:
            return False
        self.session.add(
            OutboxRow(
                chat_id=chat_id,
                kind=kind,
                payload=payload,
                dedupe_key=dedupe_key,
                due_at=now,
                created_at=now,
            )
        )
        self.session.flush()
        return True
