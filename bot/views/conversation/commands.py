"""Every command, who may use it, its menu entry and its /aide line: the one list of them.

A new command is one line in the right tuple; /aide, the unknown-command reply and the
command menus (`setMyCommands`, per scope) are all built from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import BotCommand


@dataclass(frozen=True)
class CommandInfo:
    """A command: its name, its short menu description and its longer /aide explanation."""

    name: str
    menu: str
    help: str
    arguments: str = ""  # shown after the name in /aide, e.g. "on|off"


# Everyone who writes to the bot in private (officials, and advisors too).
OFFICIALS = (
    CommandInfo("themes", "Parcourir les fiches par thème", "parcourir les fiches par thème"),
    CommandInfo(
        "conseiller",
        "Être rappelé·e par un conseiller",
        "demander à être rappelé·e par un conseiller (téléphone ou visio)",
    ),
    CommandInfo("mes_demandes", "Suivre vos demandes de rappel", "suivre vos demandes de rappel"),
    CommandInfo("ateliers", "S'inscrire aux ateliers interactifs", "les ateliers et l'inscription"),
    CommandInfo("mes_inscriptions", "Vos inscriptions aux ateliers", "vos inscriptions"),
    CommandInfo("projets", "Rejoindre un projet partagé", "rejoindre un projet partagé"),
    CommandInfo("annuler", "Arrêter la démarche en cours", "arrêter la démarche en cours"),
    CommandInfo(
        "notifications",
        "Être prévenu·e des nouvelles réponses",
        "être prévenu·e, ou non, quand une nouvelle fiche répond à une question restée sans "
        "réponse",
        "on|off",
    ),
    CommandInfo(
        "confidentialite",
        "Vos données et vos droits",
        "ce que nous conservons, pourquoi, combien de temps, et vos droits",
    ),
    CommandInfo("mes_donnees", "Recevoir vos données", "recevoir toutes vos données (fichier)"),
    CommandInfo(
        "supprimer_mes_donnees", "Supprimer vos données", "supprimer vos données (définitif)"
    ),
    CommandInfo("start", "Accueil et exemples de questions", "revoir l'accueil et les exemples"),
    CommandInfo("aide", "Comment utiliser l'assistant", "cette aide"),
)
# Advisors (from the database role), in their private chat with the bot.
ADVISORS = (
    CommandInfo("mes_tickets", "Les demandes que vous suivez", "les demandes que vous suivez"),
    CommandInfo("file", "Les demandes à prendre", "les demandes pas encore prises en charge"),
)
# Staff only.
STAFF = (
    CommandInfo(
        "backoffice", "Lien de connexion au back-office", "un lien de connexion au back-office"
    ),
)
# The advisors' group: new requests arrive there as cards with "Prendre en charge".
GROUP = (CommandInfo("aide", "Comment fonctionne ce groupe", "cette aide"),)


def commands_for(advisor: bool = False, staff: bool = False) -> tuple[CommandInfo, ...]:
    """The commands a person may use in private, by role (staff are advisors too)."""
    found = OFFICIALS
    if advisor or staff:
        found += ADVISORS
    if staff:
        found += STAFF
    return found


def menu(commands: tuple[CommandInfo, ...]) -> list[BotCommand]:
    """The command menu for `setMyCommands`."""
    return [BotCommand(command=c.name, description=c.menu) for c in commands]


def help_lines(commands: tuple[CommandInfo, ...]) -> str:
    """One "• /name : what it does" line per command."""
    return "\n".join(
        f"• /{c.name}{f' {c.arguments}' if c.arguments else ''} : {c.help}" for c in commands
    )


def help_text(advisor: bool = False, staff: bool = False) -> str:
    """The /aide message: how to ask, then every command the person may use."""
    from bot.views import texts

    sections = [texts.HELP_INTRO, help_lines(OFFICIALS)]
    if advisor or staff:
        sections += ["", texts.HELP_ADVISORS, help_lines(ADVISORS)]
    if staff:
        sections += ["", texts.HELP_STAFF, help_lines(STAFF)]
    return "\n".join([*sections, "", texts.HELP_OUTRO])


def group_help() -> str:
    """The /aide message in the advisors' group."""
    from bot.views import texts

    return texts.GROUP_HELP.format(commands=help_lines(ADVISORS + STAFF))
