"""The one place where domain errors become messages for the person."""

import logging
import traceback

from aiogram.types import ErrorEvent

from bot.backoffice import texts as backoffice_texts
from bot.delivery.session import DeliveryDeferred
from bot.views import orientation_views, safety_texts, texts, ticket_texts
from bot.views.appointment_time import UnreadableTime
from routing.errors import (
    AlreadyClaimed,
    EmptyMessage,
    EntryUnavailable,
    ErasureRefused,
    HotlineError,
    IncompleteIntake,
    InvalidAppointment,
    InvalidContact,
    InvalidInvitation,
    InvalidRating,
    InvalidTransition,
    NoLongerHeld,
    NotAllowed,
    NotHolder,
    NotStaff,
    NotYourQuestion,
    QuestionNotFound,
    TicketNotFound,
    TooManyOpenRequests,
    UnknownAdvisor,
)
from routing.orientation.model import (
    CycleUnavailable,
    InvalidCycle,
    RegistrationChanged,
    RegistrationNotFound,
    ThemeUnavailable,
)
from storage.transient import is_transient

log = logging.getLogger(__name__)

MESSAGES: dict[type[HotlineError], str] = {
    EntryUnavailable: texts.ERROR_ENTRY_UNAVAILABLE,
    QuestionNotFound: texts.ERROR_QUESTION,
    NotYourQuestion: texts.ERROR_NOT_YOURS,
    NotStaff: backoffice_texts.NOT_STAFF,
    # Escalation to advisors (issue 4); "{name}" fields come from the error's attributes.
    TicketNotFound: ticket_texts.ERROR_TICKET_NOT_FOUND,
    # Before NotAllowed: an advisor who no longer holds a ticket is told who does (issue 12).
    NotHolder: ticket_texts.ERROR_NOT_HOLDER,
    NoLongerHeld: ticket_texts.ERROR_NO_LONGER_HELD,
    TooManyOpenRequests: ticket_texts.ERROR_TOO_MANY_REQUESTS,
    NotAllowed: ticket_texts.ERROR_NOT_ALLOWED,
    AlreadyClaimed: ticket_texts.ERROR_ALREADY_CLAIMED,
    InvalidTransition: ticket_texts.ERROR_INVALID_TRANSITION,
    InvalidContact: ticket_texts.ERROR_INVALID_CONTACT,
    InvalidInvitation: ticket_texts.ERROR_INVITATION,
    InvalidRating: ticket_texts.ERROR_RATING,
    InvalidAppointment: ticket_texts.ERROR_APPOINTMENT,
    UnknownAdvisor: ticket_texts.ERROR_UNKNOWN_ADVISOR,
    UnreadableTime: ticket_texts.ERROR_UNREADABLE_TIME,
    EmptyMessage: ticket_texts.ERROR_EMPTY_MESSAGE,
    IncompleteIntake: ticket_texts.ERROR_INCOMPLETE_INTAKE,
    # Personal data (issue 6).
    ErasureRefused: safety_texts.ERASE_STAFF,
    # Ateliers and projets partagés (issue 14).
    CycleUnavailable: orientation_views.ERROR_CYCLE,
    RegistrationNotFound: orientation_views.ERROR_REGISTRATION,
    RegistrationChanged: orientation_views.ERROR_CHANGED,
    ThemeUnavailable: orientation_views.ERROR_THEME,
    InvalidCycle: orientation_views.ERROR_INVALID_CYCLE,
}


class _Fields(dict):
    """The error's attributes for a message template; a missing one reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def message_for(error: Exception) -> str:
    """Return the French message for an error; a generic one for the unexpected."""
    for kind, text in MESSAGES.items():
        if isinstance(error, kind):
            return text.format_map(_Fields(vars(error)))
    if is_transient(error):  # database busy, locked or unreachable, after the retries
        return texts.ERROR_UNAVAILABLE
    return texts.ERROR_GENERIC


async def on_error(event: ErrorEvent) -> bool:
    """Tell the person what went wrong, log it without personal data, keep the bot up."""
    error = event.exception
    if isinstance(error, DeliveryDeferred):
        # Telegram was unreachable; the message is recorded and the retry loop will send it.
        return True
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
