"""Personal data of one person, all tables together: export, erasure and retention queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.answers.models import (
    AdvisorRequestRow,
    ConversationStateRow,
    FeedbackRow,
    QuestionRow,
    UserRow,
)
from storage.base import utcnow
from storage.curation.models import GapClusterRow, GapItemRow
from storage.orientation.privacy import SqlOrientationPrivacy
from storage.safety.models import BlockedUserRow, FailedDeliveryRow
from storage.safety.privacy_accounts import SqlAccountPrivacy
from storage.safety.privacy_tickets import SqlTicketPrivacy
from storage.tickets.models import OutboxRow

ANONYMOUS = 0  # the user id that replaces a person's id in what is kept for statistics
ERASED = "[effacé]"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class SqlPrivacyRepository:
    """Reads and rewrites everything the hotline holds about a person."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tickets = SqlTicketPrivacy(session)
        self.accounts = SqlAccountPrivacy(session)
        self.orientation = SqlOrientationPrivacy(session)

    def export(self, user_id: int) -> dict:
        """Return every record about a person, as JSON-compatible data, per table."""
        s = self.session
        user = s.get(UserRow, user_id)
        questions = s.scalars(
            select(QuestionRow).where(QuestionRow.user_id == user_id).order_by(QuestionRow.id)
        )
        feedback = s.scalars(
            select(FeedbackRow).where(FeedbackRow.user_id == user_id).order_by(FeedbackRow.id)
        )
        requests = s.scalars(
            select(AdvisorRequestRow)
            .where(AdvisorRequestRow.user_id == user_id)
            .order_by(AdvisorRequestRow.id)
        )
        block = s.get(BlockedUserRow, user_id)
        deliveries = s.scalars(
            select(FailedDeliveryRow)
            .where(FailedDeliveryRow.chat_id == user_id)
            .order_by(FailedDeliveryRow.id)
        )
        return {
            "profile": None
            if user is None
            else {
                "id": user.id,
                "first_name": user.first_name,
                "username": user.username,
                "role": user.role,
                "created_at": _iso(user.created_at),
                "last_seen_at": _iso(user.last_seen_at),
            },
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "decision": q.decision,
                    "confidence": q.confidence,
                    "candidates": q.candidates,
                    "chosen_slug": q.chosen_slug,
                    "created_at": _iso(q.created_at),
                }
                for q in questions
            ],
            "feedback": [
                {
                    "question_id": f.question_id,
                    "slug": f.slug,
                    "useful": f.useful,
                    "comment": f.comment,
                    "created_at": _iso(f.created_at),
                }
                for f in feedback
            ],
            "advisor_requests": [
                {
                    "id": r.id,
                    "question_id": r.question_id,
                    "origin": r.origin,
                    "created_at": _iso(r.created_at),
                }
                for r in requests
            ],
            "conversation_states": [
                {"key": row.key, "state": row.state, "data": row.data, "at": _iso(row.updated_at)}
                for row in self._states_of(user_id)
            ],
            "tickets": self.tickets.export(user_id),
            **self.accounts.export(user_id),
            **self.orientation.export(user_id),
            "block": None
            if block is None
            else {"reason": block.reason, "blocked_at": _iso(block.blocked_at)},
            "undelivered_messages": [
                {
                    "method": d.method,
                    "payload": d.payload,
                    "created_at": _iso(d.created_at),
                    "delivered_at": _iso(d.delivered_at),
                }
                for d in deliveries
            ],
        }

    def erase(self, user_id: int) -> dict[str, int]:
        """Delete a person's data; keep questions and feedback anonymised; return counts."""
        s = self.session
        counts = self.tickets.erase(user_id) | self.accounts.erase(user_id)
        counts |= self.orientation.erase(user_id, utcnow())
        # The redacted copies on the gaps list go too: what is left must not identify anyone.
        theirs = select(QuestionRow.id).where(QuestionRow.user_id == user_id)
        clusters = list(
            s.scalars(select(GapItemRow.cluster_id).where(GapItemRow.question_id.in_(theirs)))
        )
        counts["gap_questions"] = s.execute(
            delete(GapItemRow).where(GapItemRow.question_id.in_(theirs))
        ).rowcount
        # A subject only they asked about keeps their words in its key: it goes too.
        still_fed = select(GapItemRow.cluster_id).where(GapItemRow.cluster_id.in_(clusters))
        counts["gap_subjects"] = s.execute(
            delete(GapClusterRow).where(
                GapClusterRow.id.in_(clusters), GapClusterRow.id.not_in(still_fed)
            )
        ).rowcount
        counts |= {
            "questions": s.execute(
                update(QuestionRow)
                .where(QuestionRow.user_id == user_id)
                .values(user_id=ANONYMOUS, text=ERASED)
            ).rowcount,
            "feedback": s.execute(
                update(FeedbackRow)
                .where(FeedbackRow.user_id == user_id)
                .values(user_id=ANONYMOUS, comment=None)
            ).rowcount,
            "advisor_requests": s.execute(
                update(AdvisorRequestRow)
                .where(AdvisorRequestRow.user_id == user_id)
                .values(user_id=ANONYMOUS)
            ).rowcount,
            "undelivered_messages": s.execute(
                delete(FailedDeliveryRow).where(FailedDeliveryRow.chat_id == user_id)
            ).rowcount,
        }
        counts["outbox"] = self._forget_outbox(user_id)
        states = [row.key for row in self._states_of(user_id)]
        if states:
            s.execute(delete(ConversationStateRow).where(ConversationStateRow.key.in_(states)))
        counts["conversation_states"] = len(states)
        counts["profile"] = s.execute(delete(UserRow).where(UserRow.id == user_id)).rowcount
        return counts

    def _forget_outbox(self, user_id: int) -> int:
        """Delete every message to the person, sent or not: a sent one keeps their address."""
        return self.session.execute(delete(OutboxRow).where(OutboxRow.chat_id == user_id)).rowcount

    def _states_of(self, user_id: int) -> list[ConversationStateRow]:
        # Keys are "fsm:<chat>[:<thread>]:<user>:<destiny>"; a private chat's id is the user's.
        wanted = str(user_id)
        rows = self.session.scalars(
            select(ConversationStateRow).where(ConversationStateRow.key.like(f"%:{wanted}:%"))
        )
        return [row for row in rows if wanted in row.key.split(":")[1:-1]]

    def questions_to_pseudonymise(self, before: datetime, limit: int) -> list[tuple[int, str]]:
        """Return (id, text) of questions asked before a date and still tied to a person."""
        rows = self.session.execute(
            select(QuestionRow.id, QuestionRow.text)
            .where(QuestionRow.created_at < before, QuestionRow.user_id != ANONYMOUS)
            .order_by(QuestionRow.id)
            .limit(limit)
        )
        return [(row.id, row.text) for row in rows]

    def pseudonymise_question(self, question_id: int, text: str) -> None:
        """Detach a question (and the feedback on it) from its author, with a scrubbed text."""
        self.session.execute(
            update(QuestionRow)
            .where(QuestionRow.id == question_id)
            .values(user_id=ANONYMOUS, text=text)
        )
        self.session.execute(
            update(FeedbackRow)
            .where(FeedbackRow.question_id == question_id)
            .values(user_id=ANONYMOUS)
        )

    def comments_before(self, before: datetime) -> list[tuple[int, str]]:
        """Return (id, comment) of feedback comments written before a date."""
        rows = self.session.execute(
            select(FeedbackRow.id, FeedbackRow.comment).where(
                FeedbackRow.created_at < before, FeedbackRow.comment.is_not(None)
            )
        )
        return [(row.id, row.comment) for row in rows]

    def replace_comment(self, feedback_id: int, comment: str) -> None:
        """Store a scrubbed feedback comment."""
        self.session.execute(
            update(FeedbackRow).where(FeedbackRow.id == feedback_id).values(comment=comment)
        )

    def detach_advisor_requests(self, before: datetime) -> int:
        """Anonymise advisor requests made before a date; return how many."""
        return self.session.execute(
            update(AdvisorRequestRow)
            .where(AdvisorRequestRow.created_at < before, AdvisorRequestRow.user_id != ANONYMOUS)
            .values(user_id=ANONYMOUS)
        ).rowcount

    def forget_states(self, before: datetime) -> int:
        """Delete conversation states untouched since a date; return how many."""
        return self.session.execute(
            delete(ConversationStateRow).where(ConversationStateRow.updated_at < before)
        ).rowcount
