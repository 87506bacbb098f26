"""Payloads of the ticket notifications: plain JSON the bot renders to French HTML.

Group payloads never carry the phone number or e-mail; only `private_payload`, sent to the
advisor holding the ticket, does. Times are ISO 8601 strings in the calendar's time zone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from routing.tickets.model import Ticket

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
    """Return what the advisors' group card shows: no contact details, ever."""
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
        "suggested_advisor": suggested,
        "holder": holder,
        "holder_id": ticket.advisor_id if ticket.status.is_held else None,
        "appointment": iso(ticket.appointment, tz),
    }


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
        }
    )
    return payload


def short_payload(ticket: Ticket, **extra) -> dict:
    """Return the ticket reference every other notification starts from."""
    return {"ticket_id": ticket.id, "number": ticket.number, **extra}
