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
from routing.tickets.model import Advisor, Ticket, TicketStatus

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


def official_tickets(tickets: Sequence[Ticket]) -> Reply:
    """/mes_demandes: each ticket with its status; open ones get "Préciser" and "Annuler"."""
    if not tickets:
        return Reply(t.NO_TICKETS)
    lines, keyboard = [t.MY_TICKETS], InlineKeyboardBuilder()
    for ticket in tickets[:MAX_LISTED]:
        status = t.STATUS.get(ticket.status.value, ticket.status.value)
        question = summary(ticket.question, 120)
        lines.append(
            t.MY_TICKET_LINE.format(number=ticket.number, status=status, question=question)
        )
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


def group_card(card: dict, now: datetime) -> Reply:
    """The card in the advisors' group, from the domain's card payload (no phone, no e-mail)."""
    created = datetime.fromisoformat(card["created_at"])
    text = t.CARD.format(
        number=card["number"],
        question=summary(card.get("question", "")),
        topics=topics([topic["title"] for topic in card.get("topics", [])]),
        collectivite=escape(card.get("collectivite", "")),
        role=t.ROLES.get(card.get("official_role", ""), ""),
        channel=t.CHANNEL_NAMES.get(card.get("channel", ""), ""),
        slots=slot_lines([datetime.fromisoformat(slot) for slot in card.get("slots", [])]),
        created=french_date(created),
        waiting=waited(created, now),
        suggested=escape(card["suggested_advisor"]) if card.get("suggested_advisor") else t.NOBODY,
    )
    status = TicketStatus(card.get("status", "new"))
    if not status.is_open:
        return Reply(f"{text}\n\n{t.CARD_CLOSED.format(status=t.STATUS[status.value])}")
    if status.is_held:
        holder = escape(card.get("holder") or t.SOMEONE)
        # "scheduled" and "waiting for the official" are worth showing; "claimed" is said above.
        more = "" if status == TicketStatus.CLAIMED else f" — {t.STATUS[status.value]}"
        held = t.CARD_HELD.format(holder=holder, status=more)
        return Reply(f"{text}\n\n{held}")
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=t.CLAIM, callback_data=Claim(t=card["ticket_id"]))
    return Reply(text, keyboard.as_markup())


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
    }


def full_ticket(fields: dict, header: str = "", held: bool = True) -> Reply:
    """The whole ticket for the advisor holding it, contact included, with the actions."""
    phone = fields.get("phone")
    contact = format_phone(phone) if phone else fields.get("email") or t.NOBODY
    status = fields.get("status", "claimed")
    text = t.TICKET_FULL.format(
        number=fields["number"],
        status=t.STATUS.get(status, ""),
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
        text += t.APPOINTMENT_LINE.format(when=when, channel=t.CHANNEL_NAMES.get(channel, ""))
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
        label = f"{short_label(advisor.name, 34)} ({advisor.open_tickets})"
        keyboard.button(text=label, callback_data=TransferTo(t=ticket.id, u=advisor.user_id))
    keyboard.adjust(1)
    return Reply(t.ASK_TRANSFER.format(number=ticket.number), keyboard.as_markup())


def advisor_tickets(tickets: Sequence[Ticket]) -> Reply:
    """/mes_tickets: the open tickets an advisor holds, each with a button to open it."""
    if not tickets:
        return Reply(t.NO_OPEN_TICKETS)
    lines, keyboard = [t.MY_OPEN_TICKETS], InlineKeyboardBuilder()
    for ticket in tickets[:MAX_LISTED]:
        status = t.STATUS.get(ticket.status.value, "")
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
