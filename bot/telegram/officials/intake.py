"""The official's call-back request: a guided flow kept in the database, cancellable anywhere."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.telegram.common import message_of, send, show_choice
from bot.telegram.officials import intake_steps as steps
from bot.telegram.states import IntakeFlow
from bot.views import intake_views as views
from bot.views import ticket_texts as t
from bot.views import ticket_views
from bot.views.callbacks import IntakeStep
from routing.errors import TooManyOpenRequests
from routing.tickets.business_hours import Clock
from routing.tickets.contact import parse_email, parse_phone
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from routing.tickets.service import TicketService

MAX_QUESTION = 2000
MIN_QUESTION = 10


async def begin(
    message: Message,
    state: FSMContext,
    question_id: int | None,
    question: str,
    tickets: TicketService | None = None,
    user_id: int | None = None,
):
    """Start the flow in the chat of `message`, the question pre-filled when there is one.

    With the ticket service, an official who already has as many open requests as allowed is
    told so at once, with those requests listed, rather than after seven steps.
    """
    if tickets is not None and user_id is not None:
        try:
            tickets.check_room(user_id)
        except TooManyOpenRequests as full:
            await refuse_full(message, full, tickets)
            return
    question = question[:MAX_QUESTION]  # a 4,096-character question must fit in the prompt
    await state.set_state(IntakeFlow.question)
    await state.set_data({"question": question, "question_id": question_id})
    await send(message, views.question_prompt(question))


async def refuse_full(message: Message, full: TooManyOpenRequests, tickets: TicketService):
    """Say politely that the official has reached the limit, and list their open requests."""
    opened = [t for t in tickets.tickets_of_official(full.official_id) if t.status.is_open]
    header = t.TOO_MANY_REQUESTS.format(count=full.count)
    await send(message, ticket_views.official_tickets(opened, header=header))


async def typed_question(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """Step 1, typed: the question in the official's words."""
    text = message.text.strip()
    if len(text) < MIN_QUESTION:
        await message.answer(t.QUESTION_TOO_SHORT)
        return
    # A new wording is a new question: the topics found for the old one no longer apply.
    await state.update_data(question=text[:MAX_QUESTION], question_id=None)
    await steps.after_question(message, state, tickets, message.from_user.id)


async def kept_question(callback: CallbackQuery, state: FSMContext, tickets: TicketService):
    """Step 1, button: keep the pre-filled question."""
    await show_choice(callback)
    await steps.after_question(message_of(callback), state, tickets, callback.from_user.id)


async def reuse(
    callback: CallbackQuery, callback_data: IntakeStep, state: FSMContext, tickets: TicketService
) -> None:
    """Step 2 for a returning official: "Tout garder", or go through the steps one by one."""
    await show_choice(callback)
    if callback_data.v == "all":
        await steps.keep_all(message_of(callback), state, tickets)
    else:
        await steps.ask_collectivite(message_of(callback), state)


async def collectivite(message: Message, state: FSMContext) -> None:
    """Step 2: the collectivité."""
    text = " ".join(message.text.split())
    if not 2 <= len(text) <= 200:
        await message.answer(t.COLLECTIVITE_INVALID)
        return
    await state.update_data(collectivite=text)
    await steps.after_collectivite(message, state)


async def kept_collectivite(callback: CallbackQuery, state: FSMContext) -> None:
    """Step 2, button: keep the collectivité already known."""
    data = await state.get_data()
    known = data.get("collectivite") or (data.get(steps.KNOWN) or {}).get("collectivite")
    await state.update_data(collectivite=known)
    await show_choice(callback, known)
    await steps.after_collectivite(message_of(callback), state)


async def role(callback: CallbackQuery, callback_data: IntakeStep, state: FSMContext) -> None:
    """Step 3: élu, agent or other."""
    await state.update_data(role=OfficialRole(callback_data.v).value)
    await show_choice(callback, t.ROLES[callback_data.v])
    await steps.after_role(message_of(callback), state)


async def channel(callback: CallbackQuery, callback_data: IntakeStep, state: FSMContext) -> None:
    """Step 4: telephone or video; then the matching contact detail."""
    chosen = Channel(callback_data.v)
    await state.update_data(channel=chosen.value)
    await show_choice(callback, t.CHANNELS[chosen.value])
    await steps.ask_contact(message_of(callback), state, chosen.value)


async def phone(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """Step 5 (telephone): a valid number, else a clear message and the same step."""
    await state.update_data(phone=parse_phone(message.text), email=None)
    await steps.after_contact(message, state, tickets)


async def email(message: Message, state: FSMContext, tickets: TicketService) -> None:
    """Step 5 (video): a valid e-mail address, else a clear message and the same step."""
    await state.update_data(email=parse_email(message.text), phone=None)
    await steps.after_contact(message, state, tickets)


async def kept_contact(callback: CallbackQuery, state: FSMContext, tickets: TicketService):
    """Step 5, button: keep the phone number or e-mail address already known."""
    data = await state.get_data()
    known = steps.contact_candidates(data)
    if data["channel"] == "telephone":
        await state.update_data(phone=known["phone"], email=None)
    else:
        await state.update_data(email=known["email"], phone=None)
    await show_choice(callback)
    await steps.after_contact(message_of(callback), state, tickets)


async def toggle_slot(callback: CallbackQuery, callback_data: IntakeStep, state: FSMContext):
    """Step 6: pick or unpick a half-day."""
    data = await state.get_data()
    chosen: list[int] = list(data.get("chosen", []))
    index = int(callback_data.v) if callback_data.v.isdigit() else -1
    if not 0 <= index < len(data.get("offered", [])):
        await callback.answer(t.SLOT_UNKNOWN)
        return
    if index in chosen:
        chosen.remove(index)
    elif len(chosen) >= views.MAX_SLOTS:
        await callback.answer(t.SLOTS_TOO_MANY, show_alert=True)
        return
    else:
        chosen.append(index)
    await state.update_data(chosen=chosen)
    reply = views.slots_prompt(data["offered"], chosen)
    await message_of(callback).edit_reply_markup(reply_markup=reply.markup)
    await callback.answer()


async def slots_done(
    callback: CallbackQuery, state: FSMContext, tickets: TicketService, clock: Clock
) -> None:
    """Step 6, "Valider": two or three half-days picked, all still to come."""
    data = await state.get_data()
    chosen = data.get("chosen", [])
    if not views.MIN_SLOTS <= len(chosen) <= views.MAX_SLOTS:
        await callback.answer(t.SLOTS_TOO_FEW, show_alert=True)
        return
    if min(views.chosen_slots(data)) <= clock.now():  # a request resumed days later
        await show_choice(callback, t.SLOTS_STALE_CHOICE)
        await message_of(callback).answer(t.SLOTS_STALE)
        await steps.offer_slots(message_of(callback), state, tickets)
        return
    await show_choice(callback, views.chosen_labels(data))
    await steps.after_slots(message_of(callback), state)


async def consent(callback: CallbackQuery, state: FSMContext) -> None:
    """Step 7: explicit consent; then the summary."""
    await state.update_data(consent=True)
    await show_choice(callback)
    await steps.to_summary(message_of(callback), state)


async def edit(
    callback: CallbackQuery, callback_data: IntakeStep, state: FSMContext, tickets: TicketService
) -> None:
    """ "✏️" under the summary: re-do one step, then back to the summary."""
    await show_choice(callback)
    await steps.edit(message_of(callback), state, tickets, callback_data.v)


async def confirm(callback: CallbackQuery, state: FSMContext, tickets: TicketService) -> None:
    """The summary is right: open the ticket and say when to expect an answer."""
    data = await state.get_data()
    request = IntakeRequest(
        official_id=callback.from_user.id,
        question=data["question"],
        collectivite=data["collectivite"],
        official_role=OfficialRole(data["role"]),
        channel=Channel(data["channel"]),
        phone=data.get("phone"),
        email=data.get("email"),
        slots=views.chosen_slots(data),
        consent=bool(data.get("consent")),
        question_id=data.get("question_id"),
    )
    try:
        result = tickets.open_ticket(request)
    except TooManyOpenRequests as full:
        await state.clear()
        await show_choice(callback)
        await refuse_full(message_of(callback), full, tickets)
        return
    await state.clear()
    await show_choice(callback)
    await message_of(callback).answer(views.opened(result))


async def cancel_button(callback: CallbackQuery, state: FSMContext) -> None:
    """ "Annuler" under any step."""
    await state.clear()
    message = await show_choice(callback)
    if message is not None:
        await message.answer(t.CANCELLED)


async def cancel_command(message: Message, state: FSMContext) -> None:
    """/annuler: leave whatever flow is under way (request, detail, advisor action)."""
    current = await state.get_state()
    if current is None:
        await message.answer(t.NOTHING_TO_CANCEL)
        return
    await state.clear()
    in_request = current in {s.state for s in IntakeFlow.__states__}
    await message.answer(t.CANCELLED if in_request else t.CANCELLED_ACTION)


async def buttons_expected(message: Message) -> None:
    """Text typed where a button is expected."""
    await message.answer(t.NOT_A_TEXT_STEP)


async def stale_step(callback: CallbackQuery) -> None:
    """A button of a step already passed (or of a finished request)."""
    await callback.answer(t.STEP_DONE)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="intake")
    router.message.filter(F.chat.type == "private")
    typed = (F.text, ~F.text.startswith("/"))
    router.message.register(cancel_command, Command("annuler"))
    router.message.register(typed_question, IntakeFlow.question, *typed)
    router.message.register(collectivite, IntakeFlow.collectivite, *typed)
    router.message.register(phone, IntakeFlow.phone, *typed)
    router.message.register(email, IntakeFlow.email, *typed)
    buttons = (IntakeFlow.role, IntakeFlow.channel, IntakeFlow.slots, IntakeFlow.consent)
    router.message.register(
        buttons_expected, StateFilter(*buttons, IntakeFlow.reuse, IntakeFlow.confirm), *typed
    )
    step = IntakeStep.filter
    roles, channels = F.v.in_(set(OfficialRole)), F.v.in_(set(Channel))
    router.callback_query.register(cancel_button, step(F.a == "cancel"), StateFilter(IntakeFlow))
    router.callback_query.register(kept_question, step(F.a == "keep"), IntakeFlow.question)
    router.callback_query.register(reuse, step(F.a == "reuse"), IntakeFlow.reuse)
    router.callback_query.register(kept_collectivite, step(F.a == "keepc"), IntakeFlow.collectivite)
    contact_steps = StateFilter(IntakeFlow.phone, IntakeFlow.email)
    router.callback_query.register(kept_contact, step(F.a == "keepk"), contact_steps)
    router.callback_query.register(edit, step(F.a == "edit"), IntakeFlow.confirm)
    router.callback_query.register(role, step((F.a == "role") & roles), IntakeFlow.role)
    router.callback_query.register(channel, step((F.a == "channel") & channels), IntakeFlow.channel)
    router.callback_query.register(toggle_slot, step(F.a == "slot"), IntakeFlow.slots)
    router.callback_query.register(slots_done, step(F.a == "slots"), IntakeFlow.slots)
    router.callback_query.register(consent, step(F.a == "consent"), IntakeFlow.consent)
    router.callback_query.register(confirm, step(F.a == "confirm"), IntakeFlow.confirm)
    router.callback_query.register(stale_step, step())
    return router
