"""Tables of the staff back-office: sign-in links, sessions, action log and curation state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow

TZ = DateTime(timezone=True)


class SignInLinkRow(Base):
    """A one-time sign-in link; only the SHA-256 of its token is stored."""

    __tablename__ = "backoffice_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(TZ, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(TZ)
    used_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class StaffSessionRow(Base):
    """A signed-in browser; the cookie holds the token, the table its SHA-256."""

    __tablename__ = "backoffice_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(TZ, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(TZ)
    ended_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class StaffActionRow(Base):
    """Who did what when in the back-office (an action name and a slug or number, no text)."""

    __tablename__ = "staff_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(TZ, default=utcnow, index=True)


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
