"""The back-office tables and queries on real databases: SQLite always, PostgreSQL if installed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect

from routing.curation.gap_recorder import GapRecorder
from routing.errors import SignInRefused
from routing.records import Role
from routing.safety.staff_access import StaffAccess
from storage.backoffice.uow import BackofficeUnitOfWork
from storage.database import make_session_factory
from tests.fakes import make_entry

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TABLES = {
    "backoffice_links",
    "backoffice_sessions",
    "staff_actions",
    "gap_resolutions",
    "answer_notices",
    "notification_preferences",
}


@pytest.fixture
def uow(engine):
    factory = make_session_factory(engine)
    return lambda: BackofficeUnitOfWork(factory)


def test_the_migration_creates_the_backoffice_tables(engine):
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_a_link_is_spent_once_and_expires_on_every_backend(uow):
    with uow() as unit:
        unit.users.set_role(41, Role.STAFF, "Sophie")
        unit.commit()
    clock = [NOW]
    access = StaffAccess(uow, timedelta(hours=1), lambda: clock[0])
    token = access.issue_link(41)
    opened = access.redeem(token)
    assert access.authenticate(opened.token).id == 41
    with pytest.raises(SignInRefused):
        access.redeem(token)
    late = access.issue_link(41)
    clock[0] = NOW + timedelta(minutes=11)
    with pytest.raises(SignInRefused):
        access.redeem(late)
    assert access.authenticate(opened.token).id == 41
    clock[0] = NOW + timedelta(hours=1, seconds=1)
    assert access.authenticate(opened.token) is None  # the session lasted one hour
    assert [a.action for a in access.journal()][:2] == ["lien_connexion", "connexion"]


def test_gap_questions_resolutions_notices_and_opt_outs_on_every_backend(uow):
    with uow() as unit:
        unit.users.set_role(42, Role.OFFICIAL, "Camille")
        asked = [
            unit.questions.add(42, "fête de la soupe", "out_of_scope", 0.2, []),
            unit.questions.add(42, "budget participatif", "answer", 0.95, []),
            unit.questions.add(42, "budget peu sûr", "answer", 0.74, []),
        ]
        unit.questions.feedback(asked[1].id, 42, "budget-participatif", False)
        recorder = GapRecorder(lambda: NOW)
        for question in asked:
            recorder.stored(
                unit, question.id, question.text, question.decision, question.confidence
            )
        recorder.judged(unit, asked[1].id, asked[1].text, useful=False)
        unit.commit()
    ids = {q.id for q in asked}
    since = datetime(2000, 1, 1, tzinfo=UTC)
    with uow() as unit:
        assert unit.gaps.counts(since) == (3, 2)  # the two budget questions are one subject
        [(_c, _n, budget), (_c2, _n2, soup)], totals = unit.gaps.groups(since, 0, 20, 30)
        assert totals == (3, 2)
        gaps = {g.id: g for g in [*budget, *soup]}
        assert set(gaps) == ids
        assert gaps[asked[1].id].not_useful is True
        assert unit.gaps.texts([asked[0].id]) == {asked[0].id: "fête de la soupe"}
        unanswered = {q.id for q in unit.curation.unanswered_since(since)}
        assert asked[0].id in unanswered and asked[1].id not in unanswered
        unit.curation.resolve([asked[0].id], "ignoree", None, 1, NOW)
        unit.curation.add_notice(asked[0].id, 42, "budget-participatif", NOW)
        unit.curation.set_notices(42, False, NOW)
        assert unit.curation.enqueue(42, "answer_available", {"slug": "x"}, f"k{asked[0].id}", NOW)
        assert not unit.curation.enqueue(42, "answer_available", {}, f"k{asked[0].id}", NOW)
        unit.commit()
    with uow() as unit:
        page, _totals = unit.gaps.groups(since, 0, 20, 30)
        remaining = {g.id for _c, _n, group in page for g in group}
        assert asked[0].id not in remaining and unit.gaps.counts(since) == (2, 1)
        assert unit.curation.notices_enabled(42) is False
        # Noticed, and the person opted out: nothing of theirs is left to tell.
        assert all(q.user_id != 42 for q in unit.curation.unanswered_since(since))


def test_versions_and_report_rows_on_every_backend(uow):
    with uow() as unit:
        unit.entries.save(make_entry("versionnee"), "a")
        unit.entries.save(make_entry("versionnee", title="Deux", version=2), "b")
        unit.commit()
    with uow() as unit:
        versions = unit.versions.of("versionnee")
        assert [(v.version, v.author) for v in versions] == [(2, "b"), (1, "a")]
        assert unit.versions.latest_number("versionnee") == 2
        rows = unit.reports.questions(datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC))
        assert all(at.tzinfo is not None for at, _decision in rows)
        assert unit.reports.tickets(NOW, NOW + timedelta(days=1)) == []
        assert unit.board.tickets(include_closed=True) == []
