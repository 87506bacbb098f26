"""Migration 0009 files the gap questions already stored, as the bot now does when storing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from storage.answers.models import FeedbackRow, QuestionRow
from storage.curation.models import GapItemRow, GapResolutionRow
from storage.database import make_engine, upgrade


def test_the_migration_backfills_stored_gap_questions_redacted_and_clustered(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0008")
    now = datetime.now(UTC)
    rows = [
        (1, "Comment organiser une fête de la soupe entre voisins ?", "out_of_scope", 0.1, None),
        (2, "organiser la fete de la soupe, appelez le 06 12 34 56 78", "clarify", 0.7, None),
        (3, "Quel tarif pour les cantines scolaires du village ?", "escalate", 0.3, None),
        (4, "bonjour", "out_of_scope", 0.0, None),
        (5, "concertation préalable", "clarify", 0.7, "concertation-prealable"),
        (6, "budget participatif", "answer", 0.95, None),
        (7, "budget participatif des jeunes", "answer", 0.95, None),
        (8, "Tirage au sort d'un jury citoyen", "out_of_scope", 0.2, None),
    ]
    with engine.begin() as connection:
        for number, text, decision, confidence, chosen in rows:
            connection.execute(
                insert(QuestionRow).values(
                    id=number,
                    user_id=42,
                    text=text,
                    decision=decision,
                    confidence=confidence,
                    candidates=[],
                    chosen_slug=chosen,
                    created_at=now - timedelta(minutes=10 - number),
                )
            )
        connection.execute(
            insert(QuestionRow).values(
                id=9,
                user_id=42,
                text="vieille question",
                decision="out_of_scope",
                confidence=0.1,
                candidates=[],
                created_at=now - timedelta(days=200),
            )
        )
        connection.execute(
            insert(FeedbackRow).values(question_id=7, user_id=42, slug="budget", useful=False)
        )
        connection.execute(
            insert(GapResolutionRow).values(question_id=8, action="ignoree", user_id=1, at=now)
        )
    upgrade(engine)
    with engine.connect() as connection:
        filed = {r.question_id: r for r in connection.execute(select(GapItemRow))}
    engine.dispose()
    # Greetings, settled clarifications, sure answers and old questions are not filed.
    assert set(filed) == {1, 2, 3, 7, 8}
    assert filed[1].cluster_id == filed[2].cluster_id != filed[3].cluster_id
    assert filed[2].text == "organiser la fete de la soupe, appelez le [téléphone]"
    assert filed[7].reason == "not_useful" and filed[7].open
    assert not filed[8].open
