"""Tickets as Telegram messages: the officials' list, the advisors' card, ticket and lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import ticket_texts as t
from bot.views.appointment_time import PARIS, french_date
from bot.views.callbacks import Claim, OfficialTicket, TicketAction, TransferTo
from bot.views.rendering import Reply, escape, short_label
from routing.tickets.business_hours import french_date as french_day
from routing.tickets.contact import format_phone
from routing.tickets.model import Advisor, Ticket

MAX_LISTED = 10
SUMMARY_CHARS = 300


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Return the start of a user text, escaped, cut on a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return escape(text)


def waited(since: datetime, now: datetime) -> str:
    """Return "3 min", "2 h 05" or "3 j" for the time elapsed since `since`."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes // (24 * 60)} j"


def slot_lines(slots: Sequence[datetime]) -> str:
    """One bullet per preferred half-day ("• mardi 1er décembre, matin")."""
    lines = []
    for start in slots:
        local = start.astimezone(PARIS)
        part = "matin" if local.hour < 12 else "après-midi"
        lines.append(f"• {french_day(local)}, {part}")
    return "\n".join(lines) or t.NOBODY


def topics(titles: Sequence[str]) -> str:
    """The knowledge-base entries the bot found, escaped."""
    return ", ".join(escape(title) for title in titles) or t.NO_TOPIC


def status_label(status: str, appointment_status: str | None = None) -> str:
    """Return a ticket's status in words; a booked call says proposé or confirmé."""
    word = t.APPOINTMENT_STATUS.get(appointment_status or "proposed", "proposé")
    return t.STATUS.get(status, status).format(appointment=word)


def appointment_line(ticket: Ticket) -> str:
    """Return the booked call (date, time, channel, status), or "" when there is none."""
    if ticket.appointment is None or ticket.appointment_status is None:
        return ""
    channel = ticket.appointment_channel or ticket.channel
    return t.MY_APPOINTMENT_LINE.format(
        when=french_date(ticket.appointment),
        channel=t.CHANNEL_NAMES.get(channel.value, ""),
        status=t.APPOINTMENT_STATUS[ticket.appointment_status.value],
    )


def official_tickets(tickets: Sequence[Ticket], header: str = t.MY_TICKETS) -> Reply:
    """/mes_demandes: each ticket with its status and its appointment; open ones get
    "Préciser" and "Annuler"."""
    if not tickets:
        return Reply(t.NO_TICKETS)
    lines, keyboard = [header], InlineKeyboardBuilder()
    for ticket in tickets[:MAX_LISTED]:
        appointment = ticket.appointment_status and ticket.appointment_status.value
        status = status_label(ticket.status.value, appointment)
        question = summary(ticket.question, 120)
        line = t.MY_TICKET_LINE.format(number=ticket.number, status=status, question=question)
        lines.append(line + appointment_line(ticket))
        if ticket.status.is_open:
            keyboard.button(
                text=t.ADD_DETAIL.format(number=ticket.number),
                callback_data=OfficialTicket(a="detail", t=ticket.id),
            )
            keyboard.button(
                text=t.CANCEL_TICKET.format(number=ticket.number),
                callback_data=OfficialTicket(a="cancel", t=ticket.id),
            )
    keyboard.adjust(2)
    return Reply("\n\n".join(lines), keyboard.as_markup())


def ticket_fields(ticket: Ticket, titles: Sequence[str] = ()) -> dict:
    """Return a ticket with the keys of the domain's private payload, for `full_ticket`."""
    return {
        "ticket_id": ticket.id,
        "number": ticket.number,
        "status": ticket.status.value,
        "question": ticket.question,
        "topics": [{"title": title} for title in titles],
        "collectivite": ticket.collectivite,
        "official_role": ticket.official_role.value,
        "channel": ticket.channel.value,
        "slots": [slot.isoformat() for slot in ticket.slots],
        "phone": ticket.phone,
        "email": ticket.email,
        "appointment": ticket.appointment.isoformat() if ticket.appointment else None,
        "appointment_channel": ticket.appointment_channel and ticket.appointment_channel.value,
        "appointment_link": ticket.appointment_link,
        "appointment_status": ticket.appointment_status and ticket.appointment_status.value,
    }


def full_ticket(fields: dict, header: str = "", held: bool = True) -> Reply:
    """The whole ticket for the advisor holding it, contact included, with the actions."""
    phone = fields.get("phone")
    contact = format_phone(phone) if phone else fields.get("email") or t.NOBODY
    status = fields.get("status", "claimed")
    text = t.TICKET_FULL.format(
        number=fields["number"],
        status=status_label(status, fields.get("appointment_status")),
        question=escape(fields.get("question", "")[:3000]),
        collectivite=escape(fields.get("collectivite", "")),
        role=t.ROLES.get(fields.get("official_role", ""), ""),
        channel=t.CHANNEL_NAMES.get(fields.get("channel", ""), ""),
        contact=escape(contact),
        slots=slot_lines([datetime.fromisoformat(slot) for slot in fields.get("slots", [])]),
        topics=topics([topic["title"] for topic in fields.get("topics", [])]),
    )
    if fields.get("official_name"):
        text += "\n" + t.OFFICIAL_LINE.format(name=escape(fields["official_name"]))
    if fields.get("appointment"):
        channel = fields.get("appointment_channel") or fields.get("channel", "")
        when = french_date(datetime.fromisoformat(fields["appointment"]))
        word = t.APPOINTMENT_STATUS.get(fields.get("appointment_status") or "proposed", "")
        text += t.APPOINTMENT_LINE.format(
            when=when, channel=t.CHANNEL_NAMES.get(channel, ""), status=word
        )
    waiting = fields.get("waiting_messages") or []
    if waiting:
        quoted = [t.WAITING_MESSAGE.format(text=summary(text, 600)) for text in waiting]
        text += "\n".join([t.WAITING_MESSAGES, *quoted])
    if header:
        text = f"{header}\n\n{text}"
    markup = actions(fields["ticket_id"]).as_markup() if held else None
    return Reply(text, markup)


def actions(ticket_id: int) -> InlineKeyboardBuilder:
    """The advisor's buttons on a ticket they hold."""
    keyboard = InlineKeyboardBuilder()
    for label, action in (
        (t.REPLY, "reply"),
        (t.BOOK, "book"),
        (t.RELEASE, "release"),
        (t.TRANSFER, "transfer"),
        (t.CLOSE, "close"),
    ):
        keyboard.button(text=label, callback_data=TicketAction(a=action, t=ticket_id))
    keyboard.adjust(2, 2, 1)
    return keyboard


def transfer_choices(ticket: Ticket, advisors: Sequence[Advisor], me: int) -> Reply:
    """One button per other advisor, with their open ticket count."""
    others = [a for a in advisors if a.user_id != me]
    if not others:
        return Reply(t.NO_ONE_TO_TRANSFER)
    keyboard = InlineKeyboardBuilder()
    for advisor in others:
        label = t.TRANSFER_CHOICE.format(
            name=short_label(advisor.name, 30), count=advisor.open_tickets
        )
        keyboard.button(text=label, callback_data=TransferTo(t=ticket.id, u=advisor.user_id))
    keyboard.adjust(1)
    return Reply(t.ASK_TRANSFER.format(number=ticket.number), keyboard.as_markup())


def advisor_tickets(tickets: Sequence[Ticket]) -> Reply:
    """/mes_tickets: the open tickets an advisor holds, each with a button to open it."""
    if not tickets:
        return Reply(t.NO_OPEN_TICKETS)
    lines, keyboard = [t.MY_OPEN_TICKETS], InlineKeyboardBuilder()
    for ticket in tickets[:MAX_LISTED]:
        appointment = ticket.appointment_status and ticket.appointment_status.value
        status = status_label(ticket.status.value, appointment)
        question = summary(ticket.question, 120)
        lines.append(
            t.MY_TICKET_LINE.format(number=ticket.number, status=status, question=question)
        )
        keyboard.button(
            text=t.OPEN_TICKET.format(number=ticket.number),
            callback_data=TicketAction(a="open", t=ticket.id),
        )
    keyboard.adjust(3)
    return Reply("\n\n".join(lines), keyboard.as_markup())


def queue(tickets: Sequence[Ticket], now: datetime) -> Reply:
    """/file: unclaimed tickets, oldest first, each with "Prendre en charge"."""
    if not tickets:
        return Reply(t.QUEUE_EMPTY)
    lines, keyboard = [t.QUEUE], InlineKeyboardBuilder()
    for ticket in tickets[:MAX_LISTED]:
        line = t.QUEUE_LINE.format(
            number=ticket.number,
            collectivite=escape(ticket.collectivite),
            channel=t.CHANNEL_NAMES.get(ticket.channel.value, ""),
            waiting=waited(ticket.created_at, now),
            question=summary(ticket.question, 120),
        )
        lines.append(line)
        keyboard.button(text=f"{t.CLAIM} n° {ticket.number}", callback_data=Claim(t=ticket.id))
    keyboard.adjust(1)
    return Reply("\n\n".join(lines), keyboard.as_markup())
