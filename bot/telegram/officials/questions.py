"""Free-text questions from officials, example questions, and edited messages."""

from aiogram import F, Router
from aiogram.enums import ChatAction
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, User

from bot.observability import metrics
from bot.telegram.common import message_of, send, sender_of
from bot.telegram.officials import intake
from bot.telegram.officials.ask_advisor import remember_question
from bot.telegram.orientation.leads import answered_slug, lead
from bot.telegram.states import FeedbackFlow
from bot.views import texts
from bot.views.callbacks import Example
from bot.views.conversation.replies import reply_to
from routing.answers.decision import DecisionKind
from routing.answers.hotline import Asked, HotlineService, Sender
from routing.orientation.service import OrientationService
from routing.tickets.service import TicketService


def ask(hotline: HotlineService, sender: Sender, text: str, open_ticket: bool = False) -> Asked:
    """Ask the hotline, counting its decision for /metrics."""
    asked = hotline.ask(sender, text, open_ticket=open_ticket)
    metrics.DECISIONS.labels(str(asked.decision.kind)).inc()
    return asked


async def missing_comment(message: Message, hotline: HotlineService, state: FSMContext) -> None:
    """Take the message after "Pas utile" as what was missing, not as a new question."""
    data = await state.get_data()
    await state.clear()
    hotline.comment(sender_of(message.from_user), int(data.get("question_id", 0)), message.text)
    await message.answer(texts.COMMENT_THANKS)


async def question(
    message: Message,
    hotline: HotlineService,
    state: FSMContext,
    orientation: OrientationService,
    tickets: TicketService,
) -> None:
    """Answer, clarify, start a request to an advisor or say it is out of scope."""
    await respond(message, message.from_user, message.text, hotline, state, orientation, tickets)


async def respond(
    message: Message,
    user: User | None,
    text: str,
    hotline: HotlineService,
    state: FSMContext,
    orientation: OrientationService | None = None,
    tickets: TicketService | None = None,
) -> None:
    """Treat `text` from `user` as a new question, answering in the chat of `message`."""
    await state.clear()
    await message.bot.send_chat_action(message.chat.id, ChatAction.TYPING)
    # With a request in progress, "des nouvelles ?" is about it rather than a new question.
    ticket = tickets.open_ticket_of(user.id) if tickets is not None and user else None
    asked = ask(hotline, sender_of(user), text, open_ticket=ticket is not None)
    await remember_question(state, asked.question_id, text)
    if asked.decision.kind == DecisionKind.ESCALATE:
        await intake.begin(message, state, asked.question_id, text)
        return
    await send(message, lead(reply_to(asked, ticket), answered_slug(asked), orientation))


async def captioned(message: Message, hotline: HotlineService, state: FSMContext) -> None:
    """A photo or document with a caption: the caption is read as the question."""
    await respond(message, message.from_user, message.caption, hotline, state)


async def edited_question(message: Message, hotline: HotlineService) -> None:
    """Answer the new version of an edited question."""
    asked = ask(hotline, sender_of(message.from_user), message.text)
    await message.answer(texts.EDITED)
    await send(message, reply_to(asked))


async def example(
    callback: CallbackQuery,
    callback_data: Example,
    hotline: HotlineService,
    orientation: OrientationService,
) -> None:
    """Ask one of the example questions of /start as if it had been typed."""
    text = texts.EXAMPLES[callback_data.n % len(texts.EXAMPLES)]
    message = message_of(callback)
    await callback.answer()
    if message is None:
        return
    await message.answer(f"<i>{text}</i>")
    asked = ask(hotline, sender_of(callback.from_user), text)
    await send(message, lead(reply_to(asked), answered_slug(asked), orientation))


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="questions")
    router.message.filter(F.chat.type == "private")
    router.edited_message.filter(F.chat.type == "private")
    router.message.register(
        missing_comment, StateFilter(FeedbackFlow.waiting_comment), F.text, ~F.text.startswith("/")
    )
    router.message.register(question, F.text, ~F.text.startswith("/"))
    # Outside a flow only: in the middle of a request, a picture must not restart everything.
    with_caption = (F.photo | F.document) & F.caption & ~F.caption.startswith("/")
    router.message.register(captioned, StateFilter(None), with_caption)
    router.edited_message.register(edited_question, F.text, ~F.text.startswith("/"))
    router.callback_query.register(example, Example.filter())
    return router
