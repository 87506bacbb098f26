"""Tables of the curation loop: gap resolutions and clusters, answer notices, preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import TZ, Base, utcnow


class GapResolutionRow(Base):
    """A gap question staff dealt with (added to an entry, made a draft, or dismissed)."""

    __tablename__ = "gap_resolutions"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    action: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str | None] = mapped_column(String(120), nullable=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(TZ, default=utcnow)


class AnswerNoticeRow(Base):
    """An official was told that a new answer exists for this question (so only once)."""

    __tablename__ = "answer_notices"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    slug: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(TZ, default=utcnow)


class NotificationPreferenceRow(Base):
    """Whether a person wants to hear about new answers to their earlier questions."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    answers: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(TZ, default=utcnow)


class GapClusterRow(Base):
    """A subject of gap questions, named by the question that opened it (its representative)."""

    __tablename__ = "gap_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400))  # the representative's analysed words
    key_hash: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(TZ, default=utcnow)
    last_at: Mapped[datetime] = mapped_column(TZ, default=utcnow, index=True)


class GapItemRow(Base):
    """A gap question as staff see it: redacted and capped once, when stored, in its cluster."""

    __tablename__ = "gap_items"
    # Both indexes cover their queries: the page's count and grouping read only the first,
    # a cluster's latest questions only the second.
    __table_args__ = (
        Index("ix_gap_items_open_asked", "open", "asked_at", "cluster_id"),
        Index("ix_gap_items_cluster", "cluster_id", "open", "asked_at"),
    )

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[int] = mapped_column(ForeignKey("gap_clusters.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16))  # the decision, or "not_useful"
    asked_at: Mapped[datetime] = mapped_column(TZ)
    open: Mapped[bool] = mapped_column(Boolean, default=True)
