"""What every ticket action shares: loading, authorising from the DB, logging, notifying."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from routing.errors import InvalidTransition, NotAllowed, TicketNotFound
from routing.records import Role
from routing.tickets.business_hours import BusinessCalendar, Clock
from routing.tickets.model import Advisor, Ticket, TicketStatus
from routing.tickets.notices import card_payload, private_payload
from routing.tickets.outbox import Notification, NotificationKind

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
        if not ticket.status.is_held:
            raise InvalidTransition(ticket_id, str(ticket.status), action)
        if ticket.advisor_id != advisor_id and not (staff_too and actor.role == Role.STAFF):
            raise NotAllowed(action, advisor_id)
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
        holder = self._name(uow, ticket.advisor_id) if ticket.status.is_held else None
        suggested = self._name(uow, ticket.suggested_advisor_id)
        return card_payload(ticket, self._topics(uow, ticket), self.calendar.tz, suggested, holder)

    def _private(self, uow, ticket: Ticket) -> dict:
        official = self._name(uow, ticket.official_id) or ""
        holder = self._name(uow, ticket.advisor_id)
        return private_payload(
            ticket, self._topics(uow, ticket), self.calendar.tz, official, holder
        )

    def _card_update(self, uow, ticket_id: int, event_id: int) -> None:
        ticket = self._ticket(uow, ticket_id)
        kind = NotificationKind.GROUP_CARD_UPDATE
        key = f"card-update:{ticket_id}:{event_id}"
        self._notify(uow, self.policy.advisors_chat_id, kind, self._card(uow, ticket), key)

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
