"""/supprimer_mes_donnees with a ticket at each status, and with a message stuck in retries.

The card is edited down to its number, the holder is told in private, and nothing about the
ticket is sent afterwards: neither waiting notifications nor the failed delivery.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.delivery.redelivery import redeliver_due
from storage.safety.models import FailedDeliveryRow
from storage.tickets.models import OutboxRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, GROUP, buttons
from tests.e2e.harness import eventually

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk
QUESTION = "Comment associer les habitants à la rénovation de la place du marché ?"


async def opened(desk) -> tuple[int, int, dict]:
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    return official, number, await desk.card_of(number, after)


async def claim(desk, official: int, number: int, card: dict) -> dict:
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    await desk.wait_for(official, after, "a pris en charge votre demande")
    return ticket


async def book(desk, official: int, ticket: dict) -> None:
    await desk.press_then(ALICE, ticket, "Fixer le rendez-vous", "Date et heure", user_id=ALICE)
    channel = await desk.say_then(ALICE, "02/12 14h30", "Par quel moyen", user_id=ALICE)
    contact = await desk.press_then(ALICE, channel, "téléphone", "Quel numéro", user_id=ALICE)
    after = await desk.revision()
    await desk.press_then(ALICE, contact, "06 12", "Rendez-vous proposé", user_id=ALICE)
    await desk.wait_for(official, after, "Rendez-vous proposé")


async def close(desk, official: int, ticket: dict) -> None:
    await desk.press_then(ALICE, ticket, "Clore", "Note de résolution", user_id=ALICE)
    summary = await desk.say_then(ALICE, "Conseillé un atelier participatif.", "Clore la", ALICE)
    after = await desk.revision()
    await desk.press_then(ALICE, summary, "Clore la demande", "close", user_id=ALICE)
    await desk.wait_for(official, after, "Comment évaluez-vous")


async def erase(desk, official: int) -> None:
    [ask] = await desk.say(official, "/supprimer_mes_donnees")
    replies = await desk.press_and_read(official, ask, "Oui")
    assert replies[-1]["text"].startswith("✅ Vos données ont été supprimées")


async def card_is_withdrawn(desk, number: int, card: dict, after: int) -> None:
    withdrawn = await desk.wait_for(GROUP, after, "Demande retirée par la personne")
    assert withdrawn["message_id"] == card["message_id"]
    assert withdrawn["text"] == f"Demande n° {number}\n🗑 Demande retirée par la personne"
    assert buttons(withdrawn) == []


def stored_about(desk, number: int) -> tuple[list[str], int]:
    with desk.container.uow() as uow:
        kinds = list(
            uow.session.scalars(select(OutboxRow.kind).where(OutboxRow.ticket_id == number))
        )
        stuck = len(list(uow.session.scalars(select(FailedDeliveryRow.id))))
    return kinds, stuck


@pytest.mark.parametrize("status", ["new", "claimed", "booked", "closed"])
async def test_erasure_withdraws_the_card_tells_the_holder_and_sends_nothing_more(desk, status):
    official, number, card = await opened(desk)
    ticket = None
    if status != "new":
        ticket = await claim(desk, official, number, card)
    if status == "booked":
        await book(desk, official, ticket)
    if status == "closed":
        await close(desk, official, ticket)
    after = await desk.revision()
    await erase(desk, official)
    await card_is_withdrawn(desk, number, card, after)
    if status in ("claimed", "booked"):
        told = await desk.wait_for(ALICE, after, f"a retiré sa demande n° {number}")
        assert "06 12" not in told["text"]
        edited = await desk.wait_for(ALICE, after, "retirée par la personne")
        assert edited["message_id"] == ticket["message_id"] and buttons(edited) == []
        assert "06 12" not in edited["text"] and "Saint-Exemple" not in edited["text"]
    kinds, _stuck = stored_about(desk, number)
    assert set(kinds) <= {"group_card_update", "ticket_message_edit", "erased_to_advisor"}
    # Reminders and SLA checks were cancelled with the ticket: a day later, nothing comes.
    before = await desk.revision()
    desk.container.clock.advance(timedelta(days=1, hours=5))
    await desk.loop.run_once()
    state = await desk.control.state()
    assert state["revision"] == before
    assert desk.container.privacy.export(official)["tickets"] == []


async def test_a_ticket_message_stuck_in_retries_at_erasure_never_reaches_the_advisor(desk):
    official, number, card = await opened(desk)
    await claim(desk, official, number, card)
    listing = await desk.say_then(ALICE, "/mes_tickets", "demandes en cours", user_id=ALICE)
    await desk.control.add_fault("500", "sendMessage", count=4)
    await desk.press(ALICE, listing, f"n° {number}", user_id=ALICE)

    def stuck():
        with desk.container.uow() as uow:
            return uow.deliveries.of_chat(ALICE)

    [delivery] = await eventually(stuck, timeout=15)
    assert "06 12 34 56 78" in delivery.payload["text"]
    _kinds, count = stored_about(desk, number)
    assert count == 1
    after = await desk.revision()
    await erase(desk, official)
    await card_is_withdrawn(desk, number, card, after)
    await desk.wait_for(ALICE, after, f"a retiré sa demande n° {number}")
    assert stored_about(desk, number)[1] == 0
    later = datetime.now(UTC) + timedelta(hours=2)
    assert await redeliver_due(desk.harness.bot, desk.container.deliveries, later) == 0
    texts = await desk.bot_texts(ALICE)
    assert not any("06 12 34 56 78" in text for text in texts)
