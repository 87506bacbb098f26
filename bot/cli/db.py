"""`hotline db`: database schema commands."""

from __future__ import annotations

from pathlib import Path

import click

from bot.app.single_process import single_bot_process
from bot.settings import Settings
from storage.backup import (
    BackupError,
    backup_sqlite,
    check_backup,
    pg_dump_command,
    pg_restore_command,
    restore_sqlite,
    sqlite_path,
)
from storage.database import current_revision, make_engine, startup_lock, upgrade


@click.group()
def db() -> None:
    """Base de données : migrations du schéma, sauvegarde et restauration."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Appliquer les migrations jusqu'à la dernière version."""
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    try:
        with startup_lock(engine):  # bot processes starting meanwhile wait for the new schema
            upgrade(engine)
        click.echo(f"Schéma à jour (révision {current_revision(engine)}).")
    finally:
        engine.dispose()


@db.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(path: Path) -> None:
    """Sauvegarder la base (SQLite : copie cohérente même bot en marche)."""
    settings = Settings()
    url = settings.sqlalchemy_url
    database = sqlite_path(url)
    if database is None:
        click.echo("Base PostgreSQL : sauvegardez-la avec pg_dump (mot de passe : ~/.pgpass) :")
        click.echo(f"  {pg_dump_command(url, path)}")
        return
    try:
        pages = backup_sqlite(database, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Sauvegarde écrite dans {path} ({pages} pages).")


@db.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
def db_restore(path: Path, yes: bool) -> None:
    """Remplacer la base SQLite par une sauvegarde (bot arrêté)."""
    settings = Settings()
    url = settings.sqlalchemy_url
    database = sqlite_path(url)
    if database is None:
        click.echo("Base PostgreSQL : restaurez-la avec pg_restore, bot arrêté :")
        click.echo(f"  {pg_restore_command(url, path)}")
        return
    try:
        check_backup(path)
        with single_bot_process(url):  # refused while `hotline run` uses the file
            if not yes:
                click.confirm(f"Remplacer {database} par {path} ?", abort=True)
            restore_sqlite(path, database)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Base restaurée depuis {path}. Lancez `hotline db upgrade` si besoin.")
