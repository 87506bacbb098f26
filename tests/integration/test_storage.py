"""Repositories and migrations on real databases: SQLite always, PostgreSQL when installed."""

from datetime import date

from sqlalchemy import inspect

from knowledge.entries.records import EntryStatus, Source
from storage.database import current_revision, make_session_factory, upgrade
from storage.uow import SqlUnitOfWork
from tests.fakes import make_entry


def test_migrations_create_the_schema_and_record_the_revision(blank_engine):
    upgrade(blank_engine)
    tables = set(inspect(blank_engine).get_table_names())
    assert {"kb_entries", "kb_entry_versions", "alembic_version"} <= tables
    assert current_revision(blank_engine) is not None


def test_an_entry_round_trips_through_the_database(blank_engine):
    upgrade(blank_engine)
    uow_factory = make_session_factory(blank_engine)
    entry = make_entry(
        sources=(Source("CGCT, art. L2143-1", "https://www.legifrance.gouv.fr"),),
        reviewed_on=date(2026, 1, 2),
        review_by=date(2027, 1, 2),
    )
    with SqlUnitOfWork(uow_factory) as uow:
        uow.entries.save(entry)
        uow.commit()
    with SqlUnitOfWork(uow_factory) as uow:
        assert uow.entries.get(entry.slug) == entry
        assert uow.entries.list(EntryStatus.ARCHIVED) == []


def test_every_saved_version_is_kept_in_the_history(blank_engine):
    upgrade(blank_engine)
    factory = make_session_factory(blank_engine)
    with SqlUnitOfWork(factory) as uow:
        uow.entries.save(make_entry())
        uow.entries.save(make_entry(title="Deuxième version", version=2))
        uow.commit()
    with SqlUnitOfWork(factory) as uow:
        history = uow.entries.history("budget-participatif")
    assert [e.version for e in history] == [1, 2]
    assert history[1].title == "Deuxième version"


def test_an_uncommitted_unit_of_work_writes_nothing(blank_engine):
    upgrade(blank_engine)
    factory = make_session_factory(blank_engine)
    with SqlUnitOfWork(factory) as uow:
        uow.entries.save(make_entry())
    with SqlUnitOfWork(factory) as uow:
        assert uow.entries.get("budget-participatif") is None
