"""Table mappings of cycles, sessions, registrations, attendance, profiles and interests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow
from storage.tickets.models import UtcDateTime


class CycleRow(Base):
    """A cycle of four ateliers interactifs sessions."""

    __tablename__ = "orientation_cycles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    visio_link: Mapped[str] = mapped_column(String(500))
    capacity: Mapped[int] = mapped_column(Integer, default=15)
    deadline: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    # Bumped by every registration change: the UPDATE locks the row (SQLite and PostgreSQL).
    lock_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SessionRow(Base):
    """One session of a cycle."""

    __tablename__ = "orientation_sessions"
    __table_args__ = (UniqueConstraint("cycle_id", "number", name="uq_orientation_session"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("orientation_cycles.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RegistrationRow(Base):
    """A person's place or wait in a cycle.

    `seat` and `holder_key` are set only while the registration holds a place: the unique
    constraints then make a second holder of a seat, or of a collectivité's place, impossible.
    """

    __tablename__ = "orientation_registrations"
    __table_args__ = (
        UniqueConstraint("cycle_id", "seat", name="uq_orientation_seat"),
        UniqueConstraint("cycle_id", "holder_key", name="uq_orientation_holder"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("orientation_cycles.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    collectivite: Mapped[str] = mapped_column(String(200))
    collectivite_key: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), index=True)
    seat: Mapped[int | None] = mapped_column(Integer, nullable=True)
    holder_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    offered_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AttendanceRow(Base):
    """Whether a registered person attended a session (ticked by staff afterwards)."""

    __tablename__ = "orientation_attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "registration_id", name="uq_orientation_attendance"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("orientation_sessions.id", ondelete="CASCADE")
    )
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("orientation_registrations.id", ondelete="CASCADE"), index=True
    )
    present: Mapped[bool] = mapped_column(Boolean, default=False)


class ProfileRow(Base):
    """What a person gave when registering, so the next registration asks nothing again."""

    __tablename__ = "orientation_profiles"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    collectivite: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SharedThemeRow(Base):
    """A projet partagé theme."""

    __tablename__ = "shared_themes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    open: Mapped[bool] = mapped_column(Boolean, default=True)


class InterestRow(Base):
    """A collectivité's interest in a projet partagé theme (one per person and theme)."""

    __tablename__ = "shared_interests"
    __table_args__ = (UniqueConstraint("theme_id", "user_id", name="uq_shared_interest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("shared_themes.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    collectivite: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
