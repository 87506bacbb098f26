"""The ticket statuses and the moves allowed between them."""

import pytest

from routing.tickets.model import TRANSITIONS, TicketStatus, sources_of

S = TicketStatus


def test_every_status_has_an_entry_in_the_transitions_table():
    assert set(TRANSITIONS) == set(TicketStatus)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEW, S.CLAIMED),
        (S.NEW, S.CANCELLED),
        (S.CLAIMED, S.NEW),
        (S.CLAIMED, S.SCHEDULED),
        (S.CLAIMED, S.WAITING_OFFICIAL),
        (S.CLAIMED, S.RESOLVED),
        (S.SCHEDULED, S.SCHEDULED),
        (S.SCHEDULED, S.CLAIMED),
        (S.WAITING_OFFICIAL, S.CLAIMED),
        (S.WAITING_OFFICIAL, S.RESOLVED),
    ],
)
def test_the_moves_the_hotline_needs_are_allowed(start, target):
    assert start.can_become(target)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEW, S.RESOLVED),
        (S.NEW, S.SCHEDULED),
        (S.NEW, S.WAITING_OFFICIAL),
        (S.CLAIMED, S.CLAIMED),
        (S.RESOLVED, S.NEW),
        (S.RESOLVED, S.CLAIMED),
        (S.CANCELLED, S.NEW),
        (S.CANCELLED, S.CLAIMED),
    ],
)
def test_a_ticket_cannot_skip_the_claim_nor_leave_a_final_status(start, target):
    assert not start.can_become(target)


def test_resolved_and_cancelled_are_final_and_closed():
    for final in (S.RESOLVED, S.CANCELLED):
        assert TRANSITIONS[final] == frozenset()
        assert not final.is_open
    assert all(s.is_open for s in TicketStatus if s not in (S.RESOLVED, S.CANCELLED))


def test_only_claimed_scheduled_and_waiting_tickets_are_held_by_an_advisor():
    assert {s for s in TicketStatus if s.is_held} == {S.CLAIMED, S.SCHEDULED, S.WAITING_OFFICIAL}


def test_only_a_new_ticket_can_be_claimed():
    assert sources_of(S.CLAIMED) == {S.NEW, S.SCHEDULED, S.WAITING_OFFICIAL}
    assert S.NEW in sources_of(S.CLAIMED) and S.CLAIMED not in sources_of(S.CLAIMED)
