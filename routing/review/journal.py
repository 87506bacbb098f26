"""The staff action log in words: who (by name), which action, on which entry or text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

# Actions about an entry carry its slug; "texte_signale" carries a reference like "CGCT L1112-16".
ENTRY_ACTIONS = {
    "fiche_modifiee",
    "fiche_publiee",
    "fiche_archivee",
    "fiche_restauree",
    "fiche_verifiee",
    "questions_ajoutees",
    "brouillon_cree",
}
TEXT_ACTIONS = {"texte_signale"}
COUNT_ACTIONS = {"questions_ignorees"}
VERSIONED = re.compile(r"^(?P<action>[a-z_]+?)_v(?P<number>\d+)$")


@dataclass(frozen=True)
class JournalLine:
    """One staff action, ready to be worded: names and titles instead of ids and slugs."""

    at: datetime
    who: str | None  # None: the account no longer exists
    action: str
    number: int | None  # the version restored, or how many questions were dismissed
    target_kind: str  # "fiche", "texte" or "" (nothing to link to)
    target: str  # slug or reference
    target_label: str  # entry title or reference


class Journal:
    """Read the latest staff actions with the names and titles staff know."""

    def __init__(self, uow_factory: Callable) -> None:
        self.uow_factory = uow_factory

    def latest(self, limit: int = 200) -> list[JournalLine]:
        """Return the latest actions, newest first."""
        with self.uow_factory() as uow:
            actions = uow.backoffice.actions(limit)
            names = uow.people.names(a.user_id for a in actions)
            titles = {e.slug: e.title for e in uow.entries.list()}
        lines = []
        for item in actions:
            action, number = item.action, None
            versioned = VERSIONED.match(action)
            if versioned:
                action, number = versioned["action"], int(versioned["number"])
            kind, label = "", ""
            if action in ENTRY_ACTIONS and item.target:
                kind, label = "fiche", titles.get(item.target, item.target)
            elif action in TEXT_ACTIONS:
                kind, label = "texte", item.target
            elif action in COUNT_ACTIONS and item.target.isdigit():
                number = int(item.target)
            lines.append(
                JournalLine(
                    item.at, names.get(item.user_id), action, number, kind, item.target, label
                )
            )
        return lines
