"""`hotline users`: staff block and unblock people who misuse the bot."""

from __future__ import annotations

import click

from bot.cli.context import AppContext, pass_app
from routing.tickets.business_hours import french_datetime


@click.group()
def users() -> None:
    """Personnes : bloquer, débloquer, lister les personnes bloquées."""


@users.command("block")
@click.argument("user_id", type=int)
@click.option("--reason", default=None, help="Pourquoi (visible de l'équipe seulement).")
@pass_app
def users_block(app: AppContext, user_id: int, reason: str | None) -> None:
    """Bloquer une personne : ses messages ne sont plus traités, ses demandes plus affichées."""
    app.container.moderation.block(user_id, reason)
    click.echo(
        f"{user_id} est bloqué. Il recevra un message poli à son prochain message, puis plus rien."
    )


@users.command("unblock")
@click.argument("user_id", type=int)
@pass_app
def users_unblock(app: AppContext, user_id: int) -> None:
    """Débloquer une personne."""
    if not app.container.moderation.unblock(user_id):
        raise click.ClickException(
            f"{user_id} n'est pas bloqué. Voir `hotline users list --blocked`."
        )
    click.echo(f"{user_id} est débloqué.")


@users.command("list")
@click.option("--blocked", is_flag=True, required=True, help="Les personnes bloquées.")
@pass_app
def users_list(app: AppContext, blocked: bool) -> None:
    """Lister les personnes bloquées, les plus récentes d'abord."""
    found = app.container.moderation.blocked()
    if not found:
        click.echo("Personne n'est bloqué.")
        return
    for block in found:
        told = "prévenu" if block.notified_at else "pas encore prévenu"
        reason = f" — {block.reason}" if block.reason else ""
        click.echo(
            f"{block.user_id}  depuis le {french_datetime(block.blocked_at)} ({told}){reason}"
        )
    click.echo(f"{len(found)} personne(s) bloquée(s).")
