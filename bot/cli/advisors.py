"""`hotline advisors`: staff register advisors, set their skills and invite newcomers."""

from __future__ import annotations

import functools

import click

from bot.cli.context import AppContext, pass_app
from knowledge.entries.records import GROUPS
from routing.errors import UnknownAdvisor, UnknownSkill
from routing.tickets.advisors import INVITATION_LIFETIME
from routing.tickets.business_hours import french_datetime

ROLES = click.Choice(["advisor", "staff"])
ROLE_LABELS = {"advisor": "conseiller", "staff": "équipe"}


def french_errors(command):
    """Turn the directory's errors into a French message and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UnknownAdvisor as error:
            raise click.ClickException(
                f"{error.user_id} n'est pas un conseiller inscrit. Voir `hotline advisors list`."
            ) from error
        except UnknownSkill as error:
            raise click.ClickException(
                f"« {error.skill} » n'est ni une fiche (slug) ni un groupe "
                f"({', '.join(GROUPS)}). Voir `hotline kb list`."
            ) from error

    return wrapper


@click.group()
def advisors() -> None:
    """Conseillers : inscrire, lister, retirer, compétences, invitations."""


@advisors.command("add")
@click.argument("user_id", type=int)
@click.option("--name", required=True, help="Nom affiché aux élus et sur les fiches.")
@click.option("--role", type=ROLES, default="advisor", show_default=True)
@pass_app
@french_errors
def advisors_add(app: AppContext, user_id: int, name: str, role: str) -> None:
    """Inscrire un conseiller (identifiant Telegram) ou un membre de l'équipe."""
    advisor = app.container.advisors.add(user_id, name, role)
    click.echo(f"{advisor.name} ({advisor.user_id}) inscrit comme {ROLE_LABELS[advisor.role]}.")


@advisors.command("list")
@pass_app
def advisors_list(app: AppContext) -> None:
    """Lister les conseillers, leurs compétences et leurs demandes en cours."""
    found = app.container.advisors.list()
    for advisor in found:
        skills = ", ".join(advisor.skills) or "-"
        click.echo(
            f"{advisor.user_id:<14} {advisor.name:<24} {ROLE_LABELS[advisor.role]:<10} "
            f"{advisor.open_tickets} en cours  compétences : {skills}"
        )
    click.echo(f"{len(found)} conseiller(s)")


@advisors.command("remove")
@click.argument("user_id", type=int)
@pass_app
@french_errors
def advisors_remove(app: AppContext, user_id: int) -> None:
    """Retirer un conseiller (ses droits sont retirés aussitôt)."""
    held = app.container.advisors.remove(user_id)
    click.echo(f"{user_id} n'est plus conseiller.")
    if held:
        click.echo(
            f"Attention : {held} demande(s) en cours lui sont encore attribuées ; "
            "un membre de l'équipe peut les libérer ou les transférer.",
            err=True,
        )


@advisors.command("skills")
@click.argument("user_id", type=int)
@click.argument("skills", nargs=-1)
@pass_app
@french_errors
def advisors_skills(app: AppContext, user_id: int, skills: tuple[str, ...]) -> None:
    """Remplacer les compétences (slugs de fiches ou groupes) ; sans argument, les afficher."""
    directory = app.container.advisors
    if skills:
        advisor = directory.set_skills(user_id, skills)
    else:
        advisor = directory.get(user_id)
        if advisor is None:
            raise UnknownAdvisor(user_id)
    click.echo(f"{advisor.name} : {', '.join(advisor.skills) or 'aucune compétence'}")


@advisors.command("invite")
@click.option("--role", type=ROLES, default="advisor", show_default=True)
@pass_app
def advisors_invite(app: AppContext, role: str) -> None:
    """Créer un code d'invitation à usage unique (valable 7 jours)."""
    container = app.container
    code = container.advisors.create_invitation(None, role)
    until = french_datetime(container.clock.now() + INVITATION_LIFETIME, container.calendar.tz)
    click.echo(f"Code d'invitation ({ROLE_LABELS[role]}) : {code}")
    click.echo(f"À envoyer au bot : /rejoindre {code}  (valable jusqu'au {until})")
