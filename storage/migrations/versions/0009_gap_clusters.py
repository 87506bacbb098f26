"""Gap questions are clustered when stored: clusters and their redacted questions, backfilled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from itertools import islice

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
WINDOW = timedelta(days=180)  # the answer notices look this far back (the page, 90 days)
BATCH = 500


def upgrade() -> None:
    op.create_table(
        "gap_clusters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("key_hash", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_at", TZ, nullable=False),
    )
    op.create_index("ix_gap_clusters_key_hash", "gap_clusters", ["key_hash"])
    op.create_index("ix_gap_clusters_last_at", "gap_clusters", ["last_at"])
    op.create_table(
        "gap_items",
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "cluster_id",
            sa.Integer,
            sa.ForeignKey("gap_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("asked_at", TZ, nullable=False),
        sa.Column("open", sa.Boolean, nullable=False),
    )
    op.create_index("ix_gap_items_cluster", "gap_items", ["cluster_id", "open", "asked_at"])
    op.create_index("ix_gap_items_open_asked", "gap_items", ["open", "asked_at", "cluster_id"])
    _backfill(op.get_bind())


def _backfill(bind) -> None:
    """File the gap questions of the window, oldest first, as the bot would have."""
    # Imported here: only the backfill needs the domain's rules, and only once.
    from routing.curation.gap_clusters import best_match, cluster_key, key_hash
    from routing.curation.gap_recorder import CANDIDATES, TEXT_LIMIT, GapRecorder
    from routing.safety.redaction import EMAIL, PHONE, redact_capped

    questions = sa.table(
        "questions",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("decision", sa.String),
        sa.column("confidence", sa.Float),
        sa.column("chosen_slug", sa.String),
        sa.column("created_at", TZ),
    )
    feedback = sa.table("feedback", sa.column("question_id"), sa.column("useful", sa.Boolean))
    resolutions = sa.table("gap_resolutions", sa.column("question_id"))
    clusters = sa.table(
        "gap_clusters",
        sa.column("id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("key_hash", sa.String),
        sa.column("created_at", TZ),
        sa.column("last_at", TZ),
    )
    items = sa.table(
        "gap_items",
        sa.column("question_id"),
        sa.column("cluster_id"),
        sa.column("text"),
        sa.column("reason"),
        sa.column("asked_at", TZ),
        sa.column("open", sa.Boolean),
    )
    not_useful = sa.select(feedback.c.question_id).where(feedback.c.useful.is_(False))
    resolved = sa.select(resolutions.c.question_id)
    rows = bind.execute(
        sa.select(
            questions.c.id,
            sa.func.substr(questions.c.text, 1, 1000).label("text"),
            questions.c.decision,
            questions.c.confidence,
            questions.c.chosen_slug,
            questions.c.created_at,
            questions.c.id.in_(not_useful).label("not_useful"),
            questions.c.id.in_(resolved).label("resolved"),
        )
        .where(questions.c.created_at >= datetime.now(UTC) - WINDOW)
        .order_by(questions.c.created_at, questions.c.id)
    ).all()
    recorder = GapRecorder()
    recent: OrderedDict[int, str] = OrderedDict()  # most recently fed last
    by_hash: dict[str, int] = {}
    pending: list[dict] = []
    for row in rows:
        chosen = row.chosen_slug not in (None, "-") and not row.not_useful
        gap = row.not_useful or recorder.is_gap(row.text, row.decision, row.confidence)
        if not gap or chosen:
            continue
        shown = redact_capped(row.text, TEXT_LIMIT)
        key = cluster_key(shown.replace(PHONE, " ").replace(EMAIL, " "))
        digest = key_hash(key)
        same = [(by_hash[digest], key)] if digest in by_hash else []
        home = best_match(key, same + list(islice(reversed(recent.items()), CANDIDATES)))
        if home is None:
            home = bind.execute(
                clusters.insert()
                .values(key=key, key_hash=digest, created_at=row.created_at, last_at=row.created_at)
                .returning(clusters.c.id)
            ).scalar_one()
            by_hash.setdefault(digest, home)
            recent[home] = key
        else:
            bind.execute(
                clusters.update().where(clusters.c.id == home).values(last_at=row.created_at)
            )
            recent.move_to_end(home)
        pending.append(
            {
                "question_id": row.id,
                "cluster_id": home,
                "text": shown,
                "reason": "not_useful" if row.not_useful else row.decision,
                "asked_at": row.created_at,
                "open": not row.resolved,
            }
        )
        if len(pending) >= BATCH:
            bind.execute(items.insert(), pending)
            pending = []
    if pending:
        bind.execute(items.insert(), pending)


def downgrade() -> None:
    op.drop_table("gap_items")
    op.drop_table("gap_clusters")
