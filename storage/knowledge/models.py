"""Tables of the knowledge base: entries, their versions, cited texts and reviews."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class EntryRow(Base):
    """Current version of a knowledge-base entry."""

    __tablename__ = "kb_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    group: Mapped[str] = mapped_column(String(40), index=True)
    short_answer: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    questions: Mapped[list] = mapped_column(JSON, default=list)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_by: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntryVersionRow(Base):
    """Snapshot of an entry at one version, for history, diff and restore."""

    __tablename__ = "kb_entry_versions"
    __table_args__ = (UniqueConstraint("slug", "version", name="uq_entry_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(120), default="system")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CitationRow(Base):
    """One legal text an entry relies on; indexed by article to find the entries citing it."""

    __tablename__ = "entry_citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(60), default="")
    # Folded forms ("l1112-16", "cgct"), so "CGCT L1112-16" and "l1112-16" find the same rows.
    article_key: Mapped[str] = mapped_column(String(60), index=True, default="")
    text_key: Mapped[str] = mapped_column(String(200), index=True)
    checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class TextChangeRow(Base):
    """A change of a cited text reported by staff ("loi 3DS", "décret 2024-1036")."""

    __tablename__ = "cited_text_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(String(200))
    reported_by: Mapped[int] = mapped_column(BigInteger)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntryReviewRow(Base):
    """An entry put under review by a text change, until staff check it again."""

    __tablename__ = "entry_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("cited_text_changes.id", ondelete="CASCADE"))
    flagged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    checked_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
