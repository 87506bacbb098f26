"""Ticket flows through the service, on in-memory fakes."""

from datetime import datetime, timedelta

import pytest

from knowledge.entries.records import EntryStatus
from knowledge.entries.validation import SLUG, SLUG_MAX
from routing.errors import (
    AlreadyClaimed,
    EmptyMessage,
    IncompleteIntake,
    InvalidAppointment,
    InvalidContact,
    InvalidRating,
    InvalidTransition,
)
from routing.tickets.model import AppointmentStatus, Channel, OfficialRole, TicketStatus
from tests.unit.tickets_world import ALICE, BOB, GROUP, OFFICIAL, OTHER_OFFICIAL, PARIS, World


@pytest.fixture
def world() -> World:
    return World()


def test_opening_a_ticket_gives_a_number_an_expected_response_and_a_card(world):
    opened = world.tickets.open_ticket(world.request())
    assert opened.ticket.number == 1 and opened.ticket.status == TicketStatus.NEW
    assert opened.ticket.phone == "+33612345678"
    assert opened.outside_hours is False
    # 10:00 Tuesday + 8 business hours (2.5 + 4 + 1.5) = Wednesday 10:30.
    assert opened.expected_response == datetime(2026, 12, 2, 10, 30, tzinfo=PARIS)
    [card] = world.sent("group_card")
    assert card.chat_id == GROUP and card.payload["number"] == 1
    assert [e.kind for e in world.tickets.events(1)] == ["created"]


def test_the_group_card_never_carries_the_phone_or_the_email(world):
    world.open(channel=Channel.VIDEO, phone="06 12 34 56 78", email="jeanne@mairie.fr")
    world.tickets.claim(1, ALICE)
    for item in world.sent(chat_id=GROUP):
        text = repr(item.payload)
        assert "+33612345678" not in text and "jeanne@mairie.fr" not in text
        assert item.payload.get("phone") is None and item.payload.get("email") is None


def test_a_ticket_opened_on_a_sunday_says_the_office_is_closed(world):
    world.clock.set(datetime(2026, 12, 6, 15, tzinfo=PARIS))
    opened = world.tickets.open_ticket(world.request())
    assert opened.outside_hours is True
    assert opened.expected_response == datetime(2026, 12, 8, 9, 30, tzinfo=PARIS)


def test_the_card_names_the_advisor_skilled_in_the_topic(world):
    world.advisors.set_skills(BOB, ["budget-participatif"])
    with world.uow as uow:
        question = uow.questions.add(
            OFFICIAL, "budget", "escalate", 0.4, [("budget-participatif", 0.4)]
        )
        uow.commit()
    ticket = world.open(question_id=question.id)
    assert ticket.topic_slugs == ("budget-participatif",)
    assert ticket.suggested_advisor_id == BOB
    card = world.sent("group_card")[0].payload
    assert card["suggested_advisor"] == "Bob"
    assert card["topics"] == [
        {"slug": "budget-participatif", "title": "Mettre en place un budget participatif"}
    ]


def test_a_phone_call_needs_a_valid_number_and_a_video_call_a_valid_email(world):
    with pytest.raises(InvalidContact):
        world.open(phone="123")
    with pytest.raises(InvalidContact):
        world.open(phone=None)
    with pytest.raises(InvalidContact):
        world.open(channel=Channel.VIDEO, phone=None, email="pas-une-adresse")
    ticket = world.open(channel=Channel.VIDEO, phone=None, email="Jeanne@Mairie.fr")
    assert ticket.email == "Jeanne@mairie.fr" and ticket.phone is None
    assert len(world.tickets.tickets_of_official(OFFICIAL)) == 1


def test_without_consent_or_question_no_ticket_is_opened(world):
    with pytest.raises(IncompleteIntake) as caught:
        world.open(consent=False)
    assert caught.value.field == "consent"
    with pytest.raises(IncompleteIntake):
        world.open(question="   ")
    assert world.tickets.tickets_of_official(OFFICIAL) == []
    assert world.sent() == []


def test_a_claim_gives_the_full_ticket_to_the_claimer_and_tells_the_official(world):
    ticket = world.claimed(ALICE)
    assert ticket.status == TicketStatus.CLAIMED and ticket.advisor_id == ALICE
    assert ticket.phone == "+33612345678"
    [private] = world.sent("ticket_to_advisor")
    assert private.chat_id == ALICE and private.payload["phone"] == "+33612345678"
    [told] = world.sent("claimed_to_official")
    assert told.chat_id == OFFICIAL and told.payload["advisor"] == "Alice"
    [update] = world.sent("group_card_update")
    assert update.payload["holder"] == "Alice" and update.payload["status"] == "claimed"


def test_a_second_claim_is_refused_with_the_holders_name(world):
    ticket = world.claimed(ALICE)
    with pytest.raises(AlreadyClaimed) as caught:
        world.tickets.claim(ticket.id, BOB)
    assert caught.value.holder_name == "Alice"
    assert world.tickets.get(ticket.id, BOB).advisor_id == ALICE


def test_pressing_claim_twice_is_harmless_for_the_claimer(world):
    ticket = world.claimed(ALICE)
    again = world.tickets.claim(ticket.id, ALICE)
    assert again.advisor_id == ALICE
    assert len(world.sent("ticket_to_advisor")) == 1


def test_release_puts_the_ticket_back_in_the_queue_and_tells_the_group(world):
    ticket = world.claimed(ALICE)
    released = world.tickets.release(ticket.id, ALICE)
    assert released.status == TicketStatus.NEW and released.advisor_id is None
    assert [t.id for t in world.tickets.queue(BOB)] == [ticket.id]
    assert world.sent("released_to_group")[0].chat_id == GROUP
    assert world.tickets.claim(ticket.id, BOB).advisor_id == BOB


def test_transfer_hands_the_ticket_and_its_contact_details_to_the_other_advisor(world):
    ticket = world.claimed(ALICE)
    moved = world.tickets.transfer(ticket.id, ALICE, BOB)
    assert moved.advisor_id == BOB
    [handed] = world.sent("transferred")
    assert handed.chat_id == BOB and handed.payload["phone"] == "+33612345678"
    assert handed.payload["from_advisor"] == "Alice"
    assert world.tickets.get(ticket.id, ALICE).phone is None
    assert world.tickets.get(ticket.id, BOB).phone == "+33612345678"


def test_booking_sends_the_appointment_and_the_official_can_confirm(world):
    ticket = world.claimed(ALICE)
    at = datetime(2026, 12, 3, 14, 30)  # naive: a Paris wall-clock time
    booked = world.tickets.book(ticket.id, ALICE, at, Channel.PHONE)
    assert booked.status == TicketStatus.SCHEDULED
    assert booked.appointment == datetime(2026, 12, 3, 14, 30, tzinfo=PARIS)
    assert booked.appointment_link == "+33612345678"
    [appointment] = world.sent("appointment_to_official")
    assert appointment.chat_id == OFFICIAL and appointment.payload["at"].startswith(
        "2026-12-03T14:30:00+01:00"
    )
    world.tickets.official_confirms(ticket.id, OFFICIAL)
    assert world.sent("appointment_confirmed")[0].chat_id == ALICE


def test_a_video_call_needs_a_link_and_no_call_is_booked_in_the_past(world):
    ticket = world.claimed(ALICE)
    with pytest.raises(InvalidAppointment):
        world.tickets.book(ticket.id, ALICE, datetime(2026, 12, 3, 14), Channel.VIDEO, "salle 3")
    with pytest.raises(InvalidAppointment):
        world.tickets.book(ticket.id, ALICE, datetime(2026, 11, 30, 14), Channel.PHONE)
    link = "https://visio.example.fr/abc"
    booked = world.tickets.book(ticket.id, ALICE, datetime(2026, 12, 3, 14), Channel.VIDEO, link)
    assert booked.appointment_link == link and booked.appointment_channel == Channel.VIDEO


def test_asking_for_another_slot_drops_the_booking_and_tells_the_advisor(world):
    ticket = world.claimed(ALICE)
    world.tickets.book(ticket.id, ALICE, datetime(2026, 12, 3, 14), Channel.PHONE)
    again = world.tickets.official_asks_reslot(ticket.id, OFFICIAL)
    # The dropped booking stays readable, marked "annulé" on both sides.
    assert again.status == TicketStatus.CLAIMED
    assert again.appointment_status == AppointmentStatus.CANCELLED
    [asked] = world.sent("reslot_asked")
    assert asked.chat_id == ALICE and len(asked.payload["slots"]) == 2


def test_messages_are_relayed_both_ways_with_the_ticket_number(world):
    ticket = world.claimed(ALICE)
    waiting = world.tickets.relay_to_official(ticket.id, ALICE, "Combien d'habitants ?")
    assert waiting.status == TicketStatus.WAITING_OFFICIAL
    back = world.tickets.relay_to_advisor(ticket.id, OFFICIAL, "Environ 800.")
    assert back.status == TicketStatus.CLAIMED
    [to_official] = world.sent("relay_to_official")
    [to_advisor] = world.sent("relay_to_advisor")
    assert (to_official.chat_id, to_official.payload["number"]) == (OFFICIAL, ticket.id)
    assert (to_advisor.chat_id, to_advisor.payload["text"]) == (ALICE, "Environ 800.")
    with pytest.raises(EmptyMessage):
        world.tickets.relay_to_official(ticket.id, ALICE, "   ")


def test_the_open_claimed_ticket_of_an_official_is_found_for_relaying(world):
    assert world.tickets.open_claimed_ticket_of(OFFICIAL) is None
    world.open()
    assert world.tickets.open_claimed_ticket_of(OFFICIAL) is None
    ticket = world.claimed(ALICE)
    assert world.tickets.open_claimed_ticket_of(OFFICIAL).id == ticket.id


def test_a_detail_is_added_to_the_question_and_reaches_the_holder(world):
    ticket = world.claimed(ALICE)
    updated = world.tickets.add_detail(ticket.id, OFFICIAL, "Nous avons 20 000 euros.")
    assert updated.question.endswith("Précision : Nous avons 20 000 euros.")
    assert world.sent("relay_to_advisor")[0].payload["detail"] is True


def test_cancelling_a_claimed_ticket_tells_the_advisor_and_is_final(world):
    ticket = world.claimed(ALICE)
    cancelled = world.tickets.cancel(ticket.id, OFFICIAL)
    assert cancelled.status == TicketStatus.CANCELLED
    assert world.sent("cancelled_to_advisor")[0].chat_id == ALICE
    with pytest.raises(InvalidTransition):
        world.tickets.cancel(ticket.id, OFFICIAL)
    with pytest.raises(InvalidTransition):
        world.tickets.relay_to_official(ticket.id, ALICE, "Bonjour")


def test_closing_asks_the_official_for_a_rating_which_is_recorded_once_given(world):
    ticket = world.claimed(ALICE)
    closed = world.tickets.close(ticket.id, ALICE, "Voir la fiche budget participatif.")
    assert closed.status == TicketStatus.RESOLVED and closed.resolved_at is not None
    assert world.sent("rating_request")[0].chat_id == OFFICIAL
    with pytest.raises(InvalidRating):
        world.tickets.rate(ticket.id, OFFICIAL, 6)
    rated = world.tickets.rate(ticket.id, OFFICIAL, 4, "Très clair")
    assert (rated.rating, rated.rating_comment) == (4, "Très clair")
    assert world.sent("rating_to_advisor")[0].payload["stars"] == 4
    kinds = [e.kind for e in world.tickets.events(ticket.id)]
    assert kinds == ["created", "claimed", "resolved", "rated"]


def test_a_ticket_cannot_be_rated_before_it_is_resolved(world):
    ticket = world.claimed(ALICE)
    with pytest.raises(InvalidTransition):
        world.tickets.rate(ticket.id, OFFICIAL, 5)


def test_closing_with_add_to_kb_creates_a_draft_entry_with_a_valid_slug(world):
    ticket = world.claimed(ALICE)
    world.tickets.close(ticket.id, ALICE, "Un règlement, un vote, un suivi.", add_to_kb=True)
    with world.uow as uow:
        drafts = uow.entries.list(EntryStatus.DRAFT)
    [draft] = drafts
    assert draft.slug == "comment-organiser-un-budget-participatif"
    assert SLUG.match(draft.slug) and len(draft.slug) <= SLUG_MAX
    assert draft.status == EntryStatus.DRAFT and draft.group == "methode"
    assert "Un règlement, un vote, un suivi." in draft.body
    assert world.tickets.events(ticket.id)[-1].detail == draft.slug


def test_a_second_draft_from_the_same_question_gets_a_free_slug(world):
    for _ in range(2):
        ticket = world.claimed(ALICE)
        world.tickets.close(ticket.id, ALICE, "Réponse.", add_to_kb=True)
    with world.uow as uow:
        slugs = [e.slug for e in uow.entries.list(EntryStatus.DRAFT)]
    assert slugs == [
        "comment-organiser-un-budget-participatif",
        "comment-organiser-un-budget-participatif-2",
    ]


def test_the_card_message_id_is_kept_for_later_edits(world):
    ticket = world.open()
    world.tickets.card_posted(ticket.id, 555)
    world.tickets.claim(ticket.id, ALICE)
    [update] = [i for i in world.outbox.due(world.clock.now()) if i.kind == "group_card_update"]
    assert update.edit_message_id == 555


def test_queue_lists_unclaimed_tickets_oldest_first_without_contact_details(world):
    first = world.open()
    world.clock.advance(timedelta(minutes=5))
    second = world.open(official_id=2)
    world.clock.advance(timedelta(minutes=5))
    world.claimed(ALICE)
    queue = world.tickets.queue(BOB)
    assert [t.id for t in queue] == [first.id, second.id]
    assert all(t.phone is None and t.email is None for t in queue)
    assert [t.id for t in world.tickets.tickets_of_advisor(ALICE)] == [3]


def test_a_card_update_waits_until_the_card_itself_has_been_sent(world):
    ticket = world.open()
    world.tickets.claim(ticket.id, ALICE)
    first = world.outbox.due(world.clock.now())
    assert [i.kind for i in first] == ["group_card", "ticket_to_advisor", "claimed_to_official"]
    for item in first:
        world.outbox.mark_sent(item.id, 555 if item.kind == "group_card" else None)
    world.tickets.card_posted(ticket.id, 555)
    [update] = world.outbox.due(world.clock.now())
    assert update.kind == "group_card_update" and update.edit_message_id == 555


def test_the_last_request_details_are_offered_to_a_returning_official(world):
    assert world.tickets.last_details(OFFICIAL) is None  # a first request: nothing to offer
    world.tickets.open_ticket(world.request(collectivite="Ancienne mairie"))
    world.tickets.open_ticket(
        world.request(channel=Channel.VIDEO, phone=None, email="jeanne@mairie.fr")
    )
    last = world.tickets.last_details(OFFICIAL)
    assert (last.collectivite, last.channel, last.email) == (
        "Commune de Saint-Exemple",
        Channel.VIDEO,
        "jeanne@mairie.fr",
    )
    assert last.official_role == OfficialRole.ELU and last.phone is None
    assert world.tickets.last_details(OTHER_OFFICIAL) is None  # never someone else's
