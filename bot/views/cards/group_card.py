"""The ticket's card in the advisors' group: its status once, who holds it, and clock times.

Times are written as clock times ("déposée le mardi 1er décembre à 14h05", "prise en charge à
14h20 par Alice") so an edited card never shows a duration that has gone stale.
"""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import ticket_texts as t
from bot.views.appointment_time import PARIS, french_date, french_time
from bot.views.callbacks import Claim
from bot.views.rendering import Reply, escape
from bot.views.ticket_views import slot_lines, summary, topics
from routing.tickets.model import TicketStatus

ERASED = "erased"


def clock_time(moment: datetime, since: datetime) -> str:
    """Return "à 14h20", or "le mercredi 2 décembre à 9h" when not on the day of `since`."""
    local, first = moment.astimezone(PARIS), since.astimezone(PARIS)
    if local.date() == first.date():
        return f"à {french_time(local)}"
    return f"le {french_date(local)}"


def appointment_word(status: str | None) -> str:
    """Return the word both sides read for a booked call: proposé, confirmé or annulé."""
    return t.APPOINTMENT_STATUS.get(status or "", t.APPOINTMENT_STATUS["proposed"])


def card_status(card: dict) -> str:
    """Return the one status line of the card, with its one emoji."""
    status = card.get("status", "new")
    holder = escape(card.get("holder") or t.SOMEONE)
    if status == TicketStatus.SCHEDULED:
        word = appointment_word(card.get("appointment_status"))
        return t.CARD_STATUS[status].format(holder=holder, appointment=word)
    return t.CARD_STATUS.get(status, status).format(holder=holder)


def timeline(card: dict) -> list[str]:
    """Return when the ticket was left, taken and closed, as clock times."""
    created = datetime.fromisoformat(card["created_at"])
    lines = [t.CARD_CREATED.format(at=french_date(created))]
    status = card.get("status", "new")
    claimed = card.get("claimed_at")
    if claimed and status in (*t.HELD_STATUSES, TicketStatus.RESOLVED):
        at = clock_time(datetime.fromisoformat(claimed), created)
        who = escape(card.get("claimed_by") or card.get("holder") or t.SOMEONE)
        lines.append(t.CARD_CLAIMED.format(at=at, holder=who))
    if card.get("appointment") and status in t.HELD_STATUSES:
        when = french_date(datetime.fromisoformat(card["appointment"]))
        word = appointment_word(card.get("appointment_status"))
        lines.append(t.CARD_APPOINTMENT.format(when=when, status=word))
    closed = card.get("closed_at")
    if closed and status in t.CARD_CLOSED_AT:
        at = clock_time(datetime.fromisoformat(closed), created)
        holder = escape(card.get("holder") or t.SOMEONE)
        lines.append(t.CARD_CLOSED_AT[status].format(at=at, holder=holder))
    return lines


def group_card(card: dict, now: datetime | None = None) -> Reply:
    """The card from the domain's card payload (no phone, no e-mail); `now` is not used."""
    if card.get("status") == ERASED:
        return Reply(t.CARD_ERASED.format(number=card["number"]))
    status = TicketStatus(card.get("status", "new"))
    suggested = card.get("suggested_advisor")
    text = t.CARD.format(
        number=card["number"],
        status=card_status(card),
        question=summary(card.get("question", "")),
        topics=topics([topic["title"] for topic in card.get("topics", [])]),
        collectivite=escape(card.get("collectivite", "")),
        role=t.ROLES.get(card.get("official_role", ""), ""),
        channel=t.CHANNEL_NAMES.get(card.get("channel", ""), ""),
        slots=slot_lines([datetime.fromisoformat(slot) for slot in card.get("slots", [])]),
        times="\n".join(timeline(card)),
    )
    if status != TicketStatus.NEW:
        return Reply(text)
    text += "\n" + t.CARD_SUGGESTED.format(name=escape(suggested) if suggested else t.NOBODY)
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=t.CLAIM, callback_data=Claim(t=card["ticket_id"]))
    return Reply(text, keyboard.as_markup())
