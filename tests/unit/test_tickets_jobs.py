"""Scheduled work from the database: appointment reminders and SLA checks."""

from datetime import datetime, timedelta

import pytest

from routing.tickets.model import Channel
from tests.unit.tickets_world import ALICE, GROUP, OFFICIAL, PARIS, SAM, STAFF_CHAT, World


@pytest.fixture
def world() -> World:
    return World()


def test_nothing_is_due_before_its_time(world):
    world.open()
    assert world.tickets.run_due_jobs() == 0


def test_an_unclaimed_ticket_is_reminded_in_the_group_after_an_hour_of_business_time(world):
    ticket = world.open()
    world.clock.advance(timedelta(minutes=59))
    assert world.tickets.run_due_jobs() == 0
    world.clock.advance(timedelta(minutes=1))
    assert world.tickets.run_due_jobs() == 1
    [reminder] = world.sent("sla_reminder_group")
    assert reminder.chat_id == GROUP and reminder.payload["waiting_minutes"] == 60
    assert reminder.payload["ticket_id"] == ticket.id and "phone" not in reminder.payload
    assert world.tickets.run_due_jobs() == 0  # each job runs once


def test_still_unclaimed_after_four_business_hours_it_goes_to_staff(world):
    world.open()
    # Opened 10:00; four business hours later is 15:00 (2.5 h, lunch, then 1.5 h).
    world.clock.set(datetime(2026, 12, 1, 14, 59, tzinfo=PARIS))
    world.tickets.run_due_jobs()
    assert world.sent("sla_reminder_staff") == []
    world.clock.set(datetime(2026, 12, 1, 15, 0, tzinfo=PARIS))
    world.tickets.run_due_jobs()
    assert [i.chat_id for i in world.sent("sla_reminder_staff")] == [STAFF_CHAT]


def test_without_a_staff_chat_each_staff_member_is_told_in_private():
    world = World(staff_chat=None)
    world.open()
    world.clock.advance(timedelta(days=1))
    world.tickets.run_due_jobs()
    assert [i.chat_id for i in world.sent("sla_reminder_staff")] == [SAM]


def test_a_claimed_ticket_gets_no_sla_reminder(world):
    ticket = world.open()
    world.tickets.claim(ticket.id, ALICE)
    world.clock.advance(timedelta(days=2))
    assert world.tickets.run_due_jobs() == 0
    assert world.sent("sla_reminder_group") == []


def test_sla_time_counts_business_hours_only(world):
    world.clock.set(datetime(2026, 12, 4, 17, 15, tzinfo=PARIS))  # Friday, 15 min before closing
    world.open()
    world.clock.set(datetime(2026, 12, 7, 9, 44, tzinfo=PARIS))
    world.tickets.run_due_jobs()
    assert world.sent("sla_reminder_group") == []
    world.clock.set(datetime(2026, 12, 7, 9, 45, tzinfo=PARIS))
    world.tickets.run_due_jobs()
    assert len(world.sent("sla_reminder_group")) == 1


def test_a_released_ticket_is_watched_again(world):
    ticket = world.claimed(ALICE)
    world.tickets.release(ticket.id, ALICE)
    world.clock.advance(timedelta(hours=1))
    world.tickets.run_due_jobs()
    assert len(world.sent("sla_reminder_group")) == 1


def test_both_sides_are_reminded_the_day_before_and_fifteen_minutes_before(world):
    ticket = world.claimed(ALICE)
    at = datetime(2026, 12, 3, 14, 30, tzinfo=PARIS)
    world.tickets.book(ticket.id, ALICE, at, Channel.PHONE)
    world.clock.set(at - timedelta(days=1))
    assert world.tickets.run_due_jobs() == 2
    world.clock.set(at - timedelta(minutes=15))
    assert world.tickets.run_due_jobs() == 2
    reminders = world.sent("reminder")
    assert [(r.chat_id, r.payload["which"]) for r in reminders] == [
        (OFFICIAL, "day_before"),
        (ALICE, "day_before"),
        (OFFICIAL, "soon"),
        (ALICE, "soon"),
    ]
    assert reminders[1].payload["phone"] == "+33612345678"
    assert "phone" not in reminders[0].payload


def test_a_moved_appointment_is_reminded_at_its_new_time_only(world):
    ticket = world.claimed(ALICE)
    first = datetime(2026, 12, 3, 14, tzinfo=PARIS)
    second = datetime(2026, 12, 4, 10, tzinfo=PARIS)
    world.tickets.book(ticket.id, ALICE, first, Channel.PHONE)
    world.tickets.book(ticket.id, ALICE, second, Channel.PHONE)
    world.clock.set(second)
    world.tickets.run_due_jobs()
    assert {r.payload["at"] for r in world.sent("reminder")} == {second.isoformat()}


def test_a_cancelled_or_closed_ticket_is_not_reminded(world):
    ticket = world.claimed(ALICE)
    world.tickets.book(ticket.id, ALICE, datetime(2026, 12, 3, 14, tzinfo=PARIS), Channel.PHONE)
    world.tickets.cancel(ticket.id, OFFICIAL)
    world.clock.advance(timedelta(days=5))
    assert world.tickets.run_due_jobs() == 0


def test_a_call_booked_for_within_the_day_gets_only_the_fifteen_minute_reminder(world):
    ticket = world.claimed(ALICE)
    at = world.clock.now() + timedelta(hours=3)
    world.tickets.book(ticket.id, ALICE, at, Channel.PHONE)
    world.clock.set(at)
    world.tickets.run_due_jobs()
    assert {r.payload["which"] for r in world.sent("reminder")} == {"soon"}


def test_the_outbox_hands_out_due_messages_and_retries_failures(world):
    world.open()
    [card] = world.outbox.due(world.clock.now())
    world.outbox.mark_failed(card.id, "réseau", world.clock.now() + timedelta(seconds=5))
    assert world.outbox.due(world.clock.now()) == []
    world.clock.advance(timedelta(seconds=5))
    [again] = world.outbox.due(world.clock.now())
    assert again.attempts == 1
    world.outbox.mark_sent(again.id, 77)
    assert world.outbox.due(world.clock.now()) == [] and world.outbox.pending() == 0
