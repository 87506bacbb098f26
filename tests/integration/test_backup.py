"""`hotline db backup` and `hotline db restore`: a backup taken while the bot writes is whole."""

from __future__ import annotations

import threading
import time

from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli.main import cli
from storage.database import make_engine, make_session_factory, upgrade
from storage.tickets.models import TicketRow


def new_ticket(number: int) -> TicketRow:
    """A ticket as the bot writes it (the content does not matter here)."""
    return TicketRow(
        official_id=5000 + number,
        question=f"Question {number} sur le budget participatif",
        collectivite="Commune test",
        official_role="maire",
        channel="telegram",
        consent=True,
        status="new",
    )


def run(data_dir, *args, input=None):
    env = {"HOTLINE_DATA_DIR": str(data_dir), "HOTLINE_DATABASE_URL": ""}
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def ticket_ids(path) -> set[int]:
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return set(connection.execute(select(TicketRow.id)).scalars())
    finally:
        engine.dispose()


def test_a_backup_taken_during_writes_restores_every_ticket_committed_before_it(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    engine = make_engine(f"sqlite:///{live / 'hotline.db'}")
    upgrade(engine)
    sessions = make_session_factory(engine)
    committed: list[int] = []
    stop = threading.Event()

    def writer() -> None:
        number = 0
        while not stop.is_set():
            with sessions() as session, session.begin():
                row = new_ticket(number)
                session.add(row)
                session.flush()
                ticket_id = row.id
            committed.append(ticket_id)
            number += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(committed) < 200:
            time.sleep(0.01)
        before = set(committed)
        result = run(live, "db", "backup", str(tmp_path / "backup.db"))
        after_started = len(committed)
        time.sleep(0.2)  # the writer goes on after the backup
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert "Sauvegarde écrite" in result.output
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(TicketRow)).scalar_one()
    engine.dispose()
    assert total > after_started  # the bot kept writing during and after the backup

    restored = tmp_path / "restored"
    result = run(restored, "db", "restore", str(tmp_path / "backup.db"), "--yes")
    assert result.exit_code == 0, result.output
    ids = ticket_ids(restored / "hotline.db")
    assert before <= ids  # every ticket committed before the backup is there
    assert ids <= set(committed)  # and nothing half-written
    assert ids == set(range(1, len(ids) + 1))  # a consistent snapshot: no gap


def test_a_backup_never_overwrites_a_file_and_a_restore_refuses_a_foreign_file(tmp_path):
    run(tmp_path, "db", "upgrade")
    (tmp_path / "taken.db").write_text("déjà là")
    refused = run(tmp_path, "db", "backup", str(tmp_path / "taken.db"))
    assert refused.exit_code != 0 and "existe déjà" in refused.output
    foreign = run(tmp_path, "db", "restore", str(tmp_path / "taken.db"), "--yes")
    assert foreign.exit_code != 0 and "pas une base SQLite" in foreign.output


def test_on_postgresql_the_backup_command_prints_the_pg_dump_to_run(tmp_path):
    env = {
        "HOTLINE_DATA_DIR": str(tmp_path),
        "HOTLINE_DATABASE_URL": "postgresql+psycopg://hotline:s3cret@db.example:5433/hotline",
    }
    result = CliRunner().invoke(cli, ["db", "backup", "/srv/hotline.dump"], env=env)
    assert result.exit_code == 0
    assert (
        "pg_dump --format=custom --file=/srv/hotline.dump --host=db.example --port=5433 "
        "--username=hotline hotline" in result.output
    )
    assert "s3cret" not in result.output
