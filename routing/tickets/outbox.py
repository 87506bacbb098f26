"""The outbox: notifications the domain wants sent, kept in the database until they are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from routing.tickets.business_hours import Clock, SystemClock

# After this many failed attempts a message is given up (kept, with its last error, for staff).
MAX_ATTEMPTS = 8
INTERRUPTED = "interrupted: the bot stopped while sending; not repeated to avoid a duplicate"


class NotificationKind(StrEnum):
    """What a notification is; the bot renders each kind to French HTML."""

    GROUP_CARD = "group_card"
    GROUP_CARD_UPDATE = "group_card_update"
    TICKET_TO_ADVISOR = "ticket_to_advisor"
    CLAIMED_TO_OFFICIAL = "claimed_to_official"
    RELAY_TO_OFFICIAL = "relay_to_official"
    RELAY_TO_ADVISOR = "relay_to_advisor"
    APPOINTMENT_TO_OFFICIAL = "appointment_to_official"
    APPOINTMENT_CONFIRMED = "appointment_confirmed"
    RESLOT_ASKED = "reslot_asked"
    REMINDER = "reminder"
    RATING_REQUEST = "rating_request"
    SLA_REMINDER_GROUP = "sla_reminder_group"
    SLA_REMINDER_STAFF = "sla_reminder_staff"
    RELEASED_TO_GROUP = "released_to_group"
    TRANSFERRED = "transferred"
    CANCELLED_TO_ADVISOR = "cancelled_to_advisor"
    RATING_TO_ADVISOR = "rating_to_advisor"
    RELEASED_TO_OFFICIAL = "released_to_official"
    # Edits the ticket message an advisor received (no buttons, no contact details left).
    TICKET_MESSAGE_EDIT = "ticket_message_edit"
    ERASED_TO_ADVISOR = "erased_to_advisor"


@dataclass(frozen=True)
class Notification:
    """A message to send to one chat, at or after `due_at`; `dedupe_key` makes it unique."""

    chat_id: int
    kind: str
    payload: dict
    due_at: datetime
    dedupe_key: str


@dataclass(frozen=True)
class OutboxItem:
    """A stored notification waiting to be sent.

    `edit_message_id` is filled for card updates with the message id of the ticket's group
    card at the time `due()` is called; an update whose card is still waiting to be sent is
    held back until the card has gone and its id is known.
    """

    id: int
    chat_id: int
    kind: str
    payload: dict
    due_at: datetime
    attempts: int = 0
    edit_message_id: int | None = None
    created_at: datetime | None = None
    last_error: str | None = field(default=None, repr=False)


class OutboxService:
    """What the bot's dispatch loop calls: fetch due messages, then mark them sent or failed."""

    def __init__(self, uow_factory: Callable, clock: Clock | None = None) -> None:
        self.uow_factory = uow_factory
        self.clock = clock or SystemClock()

    def due(self, now: datetime, limit: int = 20) -> list[OutboxItem]:
        """Return unsent messages due at `now`, oldest first, given up ones excluded."""
        with self.uow_factory() as uow:
            items = uow.outbox.due(now, limit, MAX_ATTEMPTS)
            resolved = []
            for item in items:
                ticket_id = item.payload.get("ticket_id")
                if item.kind == NotificationKind.GROUP_CARD_UPDATE and ticket_id is not None:
                    ticket = uow.tickets.get(int(ticket_id))
                    message_id = ticket.group_message_id if ticket else None
                    if message_id is None and uow.outbox.pending_key(f"card:{ticket_id}"):
                        # Wait for the card itself: editing it beats posting a second card.
                        continue
                    item = _with_edit(item, message_id)
                elif item.kind == NotificationKind.TICKET_MESSAGE_EDIT:
                    item = _with_edit(item, item.payload.get("message_id"))
                resolved.append(item)
        return resolved

    def mark_sent(self, item_id: int, message_id: int | None = None) -> None:
        """Record that a message went out (and its Telegram message id, for later edits)."""
        with self.uow_factory() as uow:
            uow.outbox.mark_sent(item_id, message_id, self.clock.now())
            uow.commit()

    def start_sending(self, item_id: int) -> bool:
        """Mark a message as on its way, committed before the send; False if already taken."""
        with self.uow_factory() as uow:
            started = uow.outbox.start_sending(item_id, self.clock.now())
            uow.commit()
            return started

    def abandon_interrupted(self) -> int:
        """At start-up: give up the messages a crash caught mid-send, rather than repeat them.

        Telegram cannot say whether such a message went out; sending it again could show it
        twice, so it is kept with its reason for staff instead. Assumes one bot process.
        """
        with self.uow_factory() as uow:
            count = uow.outbox.abandon_interrupted(INTERRUPTED, MAX_ATTEMPTS)
            uow.commit()
            return count

    def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        """Record a failed attempt; the message is tried again at `retry_at`."""
        with self.uow_factory() as uow:
            uow.outbox.mark_failed(item_id, error[:500], retry_at)
            uow.commit()

    def pending(self) -> int:
        """Return how many messages are still to be sent (due or not)."""
        with self.uow_factory() as uow:
            return uow.outbox.pending_count(MAX_ATTEMPTS)

    def sent(self, chat_id: int | None = None, kind: str | None = None) -> list[OutboxItem]:
        """Return the messages already sent, oldest first, for tests and the back-office."""
        with self.uow_factory() as uow:
            return uow.outbox.sent(chat_id, kind)


def backoff(attempts: int) -> timedelta:
    """Return how long to wait before the next try: 5 s, 10 s, 20 s… capped at 10 minutes."""
    return timedelta(seconds=min(600, 5 * 2 ** max(0, attempts - 1)))


def _with_edit(item: OutboxItem, message_id: int | None) -> OutboxItem:
    return replace(item, edit_message_id=message_id)
