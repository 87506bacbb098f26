"""Engine creation and schema migrations (Alembic, applied programmatically)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
# Advisory lock key of start-up work (migrations, seeding) that one process must do alone.
STARTUP_LOCK_KEY = 0x686F746C696E6502


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so the bot and CLI can share it."""
    # hide_parameters: error messages must not carry what people wrote into the logs.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre-ping: a connection the server dropped (restart, failover) is replaced, not used.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers go on while one writer commits; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode, NORMAL still survives a crash or kill -9 of the bot (the OS has the data);
    # only a power cut may lose the last commits. It spares an fsync per commit (2 ms here).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory every unit of work uses."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """Build an Alembic configuration that runs on this engine, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision the database is at, or None when it is empty."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Hold the start-up advisory lock (PostgreSQL): one process migrates, the others wait.

    The lock is the session's, held on a connection of its own: if the migrating process dies,
    PostgreSQL releases it and the next process in line runs (or finds done) the migration.
    On SQLite, where one bot process runs at a time, SQLite's own write lock is enough.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK_KEY})
            connection.commit()
