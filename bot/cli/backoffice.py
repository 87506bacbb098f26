"""`hotline backoffice`: sign-in links to the staff back-office from the terminal."""

from __future__ import annotations

import click

from bot.backoffice.services import sign_in_url
from bot.cli.context import AppContext, pass_app
from routing.errors import NotStaff


@click.group()
def backoffice() -> None:
    """Back-office de l'équipe : liens de connexion."""


@backoffice.command("link")
@click.argument("staff_user_id", type=int)
@pass_app
def backoffice_link(app: AppContext, staff_user_id: int) -> None:
    """Afficher un lien de connexion à usage unique (10 minutes) pour un membre de l'équipe."""
    services = app.container.backoffice
    try:
        token = services.access.issue_link(staff_user_id)
    except NotStaff:
        raise click.ClickException(
            f"L'identifiant {staff_user_id} n'est pas enregistré comme membre de l'équipe "
            "(rôle staff). Voir `hotline advisors add`."
        ) from None
    click.echo(sign_in_url(services, token))
