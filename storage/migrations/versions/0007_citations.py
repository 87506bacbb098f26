"""Cited legal texts of entries, reported text changes and the entries they put under review.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_citations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("article", sa.String(60), nullable=False),
        sa.Column("article_key", sa.String(60), nullable=False),
        sa.Column("text_key", sa.String(200), nullable=False),
        sa.Column("checked_on", sa.Date, nullable=True),
    )
    op.create_index("ix_entry_citations_slug", "entry_citations", ["slug"])
    op.create_index("ix_entry_citations_article_key", "entry_citations", ["article_key"])
    op.create_index("ix_entry_citations_text_key", "entry_citations", ["text_key"])
    op.create_table(
        "cited_text_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("article", sa.String(60), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("reported_by", sa.BigInteger, nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "entry_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column(
            "change_id",
            sa.Integer,
            sa.ForeignKey("cited_text_changes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_by", sa.BigInteger, nullable=True),
    )
    op.create_index("ix_entry_reviews_slug", "entry_reviews", ["slug"])


def downgrade() -> None:
    op.drop_index("ix_entry_reviews_slug", "entry_reviews")
    op.drop_table("entry_reviews")
    op.drop_table("cited_text_changes")
    op.drop_index("ix_entry_citations_text_key", "entry_citations")
    op.drop_index("ix_entry_citations_article_key", "entry_citations")
    op.drop_index("ix_entry_citations_slug", "entry_citations")
    op.drop_table("entry_citations")
