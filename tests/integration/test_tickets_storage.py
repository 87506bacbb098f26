"""Tickets, advisors and the outbox on real databases: SQLite always, PostgreSQL when installed."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from knowledge.entries.records import EntryStatus
from routing.errors import AlreadyClaimed, InvalidInvitation
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.business_hours import BusinessCalendar, FixedClock
from routing.tickets.model import Channel, IntakeRequest, OfficialRole, TicketStatus
from routing.tickets.outbox import Notification, OutboxService
from routing.tickets.service import TicketPolicy, TicketService
from storage.database import make_session_factory
from storage.uow import SqlUnitOfWork
from tests.fakes import make_entry

GROUP, OFFICIAL, ALICE, BOB, SAM = -100, 1, 10, 11, 20
START = datetime(2026, 12, 1, 9, tzinfo=UTC)  # Tuesday, 10:00 in Paris
TABLES = {"tickets", "ticket_events", "advisors", "advisor_skills", "invitations", "jobs", "outbox"}


class Hotline:
    """The ticket services on a real database, with a fixed clock."""

    def __init__(self, engine) -> None:
        factory = make_session_factory(engine)
        self.uow = lambda: SqlUnitOfWork(factory)
        self.clock = FixedClock(START)
        # These tests open many tickets for one official: the cap is tested elsewhere.
        policy = TicketPolicy(advisors_chat_id=GROUP, max_open_requests=100)
        self.tickets = TicketService(self.uow, BusinessCalendar(), self.clock, policy)
        self.advisors = AdvisorDirectory(self.uow, self.clock)
        self.outbox = OutboxService(self.uow, self.clock)
        with self.uow() as uow:
            uow.users.seen(OFFICIAL, "Jeanne", None)
            if uow.entries.get("budget-participatif") is None:
                uow.entries.save(make_entry())
            uow.commit()
        for user_id, name, role in ((ALICE, "Alice", "advisor"), (BOB, "Bob", "advisor")):
            self.advisors.add(user_id, name, role)
        self.advisors.add(SAM, "Sam", "staff")

    def open(self, **changes):
        values = dict(
            official_id=OFFICIAL,
            question="Comment organiser un budget participatif ?",
            collectivite="Commune de Saint-Exemple",
            official_role=OfficialRole.ELU,
            channel=Channel.PHONE,
            phone="06 12 34 56 78",
            slots=[datetime(2026, 12, 2, 9, tzinfo=UTC)],
            consent=True,
        )
        values.update(changes)
        return self.tickets.open_ticket(IntakeRequest(**values)).ticket


@pytest.fixture
def hotline(engine) -> Hotline:
    return Hotline(engine)


def test_the_ticket_migration_creates_its_tables(engine):
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_a_ticket_round_trips_with_aware_times_and_its_event_log(hotline):
    opened = hotline.open()
    with hotline.uow() as uow:
        stored = uow.tickets.get(opened.id)
        events = uow.tickets.events(opened.id)
    assert stored.status == TicketStatus.NEW and stored.phone == "+33612345678"
    assert stored.created_at == START and stored.created_at.tzinfo is not None
    assert stored.slots == (datetime(2026, 12, 2, 9, tzinfo=UTC),)
    assert [e.kind for e in events] == ["created"]


def test_two_sessions_racing_on_the_conditional_update_make_exactly_one_claim(hotline):
    ticket = hotline.open()
    outcome = {}
    with hotline.uow() as first:
        assert first.tickets.claim(ticket.id, ALICE, START)

        def second_claim():
            with hotline.uow() as second:
                outcome["second"] = second.tickets.claim(ticket.id, BOB, START)
                second.commit()

        racer = threading.Thread(target=second_claim)
        racer.start()  # blocks on the row (PostgreSQL) or the write lock (SQLite)
        first.commit()
    racer.join(timeout=30)
    assert outcome == {"second": False}
    with hotline.uow() as uow:
        assert uow.tickets.get(ticket.id).advisor_id == ALICE


def test_simultaneous_claims_through_the_service_have_exactly_one_winner(hotline):
    for _ in range(5):
        ticket = hotline.open()
        barrier = threading.Barrier(2)
        results: dict[int, object] = {}

        def press(advisor_id, ticket_id=ticket.id, barrier=barrier, results=results):
            barrier.wait()
            try:
                results[advisor_id] = hotline.tickets.claim(ticket_id, advisor_id)
            except AlreadyClaimed as error:
                results[advisor_id] = error

        threads = [threading.Thread(target=press, args=(a,)) for a in (ALICE, BOB)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        winners = [a for a, r in results.items() if not isinstance(r, AlreadyClaimed)]
        assert len(results) == 2 and len(winners) == 1
        loser = ({ALICE, BOB} - set(winners)).pop()
        assert results[loser].holder_name == {ALICE: "Alice", BOB: "Bob"}[winners[0]]
        claims = [e for e in hotline.tickets.events(ticket.id) if e.kind == "claimed"]
        assert [e.actor_id for e in claims] == winners


def test_the_same_notification_is_never_enqueued_twice(hotline):
    key = f"test-dedupe-{id(hotline)}"
    notification = Notification(GROUP, "group_card", {"ticket_id": 0}, START, key)
    with hotline.uow() as uow:
        assert uow.outbox.add(notification, START) is True
        assert uow.outbox.add(notification, START) is False
        uow.commit()
    with hotline.uow() as uow:
        assert uow.outbox.add(notification, START) is False
        uow.commit()
    with hotline.uow() as uow:
        count = uow.session.scalar(
            text("SELECT count(*) FROM outbox WHERE dedupe_key = :key"), {"key": key}
        )
    assert count == 1


def test_outbox_rows_are_handed_out_when_due_and_marked_sent(hotline):
    ticket = hotline.open()
    due = [
        i for i in hotline.outbox.due(START, limit=500) if i.payload.get("ticket_id") == ticket.id
    ]
    [card] = [i for i in due if i.kind == "group_card"]
    hotline.outbox.mark_sent(card.id, 4242)
    hotline.tickets.card_posted(ticket.id, 4242)
    hotline.tickets.claim(ticket.id, ALICE)
    due = [
        i for i in hotline.outbox.due(START, limit=500) if i.payload.get("ticket_id") == ticket.id
    ]
    assert card.id not in [i.id for i in due]
    [update] = [i for i in due if i.kind == "group_card_update"]
    assert update.edit_message_id == 4242
    assert "phone" not in update.payload
    hotline.outbox.mark_failed(update.id, "timeout", START + timedelta(minutes=1))
    assert update.id not in [i.id for i in hotline.outbox.due(START, limit=500)]
    retried = [i for i in hotline.outbox.due(START + timedelta(minutes=1), limit=500)]
    assert [i.attempts for i in retried if i.id == update.id] == [1]


def test_reminders_run_once_from_the_database(hotline):
    ticket = hotline.open()
    hotline.tickets.claim(ticket.id, ALICE)
    at = datetime(2026, 12, 3, 13, tzinfo=UTC)
    hotline.tickets.book(ticket.id, ALICE, at, Channel.PHONE)

    def reminders():
        with hotline.uow() as uow:
            items = uow.outbox.items("reminder")
        return sorted(i.chat_id for i in items if i.payload["ticket_id"] == ticket.id)

    hotline.tickets.run_due_jobs(at - timedelta(days=1, minutes=1))
    assert reminders() == []
    hotline.tickets.run_due_jobs(at - timedelta(days=1))
    assert reminders() == sorted([OFFICIAL, ALICE])
    hotline.tickets.run_due_jobs(at - timedelta(days=1))
    assert reminders() == sorted([OFFICIAL, ALICE])


def test_an_invitation_code_is_spent_once(hotline):
    code = hotline.advisors.create_invitation(SAM)
    joined = hotline.advisors.join(5001, "Zoé", code)
    assert joined.role == "advisor"
    with pytest.raises(InvalidInvitation):
        hotline.advisors.join(5002, "Léa", code)
    assert hotline.advisors.role_of(5002) == "official"


def test_skills_and_open_counts_come_back_in_the_directory(hotline):
    hotline.advisors.set_skills(BOB, ["droit", "budget-participatif"])
    listed = {a.user_id: a for a in hotline.advisors.list()}
    assert listed[BOB].skills == ("budget-participatif", "droit")
    assert listed[SAM].role == "staff"


def test_closing_with_add_to_kb_stores_a_draft_entry(hotline):
    ticket = hotline.open(question=f"Peut-on voter en ligne pour le budget {id(hotline)} ?")
    hotline.tickets.claim(ticket.id, ALICE)
    hotline.tickets.close(ticket.id, ALICE, "Oui, avec une plateforme sécurisée.", add_to_kb=True)
    slug = hotline.tickets.events(ticket.id)[-1].detail
    with hotline.uow() as uow:
        draft = uow.entries.get(slug)
    assert draft.status == EntryStatus.DRAFT and "plateforme sécurisée" in draft.body


def test_a_message_caught_mid_send_by_a_crash_is_given_up_rather_than_sent_twice(hotline):
    ticket = hotline.open()
    due = [i for i in hotline.outbox.due(START, 500) if i.payload.get("ticket_id") == ticket.id]
    [card] = [i for i in due if i.kind == "group_card"]
    assert hotline.outbox.start_sending(card.id) is True
    assert hotline.outbox.start_sending(card.id) is False  # nobody else may take it now
    assert card.id not in [i.id for i in hotline.outbox.due(START, 500)]
    # The process dies here; the next one starts by giving up what was half-sent.
    assert hotline.outbox.abandon_interrupted() == 1
    assert hotline.outbox.abandon_interrupted() == 0
    later = START + timedelta(days=1)
    assert card.id not in [i.id for i in hotline.outbox.due(later, 500)]
    with hotline.uow() as uow:
        [row] = [i for i in uow.outbox.items("group_card") if i.id == card.id]
    assert row.last_error.startswith("interrupted")


def test_a_message_that_failed_after_starting_is_retried_later(hotline):
    ticket = hotline.open()
    due = [i for i in hotline.outbox.due(START, 500) if i.payload.get("ticket_id") == ticket.id]
    [card] = [i for i in due if i.kind == "group_card"]
    hotline.outbox.start_sending(card.id)
    hotline.outbox.mark_failed(card.id, "timeout", START + timedelta(minutes=1))
    assert hotline.outbox.abandon_interrupted() == 0
    assert card.id in [i.id for i in hotline.outbox.due(START + timedelta(minutes=1), 500)]
