"""Every change of a ticket reaches exactly the parties the table names, each with its view."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.views.notification_views import render
from routing.tickets.model import TRANSITIONS, Channel, TicketStatus
from routing.tickets.parties import CHANGES, Party, changes_making
from tests.unit.tickets_world import ALICE, BOB, GROUP, OFFICIAL, SAM, STAFF_CHAT, World

S = TicketStatus
PHONE_SHOWN = "06 12 34 56 78"


def test_every_allowed_transition_is_made_by_a_change_that_says_who_is_told():
    for source, targets in TRANSITIONS.items():
        for target in targets:
            assert changes_making(source, target), f"{source} -> {target}: nobody is told"


def test_no_change_makes_a_move_the_transitions_forbid():
    for name, change in CHANGES.items():
        for source, target in change.moves:
            assert source == target or source.can_become(target), (name, source, target)


def _booked(world, ticket_id):
    world.tickets.book(ticket_id, ALICE, datetime(2026, 12, 3, 14), Channel.PHONE)


def _closed(world, ticket_id):
    world.tickets.close(ticket_id, ALICE, "Conseils donnés au téléphone")


# change -> (what brings the ticket to the right state, the change itself by its actor)
SCENARIOS = {
    "claim": (None, lambda w, i: w.tickets.claim(i, ALICE)),
    "release": ("claim", lambda w, i: w.tickets.release(i, ALICE)),
    "transfer": ("claim", lambda w, i: w.tickets.transfer(i, ALICE, BOB)),
    "book": ("claim", _booked),
    "confirm": ("book", lambda w, i: w.tickets.official_confirms(i, OFFICIAL)),
    "reslot": ("book", lambda w, i: w.tickets.official_asks_reslot(i, OFFICIAL)),
    "relay_to_official": ("claim", lambda w, i: w.tickets.relay_to_official(i, ALICE, "Bonjour")),
    "relay_to_advisor": ("claim", lambda w, i: w.tickets.relay_to_advisor(i, OFFICIAL, "Merci")),
    "detail": ("claim", lambda w, i: w.tickets.add_detail(i, OFFICIAL, "800 habitants")),
    "close": ("claim", _closed),
    "cancel": ("claim", lambda w, i: w.tickets.cancel(i, OFFICIAL)),
    "rate": ("close", lambda w, i: w.tickets.rate(i, OFFICIAL, 4, "Très utile")),
}
SETUP = {
    "claim": lambda w, i: w.tickets.claim(i, ALICE),
    "book": lambda w, i: (w.tickets.claim(i, ALICE), _booked(w, i)),
    "close": lambda w, i: (w.tickets.claim(i, ALICE), _closed(w, i)),
}


def _chat_of(party: Party, previous: int | None, holder: int | None) -> set[int]:
    return {
        Party.OFFICIAL: {OFFICIAL},
        Party.HOLDER: {holder},
        Party.PREVIOUS_HOLDER: {previous},
        Party.CARD: {GROUP},
        Party.GROUP: {GROUP},
        Party.STAFF: {STAFF_CHAT},
    }[party]


@pytest.mark.parametrize("change", sorted(SCENARIOS))
def test_each_change_tells_exactly_the_parties_of_the_table(change):
    world = World()
    ticket = world.open()
    setup, act = SCENARIOS[change]
    if setup:
        SETUP[setup](world, ticket.id)
    for item in world.sent():
        world.outbox.mark_sent(item.id, 100 + item.id)
    before = len(world.sent())
    act(world, ticket.id)
    queued = world.sent()[before:]
    holder = world.tickets.get(ticket.id, SAM).advisor_id
    expected = {
        (chat, str(kind))
        for party, kinds in CHANGES[change].told.items()
        for kind in kinds
        for chat in _chat_of(party, ALICE, holder)
    }
    assert {(i.chat_id, i.kind) for i in queued} == expected
    for item in queued:
        text = render(item, world.clock.now()).text
        assert f"n° {ticket.number}" in text
        # Only the holder's own copy of the ticket carries the phone number.
        if PHONE_SHOWN in text:
            assert item.chat_id == holder and item.kind in ("ticket_to_advisor", "transferred")


def test_release_tells_the_official_without_naming_who_left_and_frees_the_card():
    world = World()
    ticket = world.claimed(ALICE)
    for item in world.sent():
        world.outbox.mark_sent(item.id, 500 + item.id)
    world.tickets.release(ticket.id, ALICE)
    now = world.clock.now()
    [official] = world.sent("released_to_official", OFFICIAL)
    text = render(official, now).text
    assert "de nouveau en attente" in text and "Alice" not in text
    [card] = world.sent("group_card_update")[-1:]
    assert "À prendre" in render(card, now).text and render(card, now).markup is not None
    [edit] = world.sent("ticket_message_edit", ALICE)
    assert edit.payload["message_id"] is not None
    assert render(edit, now).markup is None


def test_transfer_edits_the_previous_holders_message_to_name_the_new_one():
    world = World()
    ticket = world.claimed(ALICE)
    for item in world.sent():
        world.outbox.mark_sent(item.id, 500 + item.id)
    [alices] = world.sent("ticket_to_advisor", ALICE)
    world.tickets.transfer(ticket.id, ALICE, BOB)
    [edit] = world.sent("ticket_message_edit", ALICE)
    assert edit.payload["message_id"] == 500 + alices.id
    reply = render(edit, world.clock.now())
    assert "maintenant suivie par Bob" in reply.text and reply.markup is None
    assert PHONE_SHOWN not in reply.text
    [official] = world.sent("claimed_to_official", OFFICIAL)[-1:]
    assert "Bob" in render(official, world.clock.now()).text


def test_messages_written_while_no_one_holds_the_ticket_reach_the_next_holder():
    world = World()
    ticket = world.claimed(ALICE)
    world.tickets.release(ticket.id, ALICE)
    world.tickets.relay_to_advisor(ticket.id, OFFICIAL, "Le conseil municipal est jeudi")
    assert world.tickets.followed_ticket_of(OFFICIAL).id == ticket.id
    world.tickets.claim(ticket.id, BOB)
    [bobs] = world.sent("ticket_to_advisor", BOB)
    assert bobs.payload["waiting_messages"] == ["Le conseil municipal est jeudi"]
    assert "Le conseil municipal est jeudi" in render(bobs, world.clock.now()).text


def test_the_rating_reaches_the_holder_once_with_the_comment_when_it_comes_in_time():
    world = World()
    ticket = world.claimed(ALICE)
    world.tickets.close(ticket.id, ALICE, "Conseils donnés")
    world.tickets.rate(ticket.id, OFFICIAL, 5)
    assert world.sent("rating_to_advisor") == []
    world.tickets.rate(ticket.id, OFFICIAL, 5, "Merci beaucoup")
    world.clock.advance(timedelta(minutes=10))
    world.tickets.run_due_jobs()
    [rating] = world.sent("rating_to_advisor", ALICE)
    assert rating.payload["stars"] == 5 and rating.payload["comment"] == "Merci beaucoup"


def test_the_rating_goes_without_comment_when_none_comes_and_only_once():
    world = World()
    ticket = world.claimed(ALICE)
    world.tickets.close(ticket.id, ALICE, "Conseils donnés")
    world.tickets.rate(ticket.id, OFFICIAL, 3)
    world.clock.advance(timedelta(minutes=6))
    world.tickets.run_due_jobs()
    world.tickets.rate(ticket.id, OFFICIAL, 3, "Un commentaire tardif")
    [rating] = world.sent("rating_to_advisor", ALICE)
    assert rating.payload["stars"] == 3 and rating.payload["comment"] is None


def test_an_official_at_the_limit_is_refused_with_their_open_requests():
    from routing.errors import TooManyOpenRequests

    world = World()
    opened = [world.open().number for _ in range(3)]
    with pytest.raises(TooManyOpenRequests) as refused:
        world.open()
    assert refused.value.open_numbers == opened and refused.value.count == 3
    world.tickets.cancel(opened[0], OFFICIAL)
    assert world.open().number == 4
