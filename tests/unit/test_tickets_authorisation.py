"""Every advisor or official action is authorised from the database, never from a button."""

from datetime import datetime

import pytest

from routing.errors import (
    InvalidTransition,
    NoLongerHeld,
    NotAllowed,
    NotHolder,
    TicketNotFound,
    UnknownAdvisor,
)
from routing.tickets.model import Channel, TicketStatus
from tests.unit.tickets_world import ALICE, BOB, OFFICIAL, OTHER_OFFICIAL, SAM, STRANGER, World


@pytest.fixture
def world() -> World:
    return World()


def test_an_unregistered_user_cannot_claim_and_the_ticket_stays_in_the_queue(world):
    ticket = world.open()
    with pytest.raises(NotAllowed) as caught:
        world.tickets.claim(ticket.id, STRANGER)
    assert (caught.value.action, caught.value.user_id) == ("claim", STRANGER)
    assert world.tickets.queue()[0].status == TicketStatus.NEW


def test_the_official_cannot_claim_their_own_ticket(world):
    ticket = world.open()
    with pytest.raises(NotAllowed):
        world.tickets.claim(ticket.id, OFFICIAL)


def test_a_removed_advisor_loses_the_right_to_claim_at_once(world):
    ticket = world.open()
    world.advisors.remove(BOB)
    with pytest.raises(NotAllowed):
        world.tickets.claim(ticket.id, BOB)


def test_a_forged_ticket_number_is_reported_as_not_found(world):
    with pytest.raises(TicketNotFound):
        world.tickets.claim(4242, ALICE)
    with pytest.raises(TicketNotFound):
        world.tickets.cancel(4242, OFFICIAL)


@pytest.mark.parametrize(
    "action",
    [
        lambda t, i: t.release(i, BOB),
        lambda t, i: t.transfer(i, BOB, BOB),
        lambda t, i: t.book(i, BOB, datetime(2026, 12, 3, 14), Channel.PHONE),
        lambda t, i: t.relay_to_official(i, BOB, "Bonjour"),
        lambda t, i: t.close(i, BOB, "Fini"),
    ],
)
def test_another_advisor_cannot_act_on_a_ticket_they_do_not_hold(world, action):
    ticket = world.claimed(ALICE)
    with pytest.raises(NotHolder) as refused:
        action(world.tickets, ticket.id)
    assert refused.value.holder_name == "Alice"
    assert world.tickets.get(ticket.id, ALICE).advisor_id == ALICE


def test_staff_may_release_or_transfer_a_ticket_someone_else_holds(world):
    ticket = world.claimed(ALICE)
    assert world.tickets.transfer(ticket.id, SAM, BOB).advisor_id == BOB
    assert world.tickets.release(ticket.id, SAM).status == TicketStatus.NEW


def test_a_ticket_cannot_be_transferred_to_someone_who_is_not_an_advisor(world):
    ticket = world.claimed(ALICE)
    with pytest.raises(UnknownAdvisor):
        world.tickets.transfer(ticket.id, ALICE, STRANGER)


@pytest.mark.parametrize(
    "action",
    [
        lambda t, i: t.cancel(i, OTHER_OFFICIAL),
        lambda t, i: t.add_detail(i, OTHER_OFFICIAL, "détail"),
        lambda t, i: t.relay_to_advisor(i, OTHER_OFFICIAL, "bonjour"),
        lambda t, i: t.official_confirms(i, OTHER_OFFICIAL),
        lambda t, i: t.rate(i, OTHER_OFFICIAL, 5),
    ],
)
def test_an_official_cannot_act_on_someone_elses_ticket(world, action):
    ticket = world.claimed(ALICE)
    with pytest.raises(NotAllowed):
        action(world.tickets, ticket.id)


def test_contact_details_are_shown_only_to_the_claimer_and_the_official(world):
    ticket = world.claimed(ALICE)
    assert world.tickets.get(ticket.id, ALICE).phone == "+33612345678"
    assert world.tickets.get(ticket.id, OFFICIAL).phone == "+33612345678"
    assert world.tickets.get(ticket.id, BOB).phone is None
    assert world.tickets.get(ticket.id, SAM).phone is None
    with pytest.raises(NotAllowed):
        world.tickets.get(ticket.id, STRANGER)
    with pytest.raises(NotAllowed):
        world.tickets.get(ticket.id, OTHER_OFFICIAL)


def test_only_advisors_see_the_queue_and_their_tickets(world):
    world.open()
    with pytest.raises(NotAllowed):
        world.tickets.queue(STRANGER)
    with pytest.raises(NotAllowed):
        world.tickets.tickets_of_advisor(OFFICIAL)
    assert len(world.tickets.queue(ALICE)) == 1


def test_an_action_that_does_not_fit_the_status_is_refused(world):
    ticket = world.open()
    with pytest.raises(InvalidTransition):
        world.tickets.official_confirms(ticket.id, OFFICIAL)
    with pytest.raises(NoLongerHeld):
        world.tickets.release(ticket.id, ALICE)
    world.tickets.claim(ticket.id, ALICE)
    world.tickets.close(ticket.id, ALICE, "Conseils donnés")
    with pytest.raises(InvalidTransition):
        world.tickets.relay_to_advisor(ticket.id, OFFICIAL, "Bonjour")


def test_someone_given_the_advisor_role_in_the_database_may_claim(world):
    with world.uow as uow:
        uow.users.set_role(STRANGER, "advisor")
        uow.commit()
    ticket = world.open()
    assert world.tickets.claim(ticket.id, STRANGER).advisor_id == STRANGER
