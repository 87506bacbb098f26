"""The composition root: settings, engine, index and services, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from knowledge.catalogue import KnowledgeBase
from knowledge.index import IndexStore
from knowledge.search import Searcher
from knowledge.synonyms import SynonymTable
from routing.answering import AnswerService
from routing.decision import Thresholds
from routing.hotline import HotlineService
from routing.intent import EscalationDetector
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

    def uow(self) -> SqlUnitOfWork:
        """Return a new unit of work on the database."""
        return SqlUnitOfWork(self.session_factory)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def build_container(settings: Settings, seed: bool = True) -> Container:
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
    return Container(settings, engine, session_factory, knowledge, answers, hotline)
