"""Buttons under answers: full text, feedback, clarify choices."""

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.telegram.common import buttons_without, message_of, send, sender_of, show_choice
from bot.telegram.orientation.leads import lead
from bot.telegram.states import FeedbackFlow
from bot.views import texts
from bot.views.callbacks import Choice, EntryAction, Feedback, Rephrase, SkipComment
from bot.views.conversation import texts as conversation_texts
from bot.views.conversation.replies import none_fits
from bot.views.rendering import answer_entry, full_text, linked_entries, related_buttons
from routing.answers.hotline import HotlineService
from routing.errors import EntryUnavailable
from routing.orientation.service import OrientationService


async def entry_action(
    callback: CallbackQuery,
    callback_data: EntryAction,
    hotline: HotlineService,
    orientation: OrientationService,
) -> None:
    """Show an entry's full text ("f"), or its short answer ("s" linked entry, "t" theme list)."""
    entry = hotline.entry(callback_data.s)
    if callback_data.a == "t":  # picked from a theme's list: the list shows the pick
        message = await show_choice(callback, entry.title)
    else:
        await callback.answer()
        message = message_of(callback)
    if message is None:
        return
    if callback_data.a != "f":
        await send(message, lead(answer_entry(entry, 0), entry.slug, orientation))
        return
    # The full text is on its way: the answer keeps its other buttons, not a second "Lire".
    read = f"{EntryAction.__prefix__}:f:"
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    if any((button.callback_data or "").startswith(read) for row in rows for button in row):
        await message.edit_reply_markup(reply_markup=buttons_without(message, read))
    titles = _titles(hotline, linked_entries(entry))
    parts = full_text(entry, titles)
    related = related_buttons(titles)
    for number, part in enumerate(parts, start=1):
        markup = related if number == len(parts) else None
        await message.answer(part, disable_web_page_preview=True, reply_markup=markup)


def _titles(hotline: HotlineService, slugs: list[str]) -> dict[str, str]:
    """Titles of the linked entries still published (a withdrawn one gets no button)."""
    titles = {}
    for slug in slugs:
        try:
            titles[slug] = hotline.entry(slug).title
        except EntryUnavailable:
            continue
    return titles


async def feedback(
    callback: CallbackQuery, callback_data: Feedback, hotline: HotlineService, state: FSMContext
) -> None:
    """Record "Utile" / "Pas utile"; after "Pas utile", ask what was missing."""
    useful = callback_data.u == 1
    hotline.feedback(sender_of(callback.from_user), callback_data.q, callback_data.s, useful)
    # The answer keeps its other buttons (full text, advisor); the feedback ones go.
    keep = buttons_without(message_of(callback), f"{Feedback.__prefix__}:")
    choice = texts.USEFUL if useful else texts.NOT_USEFUL
    opinion = f"{texts.YOUR_OPINION}{choice}"
    message = await show_choice(callback, opinion, keep, notice=texts.THANKS_USEFUL)
    if useful or message is None:
        return
    await state.set_state(FeedbackFlow.waiting_comment)
    await state.update_data(question_id=callback_data.q)
    keyboard = SkipComment(q=callback_data.q).pack()
    await message.answer(
        texts.ASK_MISSING,
        reply_markup={"inline_keyboard": [[{"text": texts.SKIP, "callback_data": keyboard}]]},
    )


async def skip_comment(callback: CallbackQuery, state: FSMContext) -> None:
    """Leave the "what was missing?" step."""
    await state.clear()
    await callback.answer()
    message = message_of(callback)
    if message is not None:
        await message.edit_text(texts.COMMENT_SKIPPED)


async def choice(
    callback: CallbackQuery,
    callback_data: Choice,
    hotline: HotlineService,
    state: FSMContext,
    orientation: OrientationService,
) -> None:
    """Answer with the picked entry; when none fits, offer to rephrase or to talk to a human."""
    slug = None if callback_data.s == "-" else callback_data.s
    entry = hotline.choose(sender_of(callback.from_user), callback_data.q, slug)
    message = await show_choice(callback, entry.title if entry else texts.NONE_OF_THESE)
    if message is None:
        return
    if entry is None:
        # Rasa's two-stage fallback: a chance to rephrase before the request to a human.
        await send(message, none_fits(callback_data.q))
    else:
        await send(message, lead(answer_entry(entry, callback_data.q), entry.slug, orientation))


async def rephrase(callback: CallbackQuery, state: FSMContext) -> None:
    """ "Reformuler": the next message is read as a new question."""
    await state.clear()
    await callback.answer()
    message = message_of(callback)
    if message is None:
        return
    await message.edit_reply_markup(reply_markup=None)
    await message.answer(conversation_texts.REPHRASE_PROMPT)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="answers")
    router.callback_query.register(entry_action, EntryAction.filter())
    router.callback_query.register(feedback, Feedback.filter())
    router.callback_query.register(skip_comment, SkipComment.filter())
    router.callback_query.register(choice, Choice.filter())
    router.callback_query.register(rephrase, Rephrase.filter())
    return router
