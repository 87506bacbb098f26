"""The composition root: settings, engine, index and services, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.backoffice.services import BackOffice, build_backoffice
from bot.settings import Settings
from knowledge.catalogue import KnowledgeBase
from knowledge.index import IndexStore
from knowledge.search import Searcher
from knowledge.synonyms import SynonymTable
from routing.advisors import AdvisorDirectory
from routing.answering import AnswerService
from routing.business_hours import BusinessCalendar, Clock, SystemClock
from routing.decision import Thresholds
from routing.delivery import DeliveryService
from routing.hotline import HotlineService
from routing.intent import EscalationDetector
from routing.moderation import ModerationService
from routing.outbox import OutboxService
from routing.privacy import PrivacyService, Retention
from routing.ticket_service import TicketPolicy, TicketService
from storage.database import make_engine, make_session_factory, upgrade
from storage.uow import SqlUnitOfWork


@dataclass
class Container:
    """Everything the commands and the bot need, wired together."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    knowledge: KnowledgeBase
    answers: AnswerService
    hotline: HotlineService
    backoffice: BackOffice | None = None
    # Reliability and personal data (issue 6), derived from the settings and the database.
    moderation: ModerationService = field(init=False)
    deliveries: DeliveryService = field(init=False)
    privacy: PrivacyService = field(init=False)
    # Tickets and advisors (issue 4); a FixedClock is injected by tests and the sandbox.
    clock: Clock = field(default_factory=SystemClock)
    calendar: BusinessCalendar = field(init=False)
    tickets: TicketService = field(init=False)
    advisors: AdvisorDirectory = field(init=False)
    outbox: OutboxService = field(init=False)

    def __post_init__(self) -> None:
        self.moderation = ModerationService(self.uow)
        self.deliveries = DeliveryService(self.uow)
        retention = Retention(
            contact_details=timedelta(days=self.settings.contact_retention_days),
            conversations=timedelta(days=self.settings.log_retention_days),
        )
        self.privacy = PrivacyService(self.uow, retention)
        self._build_tickets()

    def _build_tickets(self) -> None:
        """Build the ticket services on the settings' business calendar and the clock."""
        settings = self.settings
        self.calendar = BusinessCalendar.from_text(
            settings.business_hours,
            settings.business_days,
            settings.timezone,
            settings.response_hours,
        )
        policy = TicketPolicy(
            advisors_chat_id=settings.advisors_chat_id,
            staff_chat_id=settings.staff_chat_id,
            claim_reminder=timedelta(minutes=settings.claim_reminder_minutes),
            staff_escalation=timedelta(minutes=settings.staff_escalation_minutes),
        )
        self.tickets = TicketService(self.uow, self.calendar, self.clock, policy, self.answers)
        self.advisors = AdvisorDirectory(self.uow, self.clock)
        self.outbox = OutboxService(self.uow, self.clock)

    def uow(self) -> SqlUnitOfWork:
        """Return a new unit of work on the database."""
        return SqlUnitOfWork(self.session_factory)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def build_container(settings: Settings, seed: bool = True, clock: Clock | None = None) -> Container:
    """Migrate the database, load the seed content if empty, make sure the index is current."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    session_factory = make_session_factory(engine)
    store = IndexStore(settings.index_dir)
    knowledge = KnowledgeBase(lambda: SqlUnitOfWork(session_factory), store)
    if seed:
        knowledge.ensure_seeded()
    knowledge.ensure_index()
    thresholds = Thresholds(
        answer=settings.answer_threshold,
        clarify=settings.clarify_threshold,
        margin=settings.clarify_margin,
    )
    answers = AnswerService(
        Searcher(store, SynonymTable.load()), EscalationDetector.load(), thresholds
    )
    hotline = HotlineService(lambda: SqlUnitOfWork(session_factory), answers)
    container = Container(
        settings, engine, session_factory, knowledge, answers, hotline, clock=clock or SystemClock()
    )
    container.backoffice = build_backoffice(container)
    return container
