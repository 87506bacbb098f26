"""Buttons under answers: full text, feedback, clarify choices."""

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.telegram.common import message_of, send, sender_of
from bot.telegram.orientation.leads import lead
from bot.telegram.states import FeedbackFlow
from bot.views import texts
from bot.views.callbacks import Choice, EntryAction, Feedback, Rephrase, SkipComment
from bot.views.conversation import texts as conversation_texts
from bot.views.conversation.replies import none_fits
from bot.views.rendering import answer_entry, full_text
from routing.answers.hotline import HotlineService
from routing.orientation.service import OrientationService


async def entry_action(
    callback: CallbackQuery,
    callback_data: EntryAction,
    hotline: HotlineService,
    orientation: OrientationService,
) -> None:
    """Show an entry's full text ("f") or its short answer ("s", from theme browsing)."""
    entry = hotline.entry(callback_data.s)
    message = message_of(callback)
    await callback.answer()
    if message is None:
        return
    if callback_data.a == "f":
        for part in full_text(entry):
            await message.answer(part, disable_web_page_preview=True)
    else:
        await send(message, lead(answer_entry(entry, 0), entry.slug, orientation))


async def feedback(
    callback: CallbackQuery, callback_data: Feedback, hotline: HotlineService, state: FSMContext
) -> None:
    """Record "Utile" / "Pas utile"; after "Pas utile", ask what was missing."""
    useful = callback_data.u == 1
    hotline.feedback(sender_of(callback.from_user), callback_data.q, callback_data.s, useful)
    await callback.answer(texts.THANKS_USEFUL)
    message = message_of(callback)
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
    await callback.answer()
    message = message_of(callback)
    if message is None:
        return
    await message.edit_reply_markup(reply_markup=None)
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
