"""Ticket domain records: statuses and their allowed transitions, tickets, events, requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from routing.records import Role


class TicketStatus(StrEnum):
    """Where a ticket is in its life; only the moves in TRANSITIONS are allowed."""

    NEW = "new"
    CLAIMED = "claimed"
    SCHEDULED = "scheduled"
    WAITING_OFFICIAL = "waiting_official"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"

    def can_become(self, other: TicketStatus) -> bool:
        """Tell whether a ticket in this status may move to `other`."""
        return other in TRANSITIONS[self]

    @property
    def is_open(self) -> bool:
        """Tell whether the ticket still needs work (not resolved nor cancelled)."""
        return self not in (TicketStatus.RESOLVED, TicketStatus.CANCELLED)

    @property
    def is_held(self) -> bool:
        """Tell whether an advisor holds the ticket (claimed, scheduled or waiting)."""
        return self in HELD


S = TicketStatus
HELD = frozenset({S.CLAIMED, S.SCHEDULED, S.WAITING_OFFICIAL})

# Release goes back to NEW; booking again keeps SCHEDULED; "another slot" goes back to CLAIMED;
# a reply from the official ends WAITING_OFFICIAL. Resolved and cancelled tickets are final.
TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    S.NEW: frozenset({S.CLAIMED, S.CANCELLED}),
    S.CLAIMED: frozenset({S.NEW, S.SCHEDULED, S.WAITING_OFFICIAL, S.RESOLVED, S.CANCELLED}),
    # A message to the official while a call is booked keeps the booking (and its reminders).
    S.SCHEDULED: frozenset({S.NEW, S.CLAIMED, S.SCHEDULED, S.RESOLVED, S.CANCELLED}),
    S.WAITING_OFFICIAL: frozenset({S.NEW, S.CLAIMED, S.SCHEDULED, S.RESOLVED, S.CANCELLED}),
    S.RESOLVED: frozenset(),
    S.CANCELLED: frozenset(),
}


def sources_of(target: TicketStatus) -> frozenset[TicketStatus]:
    """Return the statuses from which a ticket may move to `target`."""
    return frozenset(s for s, targets in TRANSITIONS.items() if target in targets)


class Channel(StrEnum):
    """How the advisor calls the official back."""

    PHONE = "telephone"
    VIDEO = "visio"


class AppointmentStatus(StrEnum):
    """Where a booked call stands; both sides read the same word (proposé, confirmé, annulé)."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class OfficialRole(StrEnum):
    """What the person asking is in their collectivité."""

    ELU = "elu"
    AGENT = "agent"
    OTHER = "autre"


class EventKind(StrEnum):
    """What happened to a ticket, as written in its event log."""

    CREATED = "created"
    CLAIMED = "claimed"
    RELEASED = "released"
    TRANSFERRED = "transferred"
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    RESLOT_ASKED = "reslot_asked"
    RELAYED_TO_ADVISOR = "relayed_to_advisor"
    RELAYED_TO_OFFICIAL = "relayed_to_official"
    DETAIL_ADDED = "detail_added"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"
    RATED = "rated"
    REMINDED = "reminded"
    SLA_REMINDED = "sla_reminded"
    DRAFT_CREATED = "draft_created"
    ERASED = "erased"


@dataclass(frozen=True)
class Ticket:
    """A question handed to the human advisors, and everything that happened to it since."""

    id: int
    official_id: int
    question: str
    collectivite: str
    official_role: OfficialRole
    channel: Channel
    phone: str | None
    email: str | None
    slots: tuple[datetime, ...]
    consent: bool
    status: TicketStatus
    created_at: datetime
    advisor_id: int | None = None
    suggested_advisor_id: int | None = None
    topic_slugs: tuple[str, ...] = ()
    claimed_at: datetime | None = None
    resolved_at: datetime | None = None
    appointment: datetime | None = None
    appointment_channel: Channel | None = None
    appointment_link: str | None = None
    resolution: str | None = None
    rating: int | None = None
    rating_comment: str | None = None
    group_message_id: int | None = None
    question_id: int | None = None
    appointment_status: AppointmentStatus | None = None
    closed_at: datetime | None = None

    @property
    def number(self) -> int:
        """Return the number shown to people ("n° 12")."""
        return self.id

    @property
    def has_contact(self) -> bool:
        """Tell whether this copy carries the phone or e-mail (only the claimer's does)."""
        return bool(self.phone or self.email)


@dataclass(frozen=True)
class TicketEvent:
    """One line of a ticket's event log: who did what, when."""

    ticket_id: int
    at: datetime
    actor_id: int | None
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class IntakeRequest:
    """What the bot collected from the official before opening a ticket."""

    official_id: int
    question: str
    collectivite: str
    official_role: OfficialRole
    channel: Channel
    phone: str | None = None
    email: str | None = None
    slots: list[datetime] = field(default_factory=list)
    consent: bool = False
    question_id: int | None = None


@dataclass(frozen=True)
class LastDetails:
    """What an official gave in their last request, offered again (editable) in the next one."""

    collectivite: str
    official_role: OfficialRole
    channel: Channel
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class OpenedTicket:
    """A freshly opened ticket, when to expect an answer, and whether the office is closed."""

    ticket: Ticket
    expected_response: datetime
    outside_hours: bool


@dataclass(frozen=True)
class Advisor:
    """A registered advisor or staff member, with the skills used to suggest them."""

    user_id: int
    name: str
    role: Role
    active: bool = True
    skills: tuple[str, ...] = ()
    last_assigned_at: datetime | None = None
    open_tickets: int = 0


@dataclass(frozen=True)
class Job:
    """Scheduled work on a ticket (a reminder, an SLA check), checked again when it falls due."""

    id: int
    kind: str
    ticket_id: int | None  # None for jobs of other features (orientation)
    due_at: datetime
    payload: dict = field(default_factory=dict)
