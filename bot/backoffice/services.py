"""The services the back-office and the staff commands use, built once by the container."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from knowledge.editing import EntryEditor
from knowledge.search import Searcher
from routing.answering import AnswerService
from routing.closing_loop import AnswerNotifier
from routing.curation import CurationService
from routing.reports import ReportService
from routing.staff_access import StaffAccess
from routing.ticket_board import TicketBoard
from storage.backoffice_uow import BackofficeUnitOfWork

if TYPE_CHECKING:
    from bot.container import Container


@dataclass
class BackOffice:
    """Staff sign-in, entry edits, curation, closing the loop, reports and the ticket board."""

    access: StaffAccess
    editor: EntryEditor
    curation: CurationService
    notifier: AnswerNotifier
    reports: ReportService
    tickets: TicketBoard
    base_url: str


def build_backoffice(container: Container) -> BackOffice:
    """Wire the back-office services on the container's database, index, answers and clock."""
    settings, now = container.settings, container.clock.now

    def uow() -> BackofficeUnitOfWork:
        return BackofficeUnitOfWork(container.session_factory)

    # The notifier runs in worker threads: it gets its own searcher on the same index, so it
    # never shares whoosh reader state with the bot's searches on the event loop.
    bot_answers = container.answers
    answers = AnswerService(
        Searcher(container.knowledge.index, bot_answers.searcher.synonyms),
        bot_answers.detector,
        bot_answers.thresholds,
    )
    notifier = AnswerNotifier(uow, answers, now)
    editor = EntryEditor(container.knowledge, uow)
    return BackOffice(
        access=StaffAccess(uow, timedelta(hours=settings.backoffice_session_hours), now),
        editor=editor,
        curation=CurationService(uow, editor, notifier, now),
        notifier=notifier,
        reports=ReportService(uow, now),
        tickets=TicketBoard(uow, container.calendar, container.tickets.policy, now),
        base_url=settings.backoffice_url,
    )


def sign_in_url(backoffice: BackOffice, token: str) -> str:
    """Return the one-time sign-in address for a token."""
    return f"{backoffice.base_url}/connexion?jeton={token}"
