"""Ticket parties and complete erasure: appointment status, close time, indexed ticket ids.

Outbox rows and failed deliveries name their ticket in an indexed column, so erasure and the
retention purge find them by SQL instead of reading every payload.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
INDEXES = (
    ("tickets", "closed_at"),
    ("outbox", "ticket_id"),
    ("outbox", "chat_id"),
    ("outbox", "created_at"),
    ("jobs", "ticket_id"),
    ("failed_deliveries", "ticket_id"),
    ("failed_deliveries", "created_at"),
    ("failed_deliveries", "delivered_at"),
)


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("appointment_status", sa.String(16), nullable=True))
        batch.add_column(sa.Column("closed_at", TZ, nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("ticket_id", sa.Integer, nullable=True))
    with op.batch_alter_table("failed_deliveries") as batch:
        batch.add_column(sa.Column("ticket_id", sa.Integer, nullable=True))
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
    _backfill()


def _backfill() -> None:
    if op.get_bind().dialect.name == "postgresql":
        ticket_of = "CAST(payload ->> 'ticket_id' AS INTEGER)"
    else:
        ticket_of = "CAST(json_extract(payload, '$.ticket_id') AS INTEGER)"
    op.execute(f"UPDATE outbox SET ticket_id = {ticket_of}")
    op.execute("UPDATE tickets SET closed_at = resolved_at WHERE status = 'resolved'")
    op.execute(
        "UPDATE tickets SET closed_at = (SELECT MAX(e.at) FROM ticket_events e "
        "WHERE e.ticket_id = tickets.id) WHERE status = 'cancelled'"
    )
    op.execute(
        "UPDATE tickets SET appointment_status = 'proposed' "
        "WHERE status = 'scheduled' AND appointment IS NOT NULL"
    )
    op.execute(
        "UPDATE tickets SET appointment_status = 'confirmed' WHERE status = 'scheduled' AND "
        "(SELECT MAX(id) FROM ticket_events e WHERE e.ticket_id = tickets.id "
        "AND e.kind = 'confirmed') > "
        "(SELECT MAX(id) FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.kind = 'booked')"
    )


def downgrade() -> None:
    for table, column in INDEXES:
        op.drop_index(f"ix_{table}_{column}", table)
    with op.batch_alter_table("failed_deliveries") as batch:
        batch.drop_column("ticket_id")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("ticket_id")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("closed_at")
        batch.drop_column("appointment_status")
