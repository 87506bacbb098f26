"""The composition root: settings, engine, index and services, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.backoffice.services import BackOffice
from bot.settings import Settings
from knowledge.catalogue.editing import EntryEditor
from knowledge.catalogue.service import KnowledgeBase
from knowledge.search.engine import Searcher
from knowledge.search.index import IndexStore
from knowledge.search.synonyms import SynonymTable
from routing.answers.answering import AnswerService
from routing.answers.decision import Thresholds
from routing.answers.hotline import HotlineService
from routing.answers.intent import EscalationDetector
from routing.curation.closing_loop import AnswerNotifier
from routing.curation.gap_recorder import GapRecorder
from routing.curation.reports import ReportService
from routing.curation.service import CurationService
from routing.orientation.projects import SharedProjects
from routing.orientation.service import OrientationService
from routing.orientation.staff import OrientationStaff
from routing.review.citations import CitationService
from routing.review.feedback import FeedbackService
from routing.review.journal import Journal
from routing.safety.failed_deliveries import DeliveryService
from routing.safety.moderation import ModerationService
from routing.safety.privacy import PrivacyService, Retention
from routing.safety.staff_access import StaffAccess
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.board import TicketBoard
from routing.tickets.business_hours import BusinessCalendar, Clock, SystemClock
from routing.tickets.outbox import OutboxService
from routing.tickets.service import TicketPolicy, TicketService
from storage.backoffice.uow import BackofficeUnitOfWork
from storage.database import make_engine, make_session_factory, startup_lock, upgrade
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
    # Ateliers interactifs and projets partagés (issue 14).
    orientation: OrientationService = field(init=False)
    orientation_staff: OrientationStaff = field(init=False)
    projects: SharedProjects = field(init=False)

    def __post_init__(self) -> None:
        self.moderation = ModerationService(self.uow)
        self.deliveries = DeliveryService(self.uow)
        retention = Retention(
            contact_details=timedelta(days=self.settings.contact_retention_days),
            conversations=timedelta(days=self.settings.log_retention_days),
            delivered_messages=timedelta(days=self.settings.outbox_retention_days),
            outbox=timedelta(days=self.settings.outbox_retention_days),
        )
        self._build_tickets()
        self.privacy = PrivacyService(self.uow, retention, tickets=self.tickets)
        self._build_orientation()

    def _build_orientation(self) -> None:
        """Build the orientation services on the same clock and time zone."""
        tz = self.settings.timezone
        self.orientation = OrientationService(self.uow, self.clock, tz)
        self.orientation_staff = OrientationStaff(self.uow, self.clock, tz)
        self.projects = SharedProjects(self.uow, self.clock)

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
            max_open_requests=settings.max_open_requests,
            rating_comment_wait=timedelta(minutes=settings.rating_comment_wait_minutes),
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
    session_factory = make_session_factory(engine)
    store = IndexStore(settings.index_dir)
    knowledge = KnowledgeBase(lambda: SqlUnitOfWork(session_factory), store)
    # Several processes may start together on PostgreSQL: one migrates and seeds, others wait.
    with startup_lock(engine):
        upgrade(engine)
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
    clock = clock or SystemClock()
    hotline = HotlineService(
        lambda: SqlUnitOfWork(session_factory), answers, GapRecorder(clock.now)
    )
    container = Container(
        settings, engine, session_factory, knowledge, answers, hotline, clock=clock
    )
    container.backoffice = build_backoffice(container)
    return container


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
        citations=CitationService(uow, editor, now),
        feedback=FeedbackService(uow, now),
        journal=Journal(uow),
        orientation=container.orientation_staff,
    )
