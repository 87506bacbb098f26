"""Which advisor to suggest for a ticket: skills first, then load, then round robin."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from routing.records import Role
from routing.tickets.model import Advisor

NEVER = datetime.min.replace(tzinfo=UTC)


def suggest(
    advisors: Iterable[Advisor], topics: Iterable[str], groups: Iterable[str] = ()
) -> Advisor | None:
    """Return the advisor to name on the card, or None when nobody is registered.

    Among the active advisors (staff only when there is no advisor) whose skills match one of
    the ticket's slugs or groups (or all of them when none matches), take the one with the
    fewest open tickets; on a tie, the one who was given a ticket longest ago (never first),
    then the lowest id so it is stable.
    """
    helpers = [a for a in advisors if a.active]
    # Staff take tickets only when no advisor is registered.
    active = [a for a in helpers if a.role == Role.ADVISOR] or helpers
    wanted = set(topics) | set(groups)
    skilled = [a for a in active if wanted & set(a.skills)]
    pool = skilled or active
    if not pool:
        return None
    return min(pool, key=lambda a: (a.open_tickets, a.last_assigned_at or NEVER, a.user_id))
