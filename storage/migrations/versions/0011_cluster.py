"""Several bot processes: shared rate buckets and flood windows, updates owned while handled.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("paused_until", sa.Float, nullable=False, server_default="0"),
    )
    op.create_table(
        "flood_windows",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("times", sa.JSON, nullable=False),
        sa.Column("warned", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_flood_windows_updated_at", "flood_windows", ["updated_at"])
    # Which process has an update in hand, and when it was done: a process that dies
    # mid-update leaves it to the next one Telegram delivers it to.
    with op.batch_alter_table("processed_updates") as batch:
        batch.add_column(sa.Column("owner", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("sent", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch:
        batch.drop_column("sent")
        batch.drop_column("done_at")
        batch.drop_column("owner")
    op.drop_index("ix_flood_windows_updated_at", "flood_windows")
    op.drop_table("flood_windows")
    op.drop_table("rate_buckets")
