"""`hotline run`: start the bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import click

from bot.cli.context import AppContext, pass_app
from bot.runner import run_polling, run_webhook


@click.command()
@click.option("--webhook", is_flag=True, help="Servir le webhook au lieu du long polling.")
@pass_app
def run(app: AppContext, webhook: bool) -> None:
    """Démarrer le bot (bac à sable local si aucun jeton Telegram n'est configuré)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    container = app.container
    click.echo(f"Base de connaissances : {len(container.knowledge.list())} fiche(s).")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run((run_webhook if webhook else run_polling)(container, say=click.echo))
