"""What every ticket action shares: loading, authorising from the DB, logging, notifying."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from routing.errors import (
    InvalidTransition,
    NoLongerHeld,
    NotAllowed,
    NotHolder,
    TicketNotFound,
)
from routing.records import Role
from routing.tickets.business_hours import BusinessCalendar, Clock
from routing.tickets.model import Advisor, Ticket, TicketStatus
from routing.tickets.outbox import Notification, NotificationKind
from routing.tickets.parties import CHANGES, Party, card_payload, private_payload, short_payload

HELPER_ROLES = (Role.ADVISOR, Role.STAFF)
MAX_TEXT = 4000
SLA_JOBS = ("sla_group", "sla_staff")
REMINDER_JOBS = ("reminder",)


@dataclass(frozen=True)
class TicketPolicy:
    """Where notifications go and when an unclaimed ticket is reminded or escalated."""

    advisors_chat_id: int | None = None
    staff_chat_id: int | None = None
    claim_reminder: timedelta = timedelta(minutes=60)
    staff_escalation: timedelta = timedelta(minutes=240)
    max_open_requests: int = 3  # per official
    rating_comment_wait: timedelta = timedelta(minutes=5)  # then the rating goes without it


class TicketCore:
    """State and helpers of the ticket service; the actions live in the classes built on it."""

    def __init__(
        self,
        uow_factory: Callable,
        calendar: BusinessCalendar,
        clock: Clock,
        policy: TicketPolicy | None = None,
        answers=None,
    ) -> None:
        self.uow_factory = uow_factory
        self.calendar = calendar
        self.clock = clock
        self.policy = policy or TicketPolicy()
        self.answers = answers

    def _ticket(self, uow, ticket_id: int) -> Ticket:
        ticket = uow.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    def _helper(self, uow, user_id: int, action: str) -> Advisor:
        """Return the advisor or staff member, as users.role says, or refuse."""
        person = uow.users.get(user_id)
        if person is None or person.role not in HELPER_ROLES:
            raise NotAllowed(action, user_id)
        advisor = uow.advisors.get(user_id)
        if advisor is None:  # given the role by other means than the directory
            return Advisor(user_id, person.first_name or str(user_id), person.role)
        if not advisor.active:
            raise NotAllowed(action, user_id)
        return advisor

    def _held(self, uow, ticket_id: int, advisor_id: int, action: str, staff_too=False):
        """Return (ticket, actor) when the actor holds the ticket (or is staff, if allowed)."""
        actor = self._helper(uow, advisor_id, action)
        ticket = self._ticket(uow, ticket_id)
        if ticket.status == TicketStatus.NEW:
            raise NoLongerHeld(ticket_id)
        if not ticket.status.is_held:
            raise InvalidTransition(ticket_id, str(ticket.status), action)
        if ticket.advisor_id != advisor_id and not (staff_too and actor.role == Role.STAFF):
            raise NotHolder(ticket_id, self._name(uow, ticket.advisor_id) or "un·e collègue")
        return ticket, actor

    def _own(self, uow, ticket_id: int, official_id: int, action: str) -> Ticket:
        ticket = self._ticket(uow, ticket_id)
        if ticket.official_id != official_id:
            raise NotAllowed(action, official_id)
        return ticket

    def _move(self, uow, ticket: Ticket, target: TicketStatus, action: str, **changes) -> None:
        """Apply an allowed transition, guarded on the status (and holder) we read."""
        if not ticket.status.can_become(target):
            raise InvalidTransition(ticket.id, str(ticket.status), action)
        self._guarded(uow, ticket, target, action, **changes)

    def _guarded(self, uow, ticket: Ticket, target: TicketStatus, action: str, **changes):
        holder = ticket.advisor_id if ticket.status.is_held else None
        if not uow.tickets.move(ticket.id, [ticket.status], target, holder, **changes):
            current = uow.tickets.get(ticket.id)
            raise InvalidTransition(ticket.id, str(current.status if current else "?"), action)

    def _log(self, uow, ticket_id: int, actor_id: int | None, kind: str, detail="") -> int:
        return uow.tickets.add_event(ticket_id, self.clock.now(), actor_id, str(kind), detail)

    def _notify(
        self, uow, chat_id: int | None, kind: str, payload: dict, key: str, due_at=None
    ) -> bool:
        if chat_id is None:
            return False
        now = self.clock.now()
        notification = Notification(chat_id, str(kind), payload, due_at or now, key)
        return uow.outbox.add(notification, now)

    def _schedule(self, uow, kind: str, ticket_id: int, due_at: datetime, key: str, **payload):
        uow.jobs.add(kind, ticket_id, due_at, payload, key)

    def _schedule_sla(self, uow, ticket_id: int, round_key: str) -> None:
        now, policy = self.clock.now(), self.policy
        first = self.calendar.add_business_time(now, policy.claim_reminder)
        second = self.calendar.add_business_time(now, policy.staff_escalation)
        self._schedule(uow, SLA_JOBS[0], ticket_id, first, f"sla-group:{ticket_id}:{round_key}")
        self._schedule(uow, SLA_JOBS[1], ticket_id, second, f"sla-staff:{ticket_id}:{round_key}")

    def _name(self, uow, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        advisor = uow.advisors.get(user_id)
        if advisor is not None:
            return advisor.name
        person = uow.users.get(user_id)
        return person.first_name if person and person.first_name else None

    def _topics(self, uow, ticket: Ticket) -> list[dict]:
        topics = []
        for slug in ticket.topic_slugs:
            entry = uow.entries.get(slug)
            topics.append({"slug": slug, "title": entry.title if entry else slug})
        return topics

    def _card(self, uow, ticket: Ticket) -> dict:
        shown = ticket.status.is_held or ticket.status == TicketStatus.RESOLVED
        holder = self._name(uow, ticket.advisor_id) if shown else None
        suggested = self._name(uow, ticket.suggested_advisor_id)
        card = card_payload(ticket, self._topics(uow, ticket), self.calendar.tz, suggested, holder)
        claims = [e.actor_id for e in uow.tickets.events(ticket.id) if e.kind == "claimed"]
        card["claimed_by"] = self._name(uow, claims[-1]) if claims else None
        return card

    def _private(self, uow, ticket: Ticket) -> dict:
        official = self._name(uow, ticket.official_id) or ""
        holder = self._name(uow, ticket.advisor_id)
        return private_payload(
            ticket, self._topics(uow, ticket), self.calendar.tz, official, holder
        )

    def _tell(
        self,
        uow,
        change: str,
        before: Ticket,
        event: int | str,
        payloads: dict[Party, dict] | None = None,
        skip: set[Party] = frozenset(),
    ) -> int:
        """Queue what the parties table says each party gets at `change`; return how many.

        `before` is the ticket as read before the change; payloads default to the ticket's
        reference (the card always shows the ticket as it is now).
        """
        told, payloads = CHANGES[change].told, payloads or {}
        if not set(payloads) <= set(told):
            raise ValueError(f"{change}: {set(payloads) - set(told)} not told by the table")
        after = uow.tickets.get(before.id) or before
        queued = 0
        for party, kinds in told.items():
            if party in skip:
                continue
            for chat in self._chats_of(uow, party, before, after):
                for kind in kinds:
                    payload = self._payload_for(uow, party, kind, chat, after, payloads)
                    key = (
                        f"card:{before.id}"
                        if kind == NotificationKind.GROUP_CARD
                        else (f"{change}:{kind}:{before.id}:{event}:{chat}")
                    )
                    queued += self._notify(uow, chat, kind, payload | {"change": change}, key)
        return queued

    def _chats_of(self, uow, party: Party, before: Ticket, after: Ticket) -> list[int]:
        if party == Party.OFFICIAL:
            chats = [before.official_id]
        elif party == Party.HOLDER:
            chats = [after.advisor_id]
        elif party == Party.PREVIOUS_HOLDER:
            moved = before.status.is_held and before.advisor_id != after.advisor_id
            chats = [before.advisor_id] if moved else []
        elif party in (Party.CARD, Party.GROUP):
            chats = [self.policy.advisors_chat_id]
        else:
            chats = self._staff_chats(uow)
        return [chat for chat in chats if chat]

    def _payload_for(self, uow, party, kind, chat: int, after: Ticket, payloads) -> dict:
        if party == Party.CARD and party not in payloads:
            return self._card(uow, after)
        payload = dict(payloads.get(party) or short_payload(after))
        if kind == NotificationKind.TICKET_MESSAGE_EDIT and "message_id" not in payload:
            payload["message_id"] = uow.outbox.ticket_message(chat, after.id)
            payload["holder"] = self._name(uow, after.advisor_id) if after.status.is_held else None
        return payload

    def _staff_chats(self, uow) -> list[int]:
        if self.policy.staff_chat_id is not None:
            return [self.policy.staff_chat_id]
        return [a.user_id for a in uow.advisors.list(active_only=True) if a.role == Role.STAFF]

    def _show(self, ticket: Ticket, viewer_id: int | None) -> Ticket:
        """Return the ticket in local time; contact details only for its holder or official."""
        tz = self.calendar.tz
        shown = replace(
            ticket,
            slots=tuple(slot.astimezone(tz) for slot in ticket.slots),
            appointment=ticket.appointment.astimezone(tz) if ticket.appointment else None,
        )
        if viewer_id is not None and viewer_id in (ticket.official_id, ticket.advisor_id):
            return shown
        return replace(shown, phone=None, email=None)

    @staticmethod
    def _text(text: str | None) -> str:
        return (text or "").strip()[:MAX_TEXT]
