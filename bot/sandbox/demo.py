"""The sandbox's demo cast in the database: its advisors registered, its group as advisors' chat.

Only ever applied when `hotline run` starts the sandbox (no Telegram token). With a real token,
`prepare_demo(..., sandbox=False)` takes the demo advisors off again: the sandbox's made-up
user ids could belong to real Telegram accounts, which must never see officials' details.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.sandbox.state import DEFAULT_ADVISOR_IDS, DEFAULT_GROUP_ID
from routing.errors import UnknownAdvisor
from routing.orientation.model import CycleDraft, CycleStatus

DEMO_MARK = "(démo)"
# Alice is staff as well, so a newcomer can also open the back-office (/backoffice in her chat).
DEMO_ADVISORS = (
    (DEFAULT_ADVISOR_IDS[0], f"Alice Martin {DEMO_MARK}", "staff"),
    (DEFAULT_ADVISOR_IDS[1], f"Bruno Petit {DEMO_MARK}", "advisor"),
)


def prepare_demo(container, sandbox: bool, say: Callable[[str], object] = print) -> None:
    """Register the demo advisors and group for the sandbox, or retire them for real use."""
    if not sandbox:
        _retire(container)
        return
    _seed_orientation(container, say)
    if container.settings.advisors_chat_id is None:
        container.settings.advisors_chat_id = DEFAULT_GROUP_ID
        policy = replace(container.tickets.policy, advisors_chat_id=DEFAULT_GROUP_ID)
        container.tickets.policy = policy
    for user_id, name, role in DEMO_ADVISORS:
        if container.advisors.get(user_id) is None:
            container.advisors.add(user_id, name, role=role)
    say(
        "Démo : Alice (7001) et Bruno (7002) sont conseillers ; les demandes arrivent dans le "
        f"groupe « Conseillers participation » ({container.settings.advisors_chat_id}). "
        "Alice est aussi dans l'équipe : /backoffice dans son chat donne un lien de connexion."
    )


def _retire(container) -> None:
    # A demo cycle must not take real officials' registrations.
    for cycle in container.orientation_staff.cycles():
        if cycle.theme == DEMO_THEME and cycle.status == CycleStatus.OPEN:
            container.orientation_staff.close(cycle.id)
    for user_id, _name, _role in DEMO_ADVISORS:
        advisor = container.advisors.get(user_id)
        if advisor is not None and advisor.name.endswith(DEMO_MARK):
            with contextlib.suppress(UnknownAdvisor):  # removed in between: nothing to do
                container.advisors.remove(user_id)


DEMO_THEME = f"Gestion des tensions et des conflits d'usage {DEMO_MARK}"


def _seed_orientation(container, say: Callable[[str], object]) -> None:
    """One open atelier cycle and one projet partagé theme, so a newcomer can try /ateliers."""
    staff = container.orientation_staff
    if not any(c.status == CycleStatus.OPEN for c in staff.cycles()):
        tz = ZoneInfo(container.settings.timezone)
        today = container.clock.now().astimezone(tz).date()
        first = today + timedelta(days=21 + (1 - today.weekday()) % 7)  # a Tuesday, in 3-4 weeks
        starts = tuple(
            datetime.combine(first + timedelta(weeks=2 * n), time(14), tz).astimezone(UTC)
            for n in range(4)
        )
        draft = CycleDraft(
            theme=DEMO_THEME,
            description="Quatre séances entre pairs pour apaiser les tensions autour d'un projet "
            "local : chacun vient avec une situation concrète de sa collectivité.",
            starts=starts,
            visio_link="https://visio.example.org/atelier-tensions",
            deadline=starts[0] - timedelta(days=2),
            topics=("gerer-les-conflits",),
        )
        staff.create(draft)
    if not staff.themes():
        staff.add_theme(
            "democratie-culturelle",
            "Démocratie culturelle",
            "Associer les habitants aux choix culturels de la commune.",
        )
    say("Démo : un cycle d'ateliers ouvert (/ateliers) et un thème de projet partagé (/projets).")
