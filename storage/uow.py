"""Unit of work: one transaction around the repositories a service uses."""

from __future__ import annotations

from typing import Protocol, Self

from sqlalchemy.orm import Session, sessionmaker

from knowledge.entries.records import EntryRepository
from storage.answers.conversations import (
    SqlConversationStateRepository,
    SqlQuestionRepository,
    SqlUserRepository,
)
from storage.curation.gap_store import SqlGapRepository
from storage.knowledge.entries import SqlEntryRepository
from storage.orientation.repository import SqlOrientationRepository
from storage.safety.privacy import SqlPrivacyRepository
from storage.safety.reliability import (
    SqlBlockList,
    SqlFailedDeliveries,
    SqlMaintenanceRuns,
    SqlUpdateLog,
)
from storage.safety.revocation import SqlAccessRevocation
from storage.tickets.advisors import SqlAdvisorRepository
from storage.tickets.outbox import SqlJobRepository, SqlOutboxRepository
from storage.tickets.repository import SqlTicketRepository


class UnitOfWork(Protocol):
    """A transaction boundary giving access to the repositories."""

    entries: EntryRepository

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc) -> None: ...

    def commit(self) -> None:
        """Make the changes of this unit durable."""

    def rollback(self) -> None:
        """Discard the changes of this unit."""


class SqlUnitOfWork:
    """Unit of work over a SQLAlchemy session; rolls back unless committed."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self.session_factory()
        self.entries = SqlEntryRepository(self.session)
        self.users = SqlUserRepository(self.session)
        self.questions = SqlQuestionRepository(self.session)
        self.states = SqlConversationStateRepository(self.session)
        self.updates = SqlUpdateLog(self.session)
        self.blocks = SqlBlockList(self.session)
        self.deliveries = SqlFailedDeliveries(self.session)
        self.maintenance = SqlMaintenanceRuns(self.session)
        self.privacy = SqlPrivacyRepository(self.session)
        self.tickets = SqlTicketRepository(self.session)
        self.advisors = SqlAdvisorRepository(self.session)
        self.outbox = SqlOutboxRepository(self.session)
        self.jobs = SqlJobRepository(self.session)
        self.orientation = SqlOrientationRepository(self.session)
        self.gaps = SqlGapRepository(self.session)
        self.access = SqlAccessRevocation(self.session)
        return self

    def __exit__(self, *exc) -> None:
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        """Make the changes of this unit durable."""
        self.session.commit()

    def rollback(self) -> None:
        """Discard the changes of this unit."""
        self.session.rollback()
