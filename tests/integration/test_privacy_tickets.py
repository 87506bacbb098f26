"""Export, erasure and retention of tickets: contact details, texts, event log and outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from routing.answers.hotline import Sender
from routing.errors import ErasureRefused
from routing.safety.redaction import PHONE
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from storage.safety.privacy import ANONYMOUS, ERASED
from storage.tickets.models import OutboxRow, TicketEventRow, TicketRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, OPEN_TUESDAY

seeded_data_dir = escalation_desk.seeded_data_dir
container = escalation_desk.escalation_container
OFFICIAL = 9001


def open_ticket(container, official=OFFICIAL, question="Budget participatif : par où commencer ?"):
    slots = [slot.start for slot in container.tickets.slots()[:2]]
    request = IntakeRequest(
        official_id=official,
        question=question,
        collectivite="Mairie de Saint-Exemple",
        official_role=OfficialRole.ELU,
        channel=Channel.PHONE,
        phone="06 12 34 56 78",
        email="camille@mairie-exemple.fr",
        slots=slots,
        consent=True,
    )
    container.hotline.meet(Sender(official, "Camille"))
    return container.tickets.open_ticket(request).ticket.id


def rows(container, table, *where):
    with container.uow() as uow:
        found = list(uow.session.scalars(select(table).where(*where)))
        uow.session.expunge_all()  # keep the loaded values once the unit of work ends
        return found


def test_the_export_holds_the_tickets_with_contact_details_and_the_event_log(container):
    number = open_ticket(container)
    container.tickets.claim(number, ALICE)
    container.tickets.relay_to_advisor(number, OFFICIAL, "Je suis joignable le matin")
    data = container.privacy.export(OFFICIAL)
    [ticket] = data["tickets"]
    assert ticket["number"] == number and ticket["phone"] == "+33612345678"
    assert ticket["email"] == "camille@mairie-exemple.fr"
    details = [event["detail"] for event in ticket["events"]]
    assert "Je suis joignable le matin" in details


def test_erasure_cancels_open_tickets_and_keeps_them_only_as_anonymous_statistics(container):
    number = open_ticket(container)
    container.tickets.claim(number, ALICE)
    container.tickets.relay_to_advisor(number, OFFICIAL, "Je suis joignable le matin")
    for item in container.outbox.due(container.clock.now(), 100):
        if item.payload.get("ticket_id") == number and item.kind == "ticket_to_advisor":
            container.outbox.mark_sent(item.id, 1)  # the advisor received the contact details
    counts = container.privacy.erase(OFFICIAL)
    assert counts["tickets"] == 1
    [ticket] = rows(container, TicketRow, TicketRow.id == number)
    assert (ticket.official_id, ticket.question, ticket.phone, ticket.email) == (
        ANONYMOUS,
        ERASED,
        None,
        None,
    )
    assert ticket.status == "cancelled" and ticket.channel == "telephone"
    events = rows(container, TicketEventRow, TicketEventRow.ticket_id == number)
    assert all("joignable" not in e.detail for e in events)
    assert all(e.actor_id != OFFICIAL for e in events)
    assert "created" in [e.kind for e in events]  # the statistics keep the steps
    about = [r for r in rows(container, OutboxRow) if r.payload.get("ticket_id") == number]
    # Every earlier message is gone; only the notices of the erasure remain, with no content.
    assert sorted(r.kind for r in about) == ["erased_to_advisor", "ticket_message_edit"]
    assert all(r.chat_id == ALICE for r in about)
    assert not any("06 12" in str(r.payload) or "+336" in str(r.payload) for r in about)
    assert all(
        set(r.payload) <= {"ticket_id", "number", "message_id", "change", "holder"} for r in about
    )
    assert container.privacy.export(OFFICIAL)["tickets"] == []


def test_contact_details_are_erased_ninety_days_after_closing_and_not_before(container):
    container.clock.set(OPEN_TUESDAY - timedelta(days=120))
    old = open_ticket(container, 9002)
    container.tickets.claim(old, ALICE)
    container.tickets.close(old, ALICE, "Rappelé, conseils donnés", False)
    container.clock.set(OPEN_TUESDAY - timedelta(days=10))
    recent = open_ticket(container, 9003)
    container.tickets.claim(recent, ALICE)
    container.tickets.close(recent, ALICE, "Rappelé", False)
    report = container.privacy.purge(OPEN_TUESDAY)
    assert report["contact_details_erased"] == 1
    [kept_old] = rows(container, TicketRow, TicketRow.id == old)
    [kept_recent] = rows(container, TicketRow, TicketRow.id == recent)
    assert (kept_old.phone, kept_old.email) == (None, None)
    assert kept_old.question.startswith("Budget") and kept_old.official_id == 9002
    assert kept_recent.phone == "+33612345678"
    sent_to_advisor = [
        r.payload for r in rows(container, OutboxRow) if r.payload.get("ticket_id") == old
    ]
    assert not any(p.get("phone") or p.get("email") for p in sent_to_advisor)


def test_tickets_older_than_a_year_are_detached_from_their_official(container):
    container.clock.set(OPEN_TUESDAY - timedelta(days=400))
    number = open_ticket(container, 9004, "Mon portable 06 98 76 54 32, budget participatif ?")
    container.tickets.cancel(number, 9004)
    report = container.privacy.purge(OPEN_TUESDAY)
    assert report["tickets_texts_pseudonymised"] == 1
    [ticket] = rows(container, TicketRow, TicketRow.id == number)
    assert ticket.official_id == ANONYMOUS
    assert ticket.question == f"Mon portable {PHONE}, budget participatif ?"


def test_an_advisor_sees_their_profile_in_the_export_but_cannot_erase_it_alone(container):
    container.advisors.set_skills(ALICE, ["budget-participatif"])
    data = container.privacy.export(ALICE)
    assert data["advisor"]["display_name"] == "Alice Martin"
    assert data["advisor"]["skills"] == ["budget-participatif"]
    with pytest.raises(ErasureRefused):
        container.privacy.erase(ALICE)
    assert container.privacy.export(ALICE)["profile"] is not None


def test_the_tickets_of_a_blocked_official_are_withheld(container):
    number = open_ticket(container, 9010)
    assert not container.moderation.withholds_ticket(number)
    container.moderation.block(9010, "spam")
    assert container.moderation.withholds_ticket(number)
    assert not container.moderation.withholds_ticket(999_999)


def test_erasure_drops_every_message_to_the_person_sent_or_not(container):
    now = container.clock.now()
    with container.uow() as uow:
        for key, sent in (("pending", None), ("sent", now)):
            uow.session.add(
                OutboxRow(
                    chat_id=OFFICIAL,
                    kind="answer_available",
                    payload={"slug": "s", "question": "Ma question à la mairie de Trifouilly"},
                    dedupe_key=f"answer:{key}",
                    due_at=now,
                    created_at=now,
                    sent_at=sent,
                )
            )
        uow.commit()
    open_ticket(container)
    assert container.tickets.last_details(OFFICIAL) is not None
    container.privacy.erase(OFFICIAL)
    # A sent row would still hold the person's chat id (their address): it goes too (issue 12).
    assert rows(container, OutboxRow, OutboxRow.chat_id == OFFICIAL) == []
    # Nothing to pre-fill a later request with: the tickets no longer name the person.
    assert container.tickets.last_details(OFFICIAL) is None


def test_sent_and_given_up_messages_are_pruned_after_thirty_days_and_not_before(container):
    from storage.safety.models import FailedDeliveryRow

    container.clock.set(OPEN_TUESDAY - timedelta(days=40))
    old = open_ticket(container, 9003)
    then = container.clock.now()
    for item in container.outbox.due(then, 100):
        container.outbox.mark_sent(item.id, 1)
    given_up = container.deliveries.record(9003, "SendMessage", {"text": "x"}, "x", 4, then)
    with container.uow() as uow:
        uow.deliveries.failed_again(given_up, "Forbidden: bot was blocked", None)
        uow.commit()
    container.clock.set(OPEN_TUESDAY)
    recent = open_ticket(container, 9004)
    for item in container.outbox.due(OPEN_TUESDAY, 100):
        container.outbox.mark_sent(item.id, 2)
    report = container.privacy.purge(OPEN_TUESDAY)
    assert report["outbox_deleted"] >= 1 and report["given_up_deliveries_deleted"] == 1
    assert rows(container, OutboxRow, OutboxRow.ticket_id == old) == []
    assert rows(container, OutboxRow, OutboxRow.ticket_id == recent) != []
    assert rows(container, FailedDeliveryRow) == []
