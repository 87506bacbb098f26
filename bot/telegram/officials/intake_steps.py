"""What follows each step of the call-back request: the next prompt, or back to the summary.

A returning official is offered the details of their last request (collectivité, role,
channel, contact) in one "Tout garder" step, or one by one with a "Garder" button; from the
summary, "✏️" re-opens one step and comes straight back to the summary afterwards.
"""

from __future__ import annotations

from dataclasses import asdict

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.telegram.common import send
from bot.telegram.states import IntakeFlow
from bot.views import intake_views as views
from routing.tickets.service import TicketService

SLOT_CHOICES = 6
KNOWN = "known"  # the last request's details, looked up once per request
EDITING = "editing"  # set while one step is re-done from the summary


async def after_question(
    message: Message, state: FSMContext, tickets: TicketService, official_id: int
) -> None:
    """After step 1: the summary when editing; else the last details to keep; else step 2."""
    data = await state.get_data()
    if data.get(EDITING):
        await to_summary(message, state)
        return
    if KNOWN not in data:
        last = tickets.last_details(official_id)
        known = _as_data(asdict(last)) if last is not None else None
        await state.update_data({KNOWN: known})
        data[KNOWN] = known
    if data[KNOWN]:
        await state.set_state(IntakeFlow.reuse)
        await send(message, views.reuse_prompt(data[KNOWN]))
    else:
        await ask_collectivite(message, state)


def _as_data(details: dict) -> dict:
    return {
        "collectivite": details["collectivite"],
        "role": str(details["official_role"]),
        "channel": str(details["channel"]),
        "phone": details["phone"],
        "email": details["email"],
    }


async def keep_all(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """ "Tout garder": take the last request's details; ask only for a contact now missing."""
    known = (await state.get_data()).get(KNOWN) or {}
    await state.update_data(**known)
    if known.get("phone" if known["channel"] == "telephone" else "email"):
        await offer_slots(message, state, tickets)
    else:  # purged since (90 days after the last request was closed)
        await ask_contact(message, state, known["channel"])


async def ask_collectivite(message: Message, state: FSMContext) -> None:
    """Step 2, with "Garder" when a collectivité is known."""
    data = await state.get_data()
    current = data.get("collectivite") or (data.get(KNOWN) or {}).get("collectivite")
    await state.set_state(IntakeFlow.collectivite)
    await send(message, views.collectivite_prompt(current))


async def after_collectivite(message: Message, state: FSMContext) -> None:
    """After step 2: the summary when editing, else step 3 (role)."""
    data = await state.get_data()
    if data.get(EDITING):
        await to_summary(message, state)
        return
    await ask_role(message, state)


async def ask_role(message: Message, state: FSMContext) -> None:
    """Step 3, the known role marked."""
    data = await state.get_data()
    await state.set_state(IntakeFlow.role)
    await send(message, views.role_prompt(data.get("role") or (data.get(KNOWN) or {}).get("role")))


async def after_role(message: Message, state: FSMContext) -> None:
    """After step 3: the summary when editing, else step 4 (channel)."""
    data = await state.get_data()
    if data.get(EDITING):
        await to_summary(message, state)
        return
    await ask_channel(message, state)


async def ask_channel(message: Message, state: FSMContext) -> None:
    """Step 4, the known channel marked."""
    data = await state.get_data()
    current = data.get("channel") or (data.get(KNOWN) or {}).get("channel")
    await state.set_state(IntakeFlow.channel)
    await send(message, views.channel_prompt(current))


async def ask_contact(message: Message, state: FSMContext, channel: str) -> None:
    """Step 5, with "Garder" when a contact for that channel is known (this request first)."""
    data = await state.get_data()
    await state.set_state(IntakeFlow.phone if channel == "telephone" else IntakeFlow.email)
    await send(message, views.contact_prompt(channel, contact_candidates(data)))


def contact_candidates(data: dict) -> dict:
    """The phone and e-mail to offer: this request's, else the last request's."""
    known = data.get(KNOWN) or {}
    return {
        "phone": data.get("phone") or known.get("phone"),
        "email": data.get("email") or known.get("email"),
    }


async def after_contact(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """After step 5: the summary when editing, else step 6 (slots)."""
    if (await state.get_data()).get(EDITING):
        await to_summary(message, state)
        return
    await offer_slots(message, state, tickets)


async def offer_slots(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """Step 6: the upcoming half-days."""
    # The offered list is stored, so a restart shows (and accepts) the very same buttons.
    offered = [[slot.start.isoformat(), slot.label] for slot in tickets.slots(SLOT_CHOICES)]
    await state.update_data(offered=offered, chosen=[])
    await state.set_state(IntakeFlow.slots)
    await send(message, views.slots_prompt(offered, []))


async def after_slots(message: Message, state: FSMContext) -> None:
    """After step 6: the summary when editing (consent already given), else step 7."""
    if (await state.get_data()).get(EDITING):
        await to_summary(message, state)
        return
    await state.set_state(IntakeFlow.consent)
    await send(message, views.consent_prompt())


async def to_summary(message: Message, state: FSMContext) -> None:
    """The summary, with "Envoyer" and one "✏️" per part."""
    await state.update_data({EDITING: False})
    await state.set_state(IntakeFlow.confirm)
    await send(message, views.summary(await state.get_data()))


async def edit(message: Message, state: FSMContext, tickets: TicketService, part: str) -> None:
    """ "✏️" under the summary: re-open that step, then come back to the summary."""
    await state.update_data({EDITING: True})
    if part == "question":
        await state.set_state(IntakeFlow.question)
        await send(message, views.question_prompt((await state.get_data())["question"]))
    elif part == "collectivite":
        await ask_collectivite(message, state)
    elif part == "role":
        await ask_role(message, state)
    elif part == "channel":
        await ask_channel(message, state)
    else:
        await offer_slots(message, state, tickets)
