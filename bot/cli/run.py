"""`hotline run`: start the bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import click

from bot.app.logging_setup import setup_logging
from bot.app.runner import run_polling, run_webhook
from bot.cli.context import AppContext, pass_app
from bot.settings import Settings


@click.command()
@click.option("--webhook", is_flag=True, help="Servir le webhook au lieu du long polling.")
@pass_app
def run(app: AppContext, webhook: bool) -> None:
    """Démarrer le bot (bac à sable local si aucun jeton Telegram n'est configuré)."""
    # Phone numbers and e-mails are masked in every log record (see bot.app.logging_setup).
    settings = Settings()
    setup_logging(logging.INFO, settings.log_file, settings.log_format)
    container = app.container
    click.echo(f"Base de connaissances : {len(container.knowledge.list())} fiche(s).")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run((run_webhook if webhook else run_polling)(container, say=click.echo))
