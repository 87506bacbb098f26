"""Backups of the database: SQLite's online backup API, and pg_dump's command for PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator (French)."""


def sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite URL, or None for another engine."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).resolve()


def backup_sqlite(database: Path, target: Path) -> int:
    """Copy a live SQLite database into `target`; return the pages copied.

    The backup API copies a consistent snapshot even while the bot writes: in one step
    (pages=-1) it reads under one read transaction, which WAL mode lets writers go on beside.
    """
    if not database.exists():
        raise BackupError(f"Base SQLite introuvable : {database}")
    target = Path(target)
    if target.exists():
        raise BackupError(f"Le fichier {target} existe déjà : choisissez un autre nom.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=15)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=-1)
        return copy.execute("PRAGMA page_count").fetchone()[0]
    finally:
        copy.close()
        source.close()


def check_backup(path: Path) -> None:
    """Raise BackupError unless `path` is an intact hotline SQLite database."""
    if not Path(path).is_file():
        raise BackupError(f"Sauvegarde introuvable : {path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} n'est pas une base SQLite.") from None
    if integrity != "ok":
        raise BackupError(f"Sauvegarde abîmée ({integrity}) : restauration refusée.")
    if "alembic_version" not in tables or "tickets" not in tables:
        raise BackupError(f"{path} n'est pas une sauvegarde de la hotline.")


def restore_sqlite(backup: Path, database: Path) -> None:
    """Replace the database's content by the backup's (the bot must be stopped)."""
    check_backup(backup)
    database.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    # Through the backup API rather than a file copy: the WAL and its index stay coherent.
    target = sqlite3.connect(database, timeout=15)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()


def pg_dump_command(url: str, target: Path) -> str:
    """Return the documented pg_dump command for a PostgreSQL URL (password left out)."""
    parsed = make_url(url)
    parts = ["pg_dump", "--format=custom", f"--file={target}"]
    if parsed.host:
        parts.append(f"--host={parsed.host}")
    if parsed.port:
        parts.append(f"--port={parsed.port}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts.append(parsed.database or "hotline")
    return " ".join(parts)


def pg_restore_command(url: str, backup: Path) -> str:
    """Return the pg_restore command restoring a custom-format dump into the URL's database."""
    parsed = make_url(url)
    parts = ["pg_restore", "--clean", "--if-exists", "--no-owner"]
    if parsed.host:
        parts.append(f"--host={parsed.host}")
    if parsed.port:
        parts.append(f"--port={parsed.port}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts += [f"--dbname={parsed.database or 'hotline'}", str(backup)]
    return " ".join(parts)
