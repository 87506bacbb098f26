"""`hotline purge`: apply the retention delays now (the bot also does it once a day)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from bot.cli.context import AppContext, pass_app

LABELS = {
    "contact_details_erased": "demandes dont les coordonnées ont été effacées",
    "tickets_texts_pseudonymised": "demandes anciennes détachées de leur auteur",
    "questions_pseudonymised": "questions anciennes détachées de leur auteur",
    "comments_scrubbed": "remarques dont un téléphone ou un e-mail a été masqué",
    "advisor_requests_anonymised": "anciennes demandes de conseiller anonymisées",
    "conversation_states_deleted": "conversations inactives oubliées",
    "update_ids_forgotten": "identifiants de messages Telegram oubliés",
    "delivered_messages_deleted": "messages réexpédiés archivés supprimés",
}


@click.command()
@pass_app
def purge(app: AppContext) -> None:
    """Effacer les coordonnées des demandes closes et pseudonymiser les questions anciennes."""
    privacy = app.container.privacy
    report = privacy.purge(datetime.now(UTC))
    retention = privacy.retention
    click.echo(
        f"Conservation : coordonnées {retention.contact_details.days} jours après la clôture, "
        f"questions {retention.conversations.days} jours."
    )
    for key, count in report.items():
        click.echo(f"  {count:>6}  {LABELS.get(key, key)}")
