"""Taking updates in once, and blocking people: the decisions, stored in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from routing.safety.records import Block


@dataclass(frozen=True)
class Admission:
    """Whether an incoming update is handled, and whether to tell its sender they are blocked."""

    fresh: bool  # False: Telegram delivered this update before; it was already taken in
    blocked: bool = False
    notify_block: bool = False  # True once per block: send the polite message now


class ModerationService:
    """Deduplicates updates and keeps the block list (staff decisions)."""

    def __init__(self, uow_factory: Callable, owner: int | None = None) -> None:
        self.uow_factory = uow_factory
        # Set in a cluster: this process's number, so that another can take over its updates
        # in hand if it dies (see storage/safety/reliability.py).
        self.owner = owner

    def admit(self, update_id: int, user_id: int | None) -> Admission:
        """Record an update and look its sender up, in one transaction."""
        with self.uow_factory() as uow:
            if self.owner is None:
                fresh = uow.updates.first_delivery(update_id)
            else:
                fresh = uow.updates.first_delivery(update_id, owner=self.owner)
            if not fresh:
                return Admission(fresh=False)
            block = uow.blocks.get(user_id) if user_id else None
            notify = block is not None and uow.blocks.claim_notification(user_id)
            uow.commit()
        return Admission(fresh=True, blocked=block is not None, notify_block=notify)

    def count_sent(self, update_id: int) -> None:
        """Record that a message went out for an update (in a cluster only)."""
        if self.owner is None:
            return
        with self.uow_factory() as uow:
            uow.updates.count_sent(update_id)
            uow.commit()

    def finish(self, update_id: int) -> None:
        """Record that an update was handled (in a cluster only: else nothing to record)."""
        if self.owner is None:
            return
        with self.uow_factory() as uow:
            uow.updates.finish(update_id)
            uow.commit()

    def block(self, user_id: int, reason: str | None = None, by: int | None = None) -> Block:
        """Block a person: their messages are no longer handled and their tickets not posted."""
        with self.uow_factory() as uow:
            block = uow.blocks.block(user_id, reason, by)
            # A blocked staff member's back-office sessions and links end with the block.
            uow.access.revoke(user_id, block.blocked_at)
            uow.commit()
        return block

    def unblock(self, user_id: int) -> bool:
        """Lift a block; False when the person was not blocked."""
        with self.uow_factory() as uow:
            lifted = uow.blocks.unblock(user_id)
            uow.commit()
        return lifted

    def is_blocked(self, user_id: int) -> bool:
        """Tell whether a person is blocked."""
        with self.uow_factory() as uow:
            return uow.blocks.get(user_id) is not None

    def withholds_ticket(self, ticket_id: int) -> bool:
        """Tell whether a ticket's official is blocked: its card and reminders stay unposted."""
        with self.uow_factory() as uow:
            ticket = uow.tickets.get(ticket_id)
            return ticket is not None and uow.blocks.get(ticket.official_id) is not None

    def blocked(self) -> list[Block]:
        """Return the blocked people, most recent first."""
        with self.uow_factory() as uow:
            return uow.blocks.list()
