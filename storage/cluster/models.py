"""Short-lived rows shared by the bot processes of a cluster (PostgreSQL only)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class RateBucketRow(Base):
    """A token bucket of Telegram's sending limits: one per chat and one for the whole bot."""

    __tablename__ = "rate_buckets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float, nullable=False)
    # Seconds since the epoch on the database's clock: every process reads the same clock.
    updated_at: Mapped[float] = mapped_column(Float, nullable=False)
    paused_until: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)


class FloodWindowRow(Base):
    """The recent message times of one person, so a flood is counted across processes."""

    __tablename__ = "flood_windows"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    times: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    warned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[float] = mapped_column(Float, nullable=False, index=True)
