"""Render each kind of outbox notification to a French HTML message (user text escaped)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import ticket_texts as t
from bot.views import ticket_views as views
from bot.views.answer_notices import ANSWER_NOTICE, render_answer_notice
from bot.views.appointment_time import french_date
from bot.views.callbacks import Claim, OfficialTicket, Rating, TicketAction
from bot.views.cards.group_card import group_card
from bot.views.rendering import Reply, escape
from routing.tickets.contact import format_phone
from routing.tickets.model import Channel
from routing.tickets.outbox import NotificationKind as N
from routing.tickets.outbox import OutboxItem

Render = Callable[[dict, datetime], Reply]
RENDERERS: dict[str, Render] = {}


class NoRenderer(LookupError):
    """Raised for a notification kind the bot does not know how to show."""


def renders(*kinds: str) -> Callable[[Render], Render]:
    """Register a function as the renderer of these kinds (other features may add theirs)."""

    def register(function: Render) -> Render:
        for kind in kinds:
            RENDERERS[str(kind)] = function
        return function

    return register


def render(item: OutboxItem, now: datetime) -> Reply:
    """Return the message for an outbox item; raise NoRenderer for an unknown kind."""
    function = RENDERERS.get(item.kind)
    if function is None:
        raise NoRenderer(item.kind)
    return function(item.payload, now)


def _name(payload: dict, key: str, default: str) -> str:
    return escape(payload.get(key) or default)


def _when(payload: dict, key: str = "at") -> str:
    return french_date(datetime.fromisoformat(payload[key]))


def _link(payload: dict) -> str:
    link = payload.get("link")
    return t.LINK_LINE.format(link=escape(link)) if link else ""


def _one_button(label: str, data) -> InlineKeyboardBuilder:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=label, callback_data=data)
    return keyboard


@renders(N.GROUP_CARD, N.GROUP_CARD_UPDATE)
def _card(payload: dict, now: datetime) -> Reply:
    return group_card(payload, now)


@renders(N.RELEASED_TO_OFFICIAL)
def _released_to_official(payload: dict, now: datetime) -> Reply:
    return Reply(t.RELEASED_TO_OFFICIAL.format(number=payload["number"]))


@renders(N.TICKET_MESSAGE_EDIT)
def _ticket_message_edit(payload: dict, now: datetime) -> Reply:
    """The advisor's old ticket message, without buttons nor contact details."""
    number, change = payload["number"], payload.get("change")
    if change == "erase":
        return Reply(t.TICKET_ERASED.format(number=number))
    if payload.get("holder"):
        return Reply(t.TICKET_NOW_HELD.format(number=number, holder=escape(payload["holder"])))
    return Reply(t.TICKET_BACK_IN_QUEUE.format(number=number))


@renders(N.ERASED_TO_ADVISOR)
def _erased_to_advisor(payload: dict, now: datetime) -> Reply:
    return Reply(t.ERASED_TO_ADVISOR.format(number=payload["number"]))


@renders(N.TICKET_TO_ADVISOR)
def _ticket_to_advisor(payload: dict, now: datetime) -> Reply:
    return views.full_ticket(payload, t.TICKET_TAKEN.format(number=payload["number"]))


@renders(N.TRANSFERRED)
def _transferred(payload: dict, now: datetime) -> Reply:
    sender = _name(payload, "from_advisor", t.SOMEONE)
    header = t.TICKET_TRANSFERRED.format(sender=sender, number=payload["number"])
    return views.full_ticket(payload, header)


@renders(N.CLAIMED_TO_OFFICIAL)
def _claimed(payload: dict, now: datetime) -> Reply:
    advisor = _name(payload, "advisor", t.SOMEONE)
    return Reply(t.CLAIMED_TO_OFFICIAL.format(advisor=advisor, number=payload["number"]))


@renders(N.RELAY_TO_OFFICIAL)
def _relay_to_official(payload: dict, now: datetime) -> Reply:
    advisor = _name(payload, "advisor", t.SOMEONE)
    text = escape(payload.get("text", ""))
    return Reply(t.RELAY_TO_OFFICIAL.format(advisor=advisor, number=payload["number"], text=text))


@renders(N.RELAY_TO_ADVISOR)
def _relay_to_advisor(payload: dict, now: datetime) -> Reply:
    template = t.DETAIL_TO_ADVISOR if payload.get("detail") else t.RELAY_TO_ADVISOR
    official = _name(payload, "official", t.THE_OFFICIAL)
    text = template.format(
        official=official, number=payload["number"], text=escape(payload.get("text", ""))
    )
    reply = _one_button(t.REPLY, TicketAction(a="reply", t=payload["ticket_id"]))
    return Reply(text, reply.as_markup())


@renders(N.APPOINTMENT_TO_OFFICIAL)
def _appointment(payload: dict, now: datetime) -> Reply:
    text = t.APPOINTMENT_TO_OFFICIAL.format(
        number=payload["number"],
        when=_when(payload),
        channel=t.CHANNEL_NAMES.get(payload.get("channel", ""), ""),
        advisor=_name(payload, "advisor", t.SOMEONE),
        link=_link(payload),
    )
    keyboard = InlineKeyboardBuilder()
    ticket_id = payload["ticket_id"]
    keyboard.button(text=t.CONFIRM_APPOINTMENT, callback_data=OfficialTicket(a="ok", t=ticket_id))
    keyboard.button(text=t.OTHER_SLOT, callback_data=OfficialTicket(a="re", t=ticket_id))
    keyboard.adjust(1)
    return Reply(text, keyboard.as_markup())


@renders(N.APPOINTMENT_CONFIRMED)
def _confirmed(payload: dict, now: datetime) -> Reply:
    official = _name(payload, "official", t.THE_OFFICIAL)
    text = t.APPOINTMENT_CONFIRMED_TO_ADVISOR.format(
        official=official, when=_when(payload), number=payload["number"]
    )
    return Reply(text)


@renders(N.RESLOT_ASKED)
def _reslot(payload: dict, now: datetime) -> Reply:
    slots = views.slot_lines([datetime.fromisoformat(s) for s in payload.get("slots", [])])
    official = _name(payload, "official", t.THE_OFFICIAL)
    text = t.RESLOT_TO_ADVISOR.format(official=official, number=payload["number"], slots=slots)
    book = _one_button(t.BOOK, TicketAction(a="book", t=payload["ticket_id"]))
    return Reply(text, book.as_markup())


@renders(N.REMINDER)
def _reminder(payload: dict, now: datetime) -> Reply:
    template = t.REMINDER_DAY_BEFORE if payload.get("which") == "day_before" else t.REMINDER_SOON
    channel = payload.get("channel", "")
    for_advisor = payload.get("audience") == "advisor"
    if channel == Channel.VIDEO:
        contact = _link(payload)
    elif payload.get("link") or payload.get("phone"):
        phone = escape(format_phone(payload.get("link") or payload.get("phone")))
        contact = (t.PHONE_LINE if for_advisor else t.WILL_CALL).format(phone=phone)
    else:
        contact = ""
    text = template.format(
        when=_when(payload),
        channel=t.CHANNEL_NAMES.get(channel, ""),
        number=payload["number"],
        link=contact,
    )
    if for_advisor and payload.get("official"):
        text += "\n" + t.OFFICIAL_LINE.format(name=escape(payload["official"]))
    return Reply(text)


@renders(N.RATING_REQUEST)
def _rating_request(payload: dict, now: datetime) -> Reply:
    advisor = _name(payload, "advisor", t.SOMEONE)
    keyboard = InlineKeyboardBuilder()
    for stars in range(1, 6):
        keyboard.button(text=f"{stars} ⭐", callback_data=Rating(t=payload["ticket_id"], s=stars))
    keyboard.adjust(5)
    text = t.RATING_REQUEST.format(number=payload["number"], advisor=advisor)
    return Reply(text, keyboard.as_markup())


def _sla(template: str) -> Render:
    def render_sla(payload: dict, now: datetime) -> Reply:
        created = payload.get("created_at")
        waiting = views.waited(datetime.fromisoformat(created), now) if created else "longtemps"
        claim = _one_button(t.CLAIM, Claim(t=payload["ticket_id"]))
        return Reply(template.format(number=payload["number"], waiting=waiting), claim.as_markup())

    return render_sla


renders(N.SLA_REMINDER_GROUP)(_sla(t.SLA_GROUP))
renders(N.SLA_REMINDER_STAFF)(_sla(t.SLA_STAFF))


@renders(N.RELEASED_TO_GROUP)
def _released(payload: dict, now: datetime) -> Reply:
    advisor = _name(payload, "advisor", t.SOMEONE)
    return Reply(t.RELEASED_TO_GROUP.format(advisor=advisor, number=payload["number"]))


@renders(N.CANCELLED_TO_ADVISOR)
def _cancelled(payload: dict, now: datetime) -> Reply:
    return Reply(t.CANCELLED_TO_ADVISOR.format(number=payload["number"]))


@renders(ANSWER_NOTICE)
def _answer_notice(payload: dict, now: datetime) -> Reply:
    return render_answer_notice(payload)


@renders(N.RATING_TO_ADVISOR)
def _rated(payload: dict, now: datetime) -> Reply:
    text = t.RATING_TO_ADVISOR.format(number=payload["number"], stars=payload.get("stars", "?"))
    if payload.get("comment"):
        text += t.RATING_COMMENT_LINE.format(comment=escape(payload["comment"]))
    return Reply(text)
