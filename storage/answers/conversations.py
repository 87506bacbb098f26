"""Repositories of people, questions, feedback, advisor requests and conversation state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from routing.records import Person, QuestionRecord, Role
from storage.answers.models import (
    AdvisorRequestRow,
    ConversationStateRow,
    FeedbackRow,
    QuestionRow,
    UserRow,
)
from storage.base import utcnow


class SqlUserRepository:
    """People who talked to the bot."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def seen(self, user_id: int, first_name: str, username: str | None) -> Person:
        """Record that a person wrote now (creating them on first contact); return them."""
        row = self.session.get(UserRow, user_id)
        if row is None:
            row = UserRow(id=user_id, role=str(Role.OFFICIAL))
            self.session.add(row)
        row.first_name = first_name[:200]
        row.username = username[:64] if username else None
        row.last_seen_at = utcnow()
        self.session.flush()
        return _person(row)

    def get(self, user_id: int) -> Person | None:
        """Return a person, or None if they never wrote."""
        row = self.session.get(UserRow, user_id)
        return _person(row) if row else None

    def set_role(self, user_id: int, role: Role, first_name: str = "") -> Person:
        """Give a person a role, registering them if needed."""
        row = self.session.get(UserRow, user_id)
        if row is None:
            row = UserRow(id=user_id, first_name=first_name)
            self.session.add(row)
        row.role = str(role)
        self.session.flush()
        return _person(row)


def _person(row: UserRow) -> Person:
    return Person(row.id, row.first_name, row.username, Role(row.role))


class SqlQuestionRepository:
    """Questions and the decisions they got."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        user_id: int,
        text: str,
        decision: str,
        confidence: float,
        candidates: list[tuple[str, float]],
    ) -> QuestionRecord:
        """Store a question with its decision; return it with its id."""
        row = QuestionRow(
            user_id=user_id,
            text=text,
            decision=decision,
            confidence=confidence,
            candidates=[[slug, round(score, 4)] for slug, score in candidates],
        )
        self.session.add(row)
        self.session.flush()
        return _question(row)

    def get(self, question_id: int) -> QuestionRecord | None:
        """Return a question by id."""
        row = self.session.get(QuestionRow, question_id)
        return _question(row) if row else None

    def choose(self, question_id: int, slug: str | None) -> None:
        """Record which entry the person picked when asked to clarify (None: none of them)."""
        row = self.session.get(QuestionRow, question_id)
        if row is not None:
            row.chosen_slug = slug or "-"

    def feedback(self, question_id: int, user_id: int, slug: str, useful: bool) -> None:
        """Record "Utile" / "Pas utile"; pressing again replaces the earlier opinion."""
        row = self.session.scalar(
            select(FeedbackRow).where(
                FeedbackRow.question_id == question_id, FeedbackRow.user_id == user_id
            )
        )
        if row is None:
            row = FeedbackRow(question_id=question_id, user_id=user_id)
            self.session.add(row)
        row.slug, row.useful, row.created_at = slug, useful, utcnow()
        self.session.flush()

    def comment(self, question_id: int, user_id: int, comment: str) -> bool:
        """Attach what was missing to a person's feedback; False if there is no feedback."""
        row = self.session.scalar(
            select(FeedbackRow).where(
                FeedbackRow.question_id == question_id, FeedbackRow.user_id == user_id
            )
        )
        if row is None:
            return False
        row.comment = comment
        self.session.flush()
        return True

    def feedback_of(self, question_id: int) -> list[tuple[int, str, bool, str | None]]:
        """Return (user, slug, useful, comment) for a question."""
        rows = self.session.scalars(
            select(FeedbackRow).where(FeedbackRow.question_id == question_id)
        )
        return [(r.user_id, r.slug, r.useful, r.comment) for r in rows]

    def request_advisor(self, user_id: int, question_id: int | None, origin: str) -> int:
        """Record that a person asked for an advisor; return the request number."""
        row = AdvisorRequestRow(user_id=user_id, question_id=question_id, origin=origin)
        self.session.add(row)
        self.session.flush()
        return row.id

    def advisor_requests(self, user_id: int) -> list[tuple[int, int | None, str]]:
        """Return (id, question, origin) of a person's advisor requests, oldest first."""
        rows = self.session.scalars(
            select(AdvisorRequestRow)
            .where(AdvisorRequestRow.user_id == user_id)
            .order_by(AdvisorRequestRow.id)
        )
        return [(r.id, r.question_id, r.origin) for r in rows]


def _question(row: QuestionRow) -> QuestionRecord:
    return QuestionRecord(
        id=row.id,
        user_id=row.user_id,
        text=row.text,
        decision=row.decision,
        confidence=row.confidence,
        candidates=tuple((slug, score) for slug, score in row.candidates),
        chosen_slug=row.chosen_slug,
    )


class SqlConversationStateRepository:
    """Per-chat conversation state and data, keyed by a string the bot builds."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> tuple[str | None, dict]:
        """Return (state, data) for a key; (None, {}) when nothing is stored."""
        row = self.session.get(ConversationStateRow, key)
        return (row.state, dict(row.data or {})) if row else (None, {})

    def put(self, key: str, state: str | None = None, data: dict | None = None) -> None:
        """Set the state and/or the data of a key (None leaves that part unchanged)."""
        row = self.session.get(ConversationStateRow, key)
        if row is None:
            row = ConversationStateRow(key=key, state=None, data={})
            self.session.add(row)
        if state is not None:
            row.state = state or None
        if data is not None:
            row.data = data
        row.updated_at = utcnow()
        self.session.flush()
