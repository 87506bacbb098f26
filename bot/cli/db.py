"""`hotline db`: database schema commands."""

from __future__ import annotations

import click

from bot.settings import Settings
from storage.database import current_revision, make_engine, startup_lock, upgrade


@click.group()
def db() -> None:
    """Base de données : migrations du schéma."""


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
