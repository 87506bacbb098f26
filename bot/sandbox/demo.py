"""The sandbox's demo cast in the database: its advisors registered, its group as advisors' chat.

Only ever applied when `hotline run` starts the sandbox (no Telegram token). With a real token,
`prepare_demo(..., sandbox=False)` takes the demo advisors off again: the sandbox's made-up
user ids could belong to real Telegram accounts, which must never see officials' details.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace

from bot.sandbox.state import DEFAULT_ADVISOR_IDS, DEFAULT_GROUP_ID
from routing.errors import UnknownAdvisor

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
    for user_id, _name, _role in DEMO_ADVISORS:
        advisor = container.advisors.get(user_id)
        if advisor is not None and advisor.name.endswith(DEMO_MARK):
            with contextlib.suppress(UnknownAdvisor):  # removed in between: nothing to do
                container.advisors.remove(user_id)
