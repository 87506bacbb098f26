"""Update log, blocks, failed deliveries and privacy queries on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from routing.safety.failed_deliveries import DeliveryService
from routing.safety.moderation import ModerationService
from routing.safety.privacy import PrivacyService, Retention
from routing.safety.redaction import PHONE
from storage.database import (
    alembic_config,
    current_revision,
    make_session_factory,
    upgrade,
)
from storage.safety.privacy import ANONYMOUS, ERASED
from storage.transient import is_transient, retry_transient
from storage.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
ids = itertools.count(10_000)  # people differ between tests sharing a PostgreSQL database


@pytest.fixture
def uow(engine):
    factory = make_session_factory(engine)
    return lambda: SqlUnitOfWork(factory)


def test_the_migration_creates_the_tables_and_can_be_undone(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"processed_updates", "blocked_users", "failed_deliveries", "maintenance_runs"} <= tables
    command.downgrade(alembic_config(engine), "0004")
    assert "failed_deliveries" not in set(inspect(engine).get_table_names())
    upgrade(engine)
    assert current_revision(engine) is not None


def test_an_update_id_is_taken_in_once_even_from_two_sessions(uow):
    update_id = next(ids)
    first, second = uow(), uow()
    with first, second:
        assert first.updates.first_delivery(update_id)
        first.commit()
        assert not second.updates.first_delivery(update_id)
    assert ModerationService(uow).admit(next(ids), None).fresh


def test_old_update_ids_are_pruned(uow):
    old = next(ids)
    with uow() as work:
        work.updates.first_delivery(old, NOW - timedelta(days=9))
        work.commit()
    with uow() as work:
        assert work.updates.prune(NOW - timedelta(days=7)) >= 1
        work.commit()
    assert ModerationService(uow).admit(old, None).fresh


def test_a_block_is_announced_once_and_lifted(uow):
    person, moderation = next(ids), ModerationService(uow)
    moderation.block(person, "spam", by=7001)
    assert moderation.admit(next(ids), person).notify_block
    assert not moderation.admit(next(ids), person).notify_block
    [block] = [b for b in moderation.blocked() if b.user_id == person]
    assert block.reason == "spam" and block.notified_at.tzinfo is not None
    assert moderation.unblock(person) and not moderation.is_blocked(person)


def test_failed_deliveries_come_due_and_are_marked(uow):
    chat = next(ids)
    deliveries = DeliveryService(uow, first_retry=timedelta(seconds=30))
    kept = deliveries.record(chat, "SendMessage", {"chat_id": chat, "text": "é"}, "x", 4, NOW)
    assert kept not in [d.id for d in deliveries.due(NOW)]
    [due] = [d for d in deliveries.due(NOW + timedelta(minutes=1), 100) if d.id == kept]
    assert due.payload == {"chat_id": chat, "text": "é"}
    deliveries.failed_again(due, "TelegramServerError: x", NOW)
    [again] = deliveries.pending(chat)
    assert again.attempts == 5 and again.next_try_at == NOW + timedelta(minutes=8)
    deliveries.delivered(kept, NOW + timedelta(minutes=9))
    [done] = deliveries.pending(chat)
    assert done.delivered_at is not None and done.payload == {}


def _person_with_history(uow, person: int, asked_at: datetime) -> int:
    with uow() as work:
        work.users.seen(person, "Camille", "camille")
        question = work.questions.add(person, "Mon 06 12 34 56 78, budget ?", "answer", 0.9, [])
        work.questions.feedback(question.id, person, "budget-participatif", False)
        work.questions.comment(question.id, person, "écrivez à c@mairie.fr")
        work.questions.request_advisor(person, question.id, "bouton")
        work.states.put(f"fsm:{person}:{person}:default", state="Intake:phone", data={"q": 1})
        work.deliveries.add(person, "SendMessage", {"text": "coucou"}, "x", 4, asked_at)
        work.session.execute(
            text("UPDATE questions SET created_at = :at WHERE id = :id"),
            {"at": asked_at, "id": question.id},
        )
        work.commit()
    return question.id


def test_the_export_holds_everything_about_the_person_and_nothing_about_others(uow):
    person, other = next(ids), next(ids)
    _person_with_history(uow, person, NOW)
    _person_with_history(uow, other, NOW)
    data = PrivacyService(uow).export(person)
    assert data["profile"]["first_name"] == "Camille"
    assert [q["text"] for q in data["questions"]] == ["Mon 06 12 34 56 78, budget ?"]
    assert data["feedback"][0]["comment"] == "écrivez à c@mairie.fr"
    assert len(data["advisor_requests"]) == 1
    assert data["conversation_states"][0]["state"] == "Intake:phone"
    assert data["undelivered_messages"][0]["payload"] == {"text": "coucou"}
    assert str(other) not in str(data)


def test_erasure_removes_the_person_and_keeps_anonymous_statistics(uow):
    person = next(ids)
    question_id = _person_with_history(uow, person, NOW)
    counts = PrivacyService(uow).erase(person)
    assert counts["profile"] == 1 and counts["questions"] == 1
    data = PrivacyService(uow).export(person)
    assert data["profile"] is None
    assert not any(data[key] for key in ("questions", "feedback", "conversation_states"))
    with uow() as work:
        kept = work.questions.get(question_id)
        assert (kept.user_id, kept.text, kept.decision) == (ANONYMOUS, ERASED, "answer")
        [(user, slug, useful, comment)] = work.questions.feedback_of(question_id)
        assert (user, slug, useful, comment) == (ANONYMOUS, "budget-participatif", False, None)


def test_the_purge_pseudonymises_old_questions_only(uow):
    person = next(ids)
    old = _person_with_history(uow, person, NOW - timedelta(days=400))
    recent = _person_with_history(uow, person, NOW - timedelta(days=10))
    report = PrivacyService(uow, Retention(conversations=timedelta(days=365))).purge(NOW)
    assert report["questions_pseudonymised"] >= 1
    with uow() as work:
        pseudonymised, kept = work.questions.get(old), work.questions.get(recent)
    assert pseudonymised.user_id == ANONYMOUS and pseudonymised.text == f"Mon {PHONE}, budget ?"
    assert kept.user_id == person and "06 12" in kept.text


def test_the_daily_purge_runs_once_a_day_across_restarts(uow):
    with uow() as work:  # another test may have run it: start from a known last run
        work.maintenance.record("purge", NOW - timedelta(days=2), {})
        work.commit()
    assert PrivacyService(uow).purge_if_due(NOW) is not None
    restarted = PrivacyService(uow)
    assert restarted.purge_if_due(NOW + timedelta(hours=23)) is None
    assert restarted.last_purge() == NOW
    assert restarted.purge_if_due(NOW + timedelta(hours=25)) is not None


def test_a_busy_database_is_retried_and_other_errors_are_not():
    from sqlalchemy.exc import IntegrityError, OperationalError

    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return "done"

    assert retry_transient(flaky, delays=(0, 0, 0), sleep=lambda _s: None) == "done"
    assert len(attempts) == 3
    integrity = IntegrityError("INSERT", {}, Exception("UNIQUE"))
    assert is_transient(OperationalError("x", {}, Exception())) and not is_transient(integrity)


def _kill_other_connections(engine) -> int:
    outsider = create_engine(engine.url, poolclass=NullPool)  # not one of the pool's
    with outsider.connect() as admin:
        killed = admin.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
        admin.commit()
    outsider.dispose()
    return killed


def test_a_lost_postgresql_connection_is_replaced_and_a_broken_unit_is_retried(engine, uow):
    if engine.dialect.name != "postgresql":
        pytest.skip("connection loss is a PostgreSQL matter")
    moderation = ModerationService(uow)
    moderation.admit(next(ids), None)  # a pooled connection now exists
    assert _kill_other_connections(engine) >= 1
    # pool_pre_ping notices the dead connection and opens a new one: no error at all.
    assert moderation.admit(next(ids), None).fresh
    person = next(ids)

    def unit_killed_midway():
        with uow() as work:
            work.blocks.block(person, "x", None)
            if not getattr(unit_killed_midway, "failed", False):
                unit_killed_midway.failed = True
                work.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
            work.commit()

    retry_transient(unit_killed_midway, delays=(0, 0), sleep=lambda _s: None)
    assert moderation.is_blocked(person)
