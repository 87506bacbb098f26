"""The messages of the call-back request flow: one prompt per step, the summary, the receipt."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import ticket_texts as t
from bot.views.appointment_time import french_date
from bot.views.callbacks import IntakeStep
from bot.views.rendering import Reply, escape
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


def collectivite_prompt() -> Reply:
    """Step 2: the collectivité, typed."""
    return Reply(_titled(2, t.ASK_COLLECTIVITE), _cancel_only().as_markup())


def role_prompt() -> Reply:
    """Step 3: élu, agent or other."""
    choices = [(label, IntakeStep(a="role", v=value)) for value, label in t.ROLES.items()]
    return Reply(_titled(3, t.ASK_ROLE), _cancel_only(*choices).as_markup())


def channel_prompt() -> Reply:
    """Step 4: telephone or video."""
    choices = [(label, IntakeStep(a="channel", v=value)) for value, label in t.CHANNELS.items()]
    return Reply(_titled(4, t.ASK_CHANNEL), _cancel_only(*choices).as_markup())


def contact_prompt(channel: str) -> Reply:
    """Step 5: the phone number, or the e-mail address for the video link."""
    text = t.ASK_PHONE if channel == "telephone" else t.ASK_EMAIL
    return Reply(_titled(5, text), _cancel_only().as_markup())


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
    """Everything collected, to confirm before the ticket is opened."""
    channel = data["channel"]
    contact = format_phone(data["phone"]) if channel == "telephone" else data["email"]
    slots = "\n".join(f"• {escape(data['offered'][i][1])}" for i in sorted(data["chosen"]))
    text = t.SUMMARY.format(
        question=escape(data["question"]),
        collectivite=escape(data["collectivite"]),
        role=t.ROLES[data["role"]],
        channel=t.CHANNEL_NAMES[channel],
        contact=escape(contact),
        slots=slots,
    )
    keyboard = _cancel_only((t.CONFIRM, IntakeStep(a="confirm")))
    return Reply(text, keyboard.as_markup())


def chosen_slots(data: dict) -> list[datetime]:
    """Return the picked half-days as aware datetimes, in time order."""
    return sorted(datetime.fromisoformat(data["offered"][i][0]) for i in data["chosen"])


def opened(result: OpenedTicket) -> str:
    """The receipt: ticket number, expected answer, and a notice outside business hours."""
    text = t.OPENED.format(
        number=result.ticket.number, expected=french_date(result.expected_response)
    )
    return f"{text}\n\n{t.OUTSIDE_HOURS}" if result.outside_hours else text
