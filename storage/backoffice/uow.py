"""The unit of work of the back-office: the shared repositories plus the curation ones."""

from __future__ import annotations

from typing import Self

from storage.backoffice.access import SqlBackofficeRepository
from storage.curation.gaps import SqlCurationRepository
from storage.curation.reports import SqlReportQueries
from storage.knowledge.citations import SqlCitationRepository
from storage.knowledge.entry_versions import SqlEntryVersions
from storage.review.feedback import SqlFeedbackQueries
from storage.review.people import SqlPeopleNames
from storage.tickets.board import SqlTicketBoard
from storage.uow import SqlUnitOfWork


class BackofficeUnitOfWork(SqlUnitOfWork):
    """A SqlUnitOfWork that also gives the back-office repositories, on the same session."""

    def __enter__(self) -> Self:
        super().__enter__()
        self.backoffice = SqlBackofficeRepository(self.session)
        self.curation = SqlCurationRepository(self.session)
        self.versions = SqlEntryVersions(self.session)
        self.reports = SqlReportQueries(self.session)
        self.board = SqlTicketBoard(self.session)
        self.citations = SqlCitationRepository(self.session)
        self.feedback = SqlFeedbackQueries(self.session)
        self.people = SqlPeopleNames(self.session)
        return self
