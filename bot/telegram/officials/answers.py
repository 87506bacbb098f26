"""Buttons under answers: full text, feedback, clarify choices."""

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.telegram.common import message_of, send, sender_of
from bot.telegram.officials import intake
from bot.telegram.officials.ask_advisor import asked_question
from bot.telegram.orientation.leads import lead
from bot.telegram.states import FeedbackFlow
from bot.views import texts
from bot.views.callbacks import Choice, EntryAction, Feedback, SkipComment
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
    """Answer with the picked entry, or start a request to an advisor when none fits."""
    slug = None if callback_data.s == "-" else callback_data.s
    entry = hotline.choose(sender_of(callback.from_user), callback_data.q, slug)
    await callback.answer()
    message = message_of(callback)
    if message is None:
        return
    await message.edit_reply_markup(reply_markup=None)
    if entry is None:
        sender = sender_of(callback.from_user)
        question_id, text = await asked_question(state, hotline, sender, callback_data.q)
        await intake.begin(message, state, question_id, text)
    else:
        await send(message, lead(answer_entry(entry, callback_data.q), entry.slug, orientation))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="answers")
    router.callback_query.register(entry_action, EntryAction.filter())
    router.callback_query.register(feedback, Feedback.filter())
    router.callback_query.register(skip_comment, SkipComment.filter())
    router.callback_query.register(choice, Choice.filter())
    return router
