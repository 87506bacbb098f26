"""SQLite serves one bot process: a second `hotline run` on the same file is refused."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from storage.backup import sqlite_path

REFUSAL = (
    "Un autre processus « hotline run » utilise déjà cette base SQLite ({path}). "
    "Plusieurs processus demandent PostgreSQL (HOTLINE_DATABASE_URL). / "
    "Another 'hotline run' process already uses this SQLite database; "
    "several processes need PostgreSQL."
)


def sqlite_file(url: str) -> Path | None:
    """Return the database file of a SQLite URL, or None for another engine or in memory."""
    path = sqlite_path(url)
    return None if path is None or path.name == ":memory:" else path


@contextlib.contextmanager
def single_bot_process(url: str) -> Iterator[None]:
    """Hold an exclusive lock beside the SQLite file while the bot runs; refuse if taken.

    The kernel drops the lock when the process ends, even on kill -9: no stale lock to clean.
    CLI commands (imports, purges) do not take it: SQLite lets them write between the bot's
    transactions.
    """
    database = sqlite_file(url)
    if database is None:
        yield
        return
    database.parent.mkdir(parents=True, exist_ok=True)
    lock_path = database.with_name(database.name + ".run.lock")
    handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(REFUSAL.format(path=database)) from None
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        yield
    finally:
        os.close(handle)
