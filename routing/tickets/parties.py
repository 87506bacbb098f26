"""Who is told what at each change of a ticket: the one table the actions follow.

Each change names the status moves it makes (checked against TRANSITIONS by the tests) and,
for each party, the notifications that party receives. The actions build the payloads; the
core refuses to send to a party the table does not name, and to forget one it names.
Group payloads never carry the phone number or e-mail; only `private_payload`, sent to the
advisor holding the ticket, does. Times are ISO 8601 strings in the calendar's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from routing.tickets.model import HELD, Ticket, TicketStatus
from routing.tickets.outbox import NotificationKind as N

S = TicketStatus
OPEN = frozenset({S.NEW, *HELD})


class Party(StrEnum):
    """Someone a change of a ticket may concern."""

    OFFICIAL = "official"  # the person who asked
    HOLDER = "holder"  # the advisor holding the ticket after the change
    PREVIOUS_HOLDER = "previous_holder"  # the advisor who held it before (release, transfer)
    CARD = "card"  # the ticket's card in the advisors' group (edited in place)
    GROUP = "group"  # a new message in the advisors' group
    STAFF = "staff"  # the staff chat (or each staff member)


@dataclass(frozen=True)
class Change:
    """A kind of change: the status moves it makes and what each party receives."""

    moves: frozenset[tuple[TicketStatus, TicketStatus]]
    told: dict[Party, tuple[N, ...]] = field(default_factory=dict)


def _moves(sources, target) -> frozenset[tuple[TicketStatus, TicketStatus]]:
    return frozenset((source, target) for source in sources)


def _same(statuses) -> frozenset[tuple[TicketStatus, TicketStatus]]:
    return frozenset((status, status) for status in statuses)


CARD = (N.GROUP_CARD_UPDATE,)
CHANGES: dict[str, Change] = {
    "open": Change(frozenset(), {Party.CARD: (N.GROUP_CARD,)}),
    "claim": Change(
        _moves({S.NEW}, S.CLAIMED),
        {
            Party.HOLDER: (N.TICKET_TO_ADVISOR,),
            Party.OFFICIAL: (N.CLAIMED_TO_OFFICIAL,),
            Party.CARD: CARD,
        },
    ),
    # The official is not told who left: only that the request waits for someone again.
    "release": Change(
        _moves(HELD, S.NEW),
        {
            Party.OFFICIAL: (N.RELEASED_TO_OFFICIAL,),
            Party.PREVIOUS_HOLDER: (N.TICKET_MESSAGE_EDIT,),
            Party.CARD: CARD,
            Party.GROUP: (N.RELEASED_TO_GROUP,),
        },
    ),
    "transfer": Change(
        _same(HELD),
        {
            Party.OFFICIAL: (N.CLAIMED_TO_OFFICIAL,),
            Party.HOLDER: (N.TRANSFERRED,),
            Party.PREVIOUS_HOLDER: (N.TICKET_MESSAGE_EDIT,),
            Party.CARD: CARD,
        },
    ),
    "book": Change(
        _moves(HELD, S.SCHEDULED),
        {Party.OFFICIAL: (N.APPOINTMENT_TO_OFFICIAL,), Party.CARD: CARD},
    ),
    "confirm": Change(
        _same({S.SCHEDULED}),
        {Party.HOLDER: (N.APPOINTMENT_CONFIRMED,), Party.CARD: CARD},
    ),
    "reslot": Change(
        _moves({S.SCHEDULED}, S.CLAIMED),
        {Party.HOLDER: (N.RESLOT_ASKED,), Party.CARD: CARD},
    ),
    "relay_to_official": Change(
        _moves({S.CLAIMED}, S.WAITING_OFFICIAL) | _same({S.SCHEDULED, S.WAITING_OFFICIAL}),
        {Party.OFFICIAL: (N.RELAY_TO_OFFICIAL,), Party.CARD: CARD},
    ),
    # While no one holds the ticket the message is only attached: the next holder reads it.
    "relay_to_advisor": Change(
        _moves({S.WAITING_OFFICIAL}, S.CLAIMED) | _same({S.NEW, S.CLAIMED, S.SCHEDULED}),
        {Party.HOLDER: (N.RELAY_TO_ADVISOR,), Party.CARD: CARD},
    ),
    "detail": Change(_same(OPEN), {Party.HOLDER: (N.RELAY_TO_ADVISOR,), Party.CARD: CARD}),
    "close": Change(
        _moves(HELD, S.RESOLVED),
        {Party.OFFICIAL: (N.RATING_REQUEST,), Party.CARD: CARD},
    ),
    "cancel": Change(
        _moves(OPEN, S.CANCELLED),
        {Party.HOLDER: (N.CANCELLED_TO_ADVISOR,), Party.CARD: CARD},
    ),
    # The holder's copy with the contact details is edited away, and they are told.
    "erase": Change(
        _moves(OPEN, S.CANCELLED) | _same({S.RESOLVED, S.CANCELLED}),
        {Party.HOLDER: (N.TICKET_MESSAGE_EDIT, N.ERASED_TO_ADVISOR), Party.CARD: CARD},
    ),
    "rate": Change(_same({S.RESOLVED}), {Party.HOLDER: (N.RATING_TO_ADVISOR,)}),
    "reminder": Change(
        _same({S.SCHEDULED}), {Party.OFFICIAL: (N.REMINDER,), Party.HOLDER: (N.REMINDER,)}
    ),
    "sla_group": Change(_same({S.NEW}), {Party.GROUP: (N.SLA_REMINDER_GROUP,)}),
    "sla_staff": Change(_same({S.NEW}), {Party.STAFF: (N.SLA_REMINDER_STAFF,)}),
}


def told(change: str, party: Party) -> tuple[N, ...]:
    """Return what `party` receives at `change` (nothing when the table says nothing)."""
    return CHANGES[change].told.get(party, ())


def changes_making(source: TicketStatus, target: TicketStatus) -> list[str]:
    """Return the changes that move a ticket from `source` to `target`."""
    return [name for name, change in CHANGES.items() if (source, target) in change.moves]


# -- payloads ---------------------------------------------------------------------------
QUESTION_IN_CARD = 600


def iso(at: datetime | None, tz: ZoneInfo) -> str | None:
    """Return an aware datetime as ISO 8601 in `tz` (None stays None)."""
    return at.astimezone(tz).isoformat() if at else None


def card_payload(
    ticket: Ticket,
    topics: list[dict],
    tz: ZoneInfo,
    suggested: str | None = None,
    holder: str | None = None,
) -> dict:
    """Return what the advisors' group card shows: no contact details, ever.

    `holder` names who holds the ticket, or who handled it once it is resolved.
    """
    question = ticket.question.strip()
    if len(question) > QUESTION_IN_CARD:
        question = question[: QUESTION_IN_CARD - 1] + "…"
    return {
        "ticket_id": ticket.id,
        "number": ticket.number,
        "status": str(ticket.status),
        "question": question,
        "topics": topics,
        "collectivite": ticket.collectivite,
        "official_role": str(ticket.official_role),
        "channel": str(ticket.channel),
        "slots": [iso(slot, tz) for slot in ticket.slots],
        "created_at": iso(ticket.created_at, tz),
        "claimed_at": iso(ticket.claimed_at, tz),
        "closed_at": iso(ticket.closed_at or ticket.resolved_at, tz),
        "suggested_advisor": suggested,
        "holder": holder,
        "holder_id": ticket.advisor_id if ticket.status.is_held else None,
        "appointment": iso(ticket.appointment, tz),
        "appointment_status": str(ticket.appointment_status or "") or None,
    }


def erased_card(ticket_id: int, number: int) -> dict:
    """Return the card of a ticket whose official erased their data: its number, nothing else."""
    return {"ticket_id": ticket_id, "number": number, "status": "erased"}


def private_payload(
    ticket: Ticket, topics: list[dict], tz: ZoneInfo, official_name: str, holder: str | None
) -> dict:
    """Return the full ticket for the advisor who holds it, contact details included."""
    payload = card_payload(ticket, topics, tz, holder=holder)
    payload.update(
        {
            "question": ticket.question,
            "official_id": ticket.official_id,
            "official_name": official_name,
            "phone": ticket.phone,
            "email": ticket.email,
            "appointment_channel": str(ticket.appointment_channel or "") or None,
            "appointment_link": ticket.appointment_link,
            "waiting_messages": [],
        }
    )
    return payload


def short_payload(ticket: Ticket, **extra) -> dict:
    """Return the ticket reference every other notification starts from."""
    return {"ticket_id": ticket.id, "number": ticket.number, **extra}
