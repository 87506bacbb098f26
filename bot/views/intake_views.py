"""The messages of the call-back request flow: one prompt per step, the summary, the receipt."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import ticket_texts as t
from bot.views.appointment_time import french_date
from bot.views.callbacks import IntakeStep
from bot.views.rendering import Reply, escape, short_label
from routing.tickets.contact import format_phone
from routing.tickets.model import OpenedTicket

MIN_SLOTS, MAX_SLOTS = 2, 3


def _titled(step: int, text: str) -> str:
    return f"{t.INTAKE_TITLE.format(step=step)}\n\n{text}"


def _cancel_only(*extra: tuple[str, IntakeStep]) -> InlineKeyboardBuilder:
    keyboard = InlineKeyboardBuilder()
    for label, data in extra:
        keyboard.button(text=label, callback_data=data)
    keyboard.button(text=t.CANCEL, callback_data=IntakeStep(a="cancel"))
    keyboard.adjust(1)
    return keyboard


def question_prompt(question: str) -> Reply:
    """Step 1: keep the pre-filled question or type it."""
    if question:
        text = t.KEEP_QUESTION.format(question=escape(question))
        keyboard = _cancel_only((t.KEEP, IntakeStep(a="keep")))
    else:
        text, keyboard = t.ASK_QUESTION, _cancel_only()
    return Reply(_titled(1, text), keyboard.as_markup())


def reuse_prompt(known: dict) -> Reply:
    """Step 2 for a returning official: keep everything from the last request, or go through."""
    text = t.REUSE.format(details=details(known))
    keyboard = _cancel_only(
        (t.KEEP_ALL, IntakeStep(a="reuse", v="all")),
        (t.CHANGE_SOME, IntakeStep(a="reuse", v="one")),
    )
    return Reply(_titled(2, text), keyboard.as_markup())


def details(data: dict) -> str:
    """Collectivité, role and call-back (with its contact when known), one per line."""
    channel = data["channel"]
    contact = _contact(data, channel)
    call_back = t.CHANNEL_NAMES[channel] + (f" ({escape(contact)})" if contact else "")
    return t.DETAILS.format(
        collectivite=escape(data["collectivite"]), role=t.ROLES[data["role"]], channel=call_back
    )


def _contact(data: dict, channel: str) -> str | None:
    if channel == "telephone":
        return format_phone(data["phone"]) if data.get("phone") else None
    return data.get("email") or None


def collectivite_prompt(current: str | None = None) -> Reply:
    """Step 2: the collectivité, typed; "Garder" when one is already known."""
    if not current:
        return Reply(_titled(2, t.ASK_COLLECTIVITE), _cancel_only().as_markup())
    text = f"{t.ASK_COLLECTIVITE}\n{t.NOW.format(value=escape(current))}"
    keep = (short_label(t.KEEP_VALUE.format(value=current)), IntakeStep(a="keepc"))
    return Reply(_titled(2, text), _cancel_only(keep).as_markup())


def role_prompt(current: str | None = None) -> Reply:
    """Step 3: élu, agent or other; the known one is marked."""
    choices = [
        (_marked(label, value == current), IntakeStep(a="role", v=value))
        for value, label in t.ROLES.items()
    ]
    return Reply(_titled(3, t.ASK_ROLE), _cancel_only(*choices).as_markup())


def channel_prompt(current: str | None = None) -> Reply:
    """Step 4: telephone or video; the known one is marked."""
    choices = [
        (_marked(label, value == current), IntakeStep(a="channel", v=value))
        for value, label in t.CHANNELS.items()
    ]
    return Reply(_titled(4, t.ASK_CHANNEL), _cancel_only(*choices).as_markup())


def _marked(label: str, current: bool) -> str:
    return t.CURRENT.format(label=label) if current else label


def contact_prompt(channel: str, known: dict | None = None) -> Reply:
    """Step 5: the phone number, or the e-mail address; "Garder" when one is already known."""
    text = t.ASK_PHONE if channel == "telephone" else t.ASK_EMAIL
    contact = _contact(known or {}, channel)
    keep = [(t.KEEP_VALUE.format(value=contact), IntakeStep(a="keepk"))] if contact else []
    return Reply(_titled(5, text), _cancel_only(*keep).as_markup())


def slots_prompt(offered: list[list[str]], chosen: list[int]) -> Reply:
    """Step 6: the upcoming half-days as toggles, and "Valider" once 2 or 3 are picked."""
    keyboard = InlineKeyboardBuilder()
    for index, (_start, label) in enumerate(offered):
        mark = "✅ " if index in chosen else "▫️ "
        keyboard.button(text=mark + label, callback_data=IntakeStep(a="slot", v=str(index)))
    if MIN_SLOTS <= len(chosen) <= MAX_SLOTS:
        label = t.SLOTS_DONE.format(count=len(chosen))
        keyboard.button(text=label, callback_data=IntakeStep(a="slots"))
    keyboard.button(text=t.CANCEL, callback_data=IntakeStep(a="cancel"))
    keyboard.adjust(1)
    return Reply(_titled(6, t.ASK_SLOTS), keyboard.as_markup())


def consent_prompt() -> Reply:
    """Step 7: explicit consent to be contacted."""
    keyboard = _cancel_only((t.CONSENT, IntakeStep(a="consent")))
    return Reply(_titled(7, t.ASK_CONSENT), keyboard.as_markup())


def summary(data: dict) -> Reply:
    """Everything collected, to confirm before the ticket is opened; each part can be changed."""
    slots = "\n".join(f"• {escape(data['offered'][i][1])}" for i in sorted(data["chosen"]))
    text = t.SUMMARY.format(question=escape(data["question"]), details=details(data), slots=slots)
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=t.CONFIRM, callback_data=IntakeStep(a="confirm"))
    for field, label in t.EDITABLE.items():
        keyboard.button(text=label, callback_data=IntakeStep(a="edit", v=field))
    keyboard.button(text=t.CANCEL, callback_data=IntakeStep(a="cancel"))
    keyboard.adjust(1, 2, 2, 1, 1)
    return Reply(text, keyboard.as_markup())


def chosen_labels(data: dict) -> str:
    """The picked half-days as one line, in time order, to show under the answered prompt."""
    return " ; ".join(data["offered"][i][1] for i in sorted(data["chosen"]))


def chosen_slots(data: dict) -> list[datetime]:
    """Return the picked half-days as aware datetimes, in time order."""
    return sorted(datetime.fromisoformat(data["offered"][i][0]) for i in data["chosen"])


def opened(result: OpenedTicket) -> str:
    """The receipt: ticket number, expected answer, and a notice outside business hours."""
    text = t.OPENED.format(
        number=result.ticket.number, expected=french_date(result.expected_response)
    )
    return f"{text}\n\n{t.OUTSIDE_HOURS}" if result.outside_hours else text
