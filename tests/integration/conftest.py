"""Fixtures of the integration tests: real databases (SQLite, PostgreSQL) and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from bot.cli.main import cli
from storage.database import make_engine, upgrade
from tests.integration import pg

BACKENDS = ["sqlite", "postgresql"]


@contextmanager
def database(backend: str, directory: Path) -> Iterator[Engine]:
    """Yield an engine on an empty database of that backend, disposed (and removed) afterwards."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{directory / 'test.db'}")
        yield engine
        engine.dispose()
        return
    if not pg.available():
        pytest.skip("PostgreSQL binaries are not installed (make test installs them)")
    with pg.temporary_postgres() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory) -> Iterator[Engine]:
    """One migrated database per backend for each test module; tests add their own rows."""
    with database(request.param, tmp_path_factory.mktemp(request.param)) as engine:
        upgrade(engine)
        yield engine


@pytest.fixture(params=BACKENDS)
def blank_engine(request, tmp_path) -> Iterator[Engine]:
    """A fresh database per backend for each test, not migrated (for tests of the migrations)."""
    with database(request.param, tmp_path) as engine:
        yield engine


@pytest.fixture(scope="module")
def hotline(tmp_path_factory):
    """Run `hotline ...` against one SQLite data directory shared by the module's tests."""
    data = tmp_path_factory.mktemp("cli")
    runner = CliRunner()

    def run(*args, input=None):
        env = {"HOTLINE_DATA_DIR": str(data), "HOTLINE_DATABASE_URL": ""}
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run
