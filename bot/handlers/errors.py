"""The one place where domain errors become messages for the person."""

import logging
import traceback

from aiogram.types import ErrorEvent

from bot import texts
from routing.errors import EntryUnavailable, HotlineError, NotYourQuestion, QuestionNotFound

log = logging.getLogger(__name__)

MESSAGES: dict[type[HotlineError], str] = {
    EntryUnavailable: texts.ERROR_ENTRY_UNAVAILABLE,
    QuestionNotFound: texts.ERROR_QUESTION,
    NotYourQuestion: texts.ERROR_NOT_YOURS,
}


def message_for(error: Exception) -> str:
    """Return the French message for an error; a generic one for the unexpected."""
    for kind, text in MESSAGES.items():
        if isinstance(error, kind):
            return text
    return texts.ERROR_GENERIC


async def on_error(event: ErrorEvent) -> bool:
    """Tell the person what went wrong, log it without personal data, keep the bot up."""
    error = event.exception
    if not isinstance(error, HotlineError):
        # The type and where it happened, never the message: exception texts can carry what
        # the person wrote (SQL parameters, for instance), and logs must hold no personal data.
        log.error(
            "update %s failed: %s\n%s",
            event.update.update_id,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)),
        )
    text = message_for(error)
    update = event.update
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.message is not None:
            await update.message.answer(text)
        elif update.edited_message is not None:
            await update.edited_message.answer(text)
    except Exception as reply_error:  # the reply itself may fail (network): never re-raise
        log.warning("could not report an error to the user: %s", type(reply_error).__name__)
    return True
