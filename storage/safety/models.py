"""Tables of the reliability features: processed updates, blocks, failed deliveries, runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import TZ, Base, utcnow


class ProcessedUpdateRow(Base):
    """A Telegram update already taken in, so a redelivery of it is skipped."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(TZ, default=utcnow, index=True)
    # Several processes (PostgreSQL): who has it in hand, and when it was done (issue 15).
    owner: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    # Messages already sent for it: an update whose owner died after replying is not redone.
    sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BlockedUserRow(Base):
    """A person staff have blocked; they get one polite message and nothing else."""

    __tablename__ = "blocked_users"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    blocked_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    blocked_at: Mapped[datetime] = mapped_column(TZ, default=utcnow)
    notified_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class FailedDeliveryRow(Base):
    """A Bot API call that failed every attempt, kept until the retry loop delivers it."""

    __tablename__ = "failed_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # The ticket the message is about (read from its buttons or text), for erasure.
    ticket_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    method: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(String(300), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # NULL with delivered_at NULL: given up (permanent error), left for staff to see.
    next_try_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(TZ, default=utcnow, index=True)


class MaintenanceRunRow(Base):
    """When a periodic job (the daily purge) last ran, so a restart neither skips nor repeats."""

    __tablename__ = "maintenance_runs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(TZ)
    report: Mapped[dict] = mapped_column(JSON, default=dict)
