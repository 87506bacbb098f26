"""Processed updates, blocked users and failed deliveries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("received_at", TZ, nullable=False),
    )
    op.create_index("ix_processed_updates_received_at", "processed_updates", ["received_at"])
    op.create_table(
        "blocked_users",
        sa.Column("user_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("blocked_by", sa.BigInteger, nullable=True),
        sa.Column("blocked_at", TZ, nullable=False),
        sa.Column("notified_at", TZ, nullable=True),
    )
    op.create_table(
        "failed_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("error", sa.String(300), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_try_at", TZ, nullable=True),
        sa.Column("delivered_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_failed_deliveries_chat_id", "failed_deliveries", ["chat_id"])
    op.create_index("ix_failed_deliveries_next_try_at", "failed_deliveries", ["next_try_at"])
    op.create_table(
        "maintenance_runs",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("last_run_at", TZ, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("maintenance_runs", "failed_deliveries", "blocked_users", "processed_updates"):
        op.drop_table(table)
