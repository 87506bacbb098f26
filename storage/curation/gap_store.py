"""Stored gap clusters: filled when questions are stored, read by the pages with SQL only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, literal, select, union_all, update
from sqlalchemy.orm import Session

from routing.curation.records import GapQuestion
from storage.answers.models import QuestionRow
from storage.curation.models import GapClusterRow, GapItemRow, GapResolutionRow


class SqlGapRepository:
    """Gap clusters and the redacted questions in them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # Storing --------------------------------------------------------------------------------

    def candidates(self, key_hash: str, recent: int) -> list[tuple[int, str]]:
        """Return (id, key) of the clusters with this key digest, then of the `recent` most
        recently fed ones: the only clusters a new question is compared with."""
        same = (
            select(GapClusterRow.id, GapClusterRow.key, literal(0).label("rank"))
            .where(GapClusterRow.key_hash == key_hash)
            .limit(4)
        )
        latest = (
            select(GapClusterRow.id, GapClusterRow.key, literal(1).label("rank"))
            .order_by(GapClusterRow.last_at.desc())
            .limit(recent)
        )
        rows = self.session.execute(
            select(union_all(same.subquery().select(), latest.subquery().select()).subquery())
        ).all()
        seen: set[int] = set()
        return [(i, k) for i, k, _r in rows if not (i in seen or seen.add(i))]

    def add_cluster(self, key: str, key_hash: str, at: datetime) -> int:
        """Open a cluster whose representative has this key; return its id."""
        return self.session.execute(
            insert(GapClusterRow)
            .values(key=key, key_hash=key_hash, created_at=at, last_at=at)
            .returning(GapClusterRow.id)
        ).scalar_one()

    def add(self, question_id: int, cluster_id: int, text: str, reason: str, at: datetime):
        """Put a redacted question in a cluster, which becomes the most recently fed."""
        # Core statements: this runs for every stored question, the ORM's bookkeeping is
        # most of the cost of so small a write.
        self.session.execute(
            insert(GapItemRow).values(
                question_id=question_id,
                cluster_id=cluster_id,
                text=text,
                reason=reason,
                asked_at=at,
                open=True,
            )
        )
        self.session.execute(
            update(GapClusterRow).where(GapClusterRow.id == cluster_id).values(last_at=at)
        )

    def item(self, question_id: int) -> tuple[bool, str] | None:
        """Return (open, reason) of a stored gap question, None if it is not one."""
        row = self.session.get(GapItemRow, question_id)
        return (row.open, row.reason) if row else None

    def mark_not_useful(self, question_id: int, reopen: bool) -> None:
        """Record that an answer did not help; `reopen` puts the question back on the list."""
        row = self.session.get(GapItemRow, question_id)
        row.reason = "not_useful"
        if reopen and not row.open:
            row.open = True
            self.session.execute(
                delete(GapResolutionRow).where(GapResolutionRow.question_id == question_id)
            )
        self.session.flush()

    def resolution(self, question_id: int) -> str | None:
        """Return how a question left the list (its resolution's action), None if it did not."""
        row = self.session.get(GapResolutionRow, question_id)
        return row.action if row else None

    def resolve(self, ids: list[int], action: str, slug: str | None, user_id: int, now) -> None:
        """Record how these questions were dealt with, and take them off the list."""
        for question_id in ids:
            row = self.session.get(GapResolutionRow, question_id) or GapResolutionRow(
                question_id=question_id
            )
            row.action, row.slug, row.user_id, row.at = action, slug, user_id, now
            self.session.add(row)
        if ids:
            self.session.execute(
                update(GapItemRow).where(GapItemRow.question_id.in_(ids)).values(open=False)
            )
        self.session.flush()

    # Reading --------------------------------------------------------------------------------

    def latest(self) -> int:
        """Return the id of the latest question filed (0 if none): it changes with the list."""
        return self.session.scalar(select(func.max(GapItemRow.question_id))) or 0

    def counts(self, since: datetime) -> tuple[int, int]:
        """Return (open questions, clusters holding them) asked since a date."""
        questions, clusters = self.session.execute(
            select(func.count(), func.count(func.distinct(GapItemRow.cluster_id))).where(
                GapItemRow.open.is_(True), GapItemRow.asked_at >= since
            )
        ).one()
        return questions, clusters

    def groups(
        self, since: datetime, offset: int, limit: int, listed: int
    ) -> tuple[list[tuple[int, int, list[GapQuestion]]], tuple[int, int]]:
        """Return a page of (cluster id, open questions, the `listed` latest of them), the
        largest clusters first, then the most recently fed; and the totals of `counts`."""
        is_open = (GapItemRow.open.is_(True), GapItemRow.asked_at >= since)
        size = func.count()
        # The totals come with the page, from the same scan (window functions run over
        # every group before the limit applies).
        page = self.session.execute(
            select(
                GapItemRow.cluster_id,
                size,
                func.count().over(),
                func.sum(size).over(),
            )
            .where(*is_open)
            .group_by(GapItemRow.cluster_id)
            .order_by(
                size.desc(), func.max(GapItemRow.asked_at).desc(), GapItemRow.cluster_id.desc()
            )
            .offset(offset)
            .limit(limit)
        ).all()
        if not page:
            return [], self.counts(since)
        totals = (int(page[0][3]), int(page[0][2]))
        columns = (
            GapItemRow.cluster_id,
            GapItemRow.question_id,
            GapItemRow.text,
            GapItemRow.reason,
            GapItemRow.asked_at,
            QuestionRow.confidence,
        )
        # The latest questions of each listed cluster, each read through the cluster's index
        # (a cluster of thousands costs no more than one of three), in one round trip.
        latest = [
            select(*columns)
            .join(QuestionRow, QuestionRow.id == GapItemRow.question_id)
            .where(GapItemRow.cluster_id == cluster_id, *is_open)
            .order_by(GapItemRow.asked_at.desc(), GapItemRow.question_id.desc())
            .limit(listed)
            .subquery()
            .select()
            for cluster_id, *_rest in page
        ]
        members: dict[int, list[GapQuestion]] = {cluster_id: [] for cluster_id, *_rest in page}
        for row in self.session.execute(union_all(*latest)).all():
            members[row.cluster_id].append(_gap_question(*row[1:]))
        for questions in members.values():
            questions.sort(key=lambda q: (q.asked_at, q.id), reverse=True)
        groups = [(cluster_id, total, members[cluster_id]) for cluster_id, total, *_r in page]
        return groups, totals

    def texts(self, ids: list[int]) -> dict[int, str]:
        """Return the redacted texts of gap questions by id, oldest first."""
        rows = self.session.execute(
            select(GapItemRow.question_id, GapItemRow.text)
            .where(GapItemRow.question_id.in_(ids))
            .order_by(GapItemRow.question_id)
        )
        return dict(rows.all())

    def clusters_since(self, since: datetime) -> list[tuple[int, str]]:
        """Return (id, key) of the clusters fed since a date."""
        return list(
            self.session.execute(
                select(GapClusterRow.id, GapClusterRow.key).where(GapClusterRow.last_at >= since)
            ).all()
        )

    def open_questions(self, cluster_ids: list[int], since: datetime, limit: int):
        """Return (id, redacted text) of the open questions of clusters, newest first."""
        return list(
            self.session.execute(
                select(GapItemRow.question_id, GapItemRow.text)
                .where(
                    GapItemRow.cluster_id.in_(cluster_ids),
                    GapItemRow.open.is_(True),
                    GapItemRow.asked_at >= since,
                )
                .order_by(GapItemRow.asked_at.desc())
                .limit(limit)
            ).all()
        )


def _gap_question(question_id, text, reason, asked_at, confidence) -> GapQuestion:
    not_useful = reason == "not_useful"
    decision = "answer" if not_useful else reason
    return GapQuestion(question_id, text, decision, confidence, asked_at, not_useful)
