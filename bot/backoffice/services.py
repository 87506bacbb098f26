"""The services the back-office and the staff commands use, built once by the container."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.catalogue.editing import EntryEditor
from routing.curation.closing_loop import AnswerNotifier
from routing.curation.reports import ReportService
from routing.curation.service import CurationService
from routing.orientation.staff import OrientationStaff
from routing.review.citations import CitationService
from routing.review.feedback import FeedbackService
from routing.review.journal import Journal
from routing.safety.staff_access import StaffAccess
from routing.tickets.board import TicketBoard


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
    citations: CitationService
    feedback: FeedbackService
    journal: Journal
    orientation: OrientationStaff | None = None  # ateliers and projets partagés (issue 14)


def sign_in_url(backoffice: BackOffice, token: str) -> str:
    """Return the one-time sign-in address for a token."""
    return f"{backoffice.base_url}/connexion?jeton={token}"
