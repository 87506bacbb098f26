"""`hotline ateliers`: staff create, list, show, close and export the atelier cycles."""

from __future__ import annotations

import functools

import click

from bot.cli.context import AppContext, pass_app
from routing.orientation.model import DEFAULT_CAPACITY, CycleDraft, CycleUnavailable, InvalidCycle
from routing.orientation.staff import local_time

STATUS = {"open": "ouvert", "closed": "clos"}


def french_errors(command):
    """Turn the orientation errors into a French message and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InvalidCycle as error:
            raise click.ClickException(f"Cycle refusé : {error.reason}.") from error
        except CycleUnavailable as error:
            raise click.ClickException(
                f"Aucun cycle n° {error.cycle_id}. Voir `hotline ateliers list`."
            ) from error

    return wrapper


@click.group()
def ateliers() -> None:
    """Ateliers interactifs : créer, lister, voir, clore et exporter les cycles."""


@ateliers.command("add")
@click.option("--theme", required=True, help="Thème du cycle (ex. : Eau en montagne).")
@click.option("--description", default="", help="Présentation courte.")
@click.option(
    "--session",
    "sessions",
    multiple=True,
    required=True,
    help='Début d\'une séance, heure de Paris : "2027-01-12 14:00" (quatre fois).',
)
@click.option("--link", required=True, help="Lien de visio (https://…).")
@click.option("--deadline", required=True, help="Date limite d'inscription, heure de Paris.")
@click.option("--capacity", type=int, default=DEFAULT_CAPACITY, show_default=True)
@click.option("--topic", "topics", multiple=True, help="Fiche (slug) dont la réponse y mène.")
@pass_app
@french_errors
def ateliers_add(app: AppContext, theme, description, sessions, link, deadline, capacity, topics):
    """Créer un cycle de quatre séances (rappels programmés à la création)."""
    tz = app.container.settings.timezone
    draft = CycleDraft(
        theme=theme,
        description=description,
        starts=tuple(local_time(s, tz) for s in sessions),
        visio_link=link,
        deadline=local_time(deadline, tz),
        capacity=capacity,
        topics=tuple(topics),
    )
    cycle = app.container.orientation_staff.create(draft)
    click.echo(f"Cycle n° {cycle.id} « {cycle.theme} » créé ({cycle.capacity} places).")


@ateliers.command("list")
@pass_app
def ateliers_list(app: AppContext) -> None:
    """Lister les cycles, leurs places prises et leur statut."""
    staff = app.container.orientation_staff
    cycles = staff.cycles()
    if not cycles:
        click.echo("Aucun cycle. Créez-en un avec `hotline ateliers add`.")
    for cycle in cycles:
        first = staff.local(cycle.sessions[0].starts_at)
        click.echo(
            f"{cycle.id:>4}  {STATUS[cycle.status]:<7} {cycle.taken:>3}/{cycle.capacity:<3} "
            f"{first}  {cycle.theme}"
        )


@ateliers.command("show")
@click.argument("cycle_id", type=int)
@pass_app
@french_errors
def ateliers_show(app: AppContext, cycle_id: int) -> None:
    """Voir un cycle : séances, inscrits, liste d'attente et présences."""
    staff = app.container.orientation_staff
    roster = staff.roster(cycle_id)
    cycle = roster.cycle
    click.secho(f"Cycle n° {cycle.id} — {cycle.theme} ({STATUS[cycle.status]})", bold=True)
    for session in cycle.sessions:
        click.echo(f"  Séance {session.number} : {staff.local(session.starts_at)}")
    click.echo(f"  Visio : {cycle.visio_link}")
    click.echo(f"  Inscriptions jusqu'au {staff.local(cycle.deadline)}")
    click.echo(f"  Places : {cycle.taken}/{cycle.capacity}")
    for r in roster.registrations:
        attended = "".join("✓" if s.number in r.attended else "·" for s in cycle.sessions)
        done = " complet" if roster.completed(r) else ""
        click.echo(f"  {r.status:<9} {attended} {r.collectivite} — {r.name} ({r.role}){done}")


@ateliers.command("close")
@click.argument("cycle_id", type=int)
@pass_app
@french_errors
def ateliers_close(app: AppContext, cycle_id: int) -> None:
    """Clore les inscriptions (les inscrits gardent leur place et leurs rappels)."""
    cycle = app.container.orientation_staff.close(cycle_id)
    click.echo(f"Cycle n° {cycle.id} « {cycle.theme} » clos aux inscriptions.")


@ateliers.command("export")
@click.argument("cycle_id", type=int)
@pass_app
@french_errors
def ateliers_export(app: AppContext, cycle_id: int) -> None:
    """Exporter les inscrits et les présences en CSV (sortie standard)."""
    click.echo(app.container.orientation_staff.export_csv(cycle_id), nl=False)
