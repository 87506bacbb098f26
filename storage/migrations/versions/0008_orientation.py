"""Ateliers interactifs (cycles, sessions, registrations, attendance) and projets partagés.

Jobs may now belong to no ticket: orientation reminders and offer deadlines use the same table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("ticket_id", existing_type=sa.Integer(), nullable=True)
    op.create_table(
        "orientation_cycles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("theme", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("visio_link", sa.String(500), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("deadline", TZ, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "orientation_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cycle_id",
            sa.Integer(),
            sa.ForeignKey("orientation_cycles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("starts_at", TZ, nullable=False),
        sa.UniqueConstraint("cycle_id", "number", name="uq_orientation_session"),
    )
    op.create_table(
        "orientation_registrations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cycle_id",
            sa.Integer(),
            sa.ForeignKey("orientation_cycles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("user_id", sa.BigInteger(), nullable=False, index=True),
        sa.Column("collectivite", sa.String(200), nullable=False),
        sa.Column("collectivite_key", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("seat", sa.Integer(), nullable=True),
        sa.Column("holder_key", sa.String(200), nullable=True),
        sa.Column("offered_until", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("cycle_id", "seat", name="uq_orientation_seat"),
        sa.UniqueConstraint("cycle_id", "holder_key", name="uq_orientation_holder"),
    )
    op.create_table(
        "orientation_attendance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("orientation_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "registration_id",
            sa.Integer(),
            sa.ForeignKey("orientation_registrations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("session_id", "registration_id", name="uq_orientation_attendance"),
    )
    op.create_table(
        "orientation_profiles",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("collectivite", sa.String(200), nullable=True),
        sa.Column("role", sa.String(16), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "shared_themes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "shared_interests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "theme_id",
            sa.Integer(),
            sa.ForeignKey("shared_themes.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("user_id", sa.BigInteger(), nullable=False, index=True),
        sa.Column("collectivite", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("theme_id", "user_id", name="uq_shared_interest"),
    )


def downgrade() -> None:
    for table in (
        "shared_interests",
        "shared_themes",
        "orientation_profiles",
        "orientation_attendance",
        "orientation_registrations",
        "orientation_sessions",
        "orientation_cycles",
    ):
        op.drop_table(table)
    op.execute("DELETE FROM jobs WHERE ticket_id IS NULL")
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("ticket_id", existing_type=sa.Integer(), nullable=False)
