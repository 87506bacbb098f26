"""Advisors at work: claiming (one winner), refusals, relay both ways, release, transfer, close."""

from __future__ import annotations

import asyncio
import logging

from knowledge.entries.records import EntryStatus
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP, PHONE_FORMS, buttons

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def claimed_by_alice(desk) -> tuple[int, int, dict]:
    """Open a ticket, let Alice claim it; return (official, number, Alice's full ticket)."""
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    # The official has been told too: later waits in that chat start from a quiet chat.
    await desk.wait_for(official, after, "a pris en charge votre demande")
    return official, number, ticket


async def test_of_two_simultaneous_claims_exactly_one_wins_and_the_card_names_the_holder(desk):
    after = await desk.revision()
    official = desk.new_official()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    receipts = await asyncio.gather(
        desk.press(GROUP, card, "Prendre en charge", user_id=ALICE),
        desk.press(GROUP, card, "Prendre en charge", user_id=BRUNO),
    )
    answers = [await desk.answer_to(GROUP, receipt) for receipt in receipts]
    edited = await desk.wait_for(GROUP, after, "Suivie par")
    ticket = desk.container.tickets.get(number, official)
    winner, loser = (ALICE, BRUNO) if ticket.advisor_id == ALICE else (BRUNO, ALICE)
    assert ticket.advisor_id in (ALICE, BRUNO)
    assert ("Alice Martin" if winner == ALICE else "Bruno Petit") in edited["text"]
    assert buttons(edited) == []
    by_user = {answer["from_id"]: answer for answer in answers}
    assert "C'est à vous" in by_user[winner]["text"]
    assert "déjà prise" in by_user[loser]["text"]
    assert by_user[loser]["show_alert"]
    # Only the winner receives the ticket in private, with the phone number.
    full = await desk.wait_for(winner, after, f"demande n° {number}")
    assert "06 12 34 56 78" in full["text"]
    assert "Répondre" in " ".join(buttons(full))
    told = await desk.wait_for(official, after, "a pris en charge votre demande")
    assert f"n° {number}" in told["text"]
    assert await desk.bot_texts(loser) == []


async def test_an_unregistered_user_cannot_claim_and_is_told_so(desk, caplog):
    caplog.set_level(logging.INFO)
    after = await desk.revision()
    number = await desk.open_ticket(desk.new_official())
    card = await desk.card_of(number, after)
    stranger = 9001
    receipt = await desk.press(GROUP, card, "Prendre en charge", user_id=stranger)
    answer = await desk.answer_to(GROUP, receipt)
    assert "conseillers inscrits" in answer["text"]
    assert desk.container.tickets.get(number, ALICE).advisor_id is None
    assert any("claim refused" in r.getMessage() for r in caplog.records)


async def test_a_forged_or_replayed_claim_button_is_refused_and_logged(desk, caplog):
    caplog.set_level(logging.INFO)
    after = await desk.revision()
    official = desk.new_official()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    # A made-up ticket number, pressed by a registered advisor.
    forged = await desk.control.press(
        GROUP, card["message_id"], data="cl:99999", user_id=BRUNO, force=True
    )
    made_up = await desk.answer_to(GROUP, forged)
    # The official forges a claim of their own ticket from their private chat.
    [receipt_message] = (await desk.control.chat(official))["messages"][-1:]
    own = await desk.control.press(
        official, receipt_message["message_id"], data=f"cl:{number}", force=True
    )
    refusal = await desk.answer_to(official, own)
    assert "n'existe pas" in made_up["text"]
    assert "conseillers inscrits" in refusal["text"]
    assert desk.container.tickets.get(number, official).advisor_id is None
    refused = [r.getMessage() for r in caplog.records if "claim refused" in r.getMessage()]
    assert len(refused) == 2
    assert all(form not in line for line in refused for form in PHONE_FORMS)


async def test_messages_are_relayed_both_ways_with_the_ticket_number(desk):
    official, number, ticket = await claimed_by_alice(desk)
    await desk.press_then(ALICE, ticket, "Répondre", "Écrivez votre message", user_id=ALICE)
    after = await desk.revision()
    text = "Bonjour, je vous appelle demain matin. <b>Alice</b>"
    await desk.say_then(ALICE, text, f"Message transmis (demande n° {number})", user_id=ALICE)
    relayed = await desk.wait_for(official, after, "Alice Martin vous écrit")
    assert f"demande n° {number}" in relayed["text"]
    assert "<b>Alice</b>" in relayed["text"]  # typed markup is shown as text, not applied
    # A reply that cannot be a new question goes straight to the advisor.
    after = await desk.revision()
    note = "Merci, je serai joignable toute la matinée."
    await desk.say_then(official, note, f"Transmis à votre conseiller (demande n° {number})")
    to_alice = await desk.wait_for(ALICE, after, "joignable toute la matinée")
    assert f"n° {number}" in to_alice["text"]
    # Text that the knowledge base could answer: the official is asked.
    question = "Comment organiser un référendum local ?"
    ask = await desk.say_then(official, question, f"Ajouter ce message à votre demande n° {number}")
    await desk.press_then(official, ask, "nouvelle question", "suffrages")
    question = "Et pour un référendum local, quel calendrier ?"
    ask = await desk.say_then(official, question, "Ajouter ce message")
    after = await desk.revision()
    await desk.press_then(official, ask, "Oui", "Transmis")
    await desk.wait_for(ALICE, after, "quel calendrier")


async def test_a_released_ticket_goes_back_to_the_queue_and_another_advisor_can_claim_it(desk):
    official, number, ticket = await claimed_by_alice(desk)
    after = await desk.revision()
    await desk.press_then(ALICE, ticket, "Libérer", "remise dans la file", user_id=ALICE)
    await desk.wait_for(GROUP, after, "a remis la demande")
    card = await desk.card_of(number, after)
    assert buttons(card) == ["🙋 Prendre en charge"]
    queue = await desk.say_then(BRUNO, "/file", f"n° {number}", user_id=BRUNO)
    after = await desk.revision()
    await desk.press(BRUNO, queue, f"n° {number}", user_id=BRUNO)
    full = await desk.wait_for(BRUNO, after, "Vous avez pris en charge")
    assert "06 12 34 56 78" in full["text"]
    assert desk.container.tickets.get(number, official).advisor_id == BRUNO


async def test_a_ticket_is_transferred_to_another_advisor(desk):
    official, number, ticket = await claimed_by_alice(desk)
    choices = await desk.press_then(ALICE, ticket, "Transférer", "À qui", user_id=ALICE)
    assert buttons(choices) == ["Bruno Petit · 0 en cours"]
    after = await desk.revision()
    await desk.press_then(ALICE, choices, "Bruno", "transférée à Bruno Petit", user_id=ALICE)
    received = await desk.wait_for(BRUNO, after, "vous transfère la demande")
    assert "Alice Martin" in received["text"]
    assert "06 12 34 56 78" in received["text"]
    await desk.wait_for(official, after, "Bruno Petit")
    card = await desk.wait_for(GROUP, after, "Suivie par Bruno Petit")
    assert f"n° {number}" in card["text"]
    mine = await desk.say_then(BRUNO, "/mes_tickets", "demandes en cours", user_id=BRUNO)
    assert f"n° {number}" in mine["text"]
    opened = await desk.press_then(BRUNO, mine, f"n° {number}", "Collectivité", user_id=BRUNO)
    assert "06 12 34 56 78" in opened["text"]
    assert "Clore" in " ".join(buttons(opened))
    await desk.say_then(ALICE, "/mes_tickets", "aucune demande en cours", user_id=ALICE)


async def test_closing_asks_the_official_for_a_rating_and_a_comment_and_drafts_an_entry(desk):
    official, number, ticket = await claimed_by_alice(desk)
    await desk.press_then(ALICE, ticket, "Clore", "Note de résolution", user_id=ALICE)
    note = "Conseillé une marche exploratoire puis un atelier."
    summary = await desk.say_then(ALICE, note, "Clore la demande", user_id=ALICE)
    assert "☐ À ajouter à la base" in buttons(summary)
    toggled = await desk.press_then(ALICE, summary, "À ajouter", "Clore la demande", user_id=ALICE)
    assert "☑️ À ajouter à la base" in buttons(toggled)
    after = await desk.revision()
    await desk.press_then(ALICE, toggled, "Clore la demande", "brouillon", user_id=ALICE)
    request = await desk.wait_for(official, after, "Comment évaluez-vous")
    assert buttons(request) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    await desk.wait_for(GROUP, after, "Traitée par Alice")
    await desk.press_then(official, request, "4 ⭐", "4/5")
    after = await desk.revision()
    await desk.say_then(official, "Très clair, merci.", "commentaire")
    note = await desk.wait_for(ALICE, after, "Très clair")
    assert "4/5" in note["text"]
    rated = desk.container.tickets.get(number, official)
    assert (rated.rating, rated.rating_comment) == (4, "Très clair, merci.")
    with desk.container.uow() as uow:
        drafts = uow.entries.list(EntryStatus.DRAFT)
    assert drafts


async def test_the_official_lists_details_and_cancels_their_requests(desk):
    official, number, _ticket = await claimed_by_alice(desk)
    listing = await desk.say_then(official, "/mes_demandes", "Vos demandes")
    assert f"n° {number}" in listing["text"]
    assert "prise en charge" in listing["text"]
    await desk.press_then(official, listing, f"Préciser n° {number}", "précision")
    after = await desk.revision()
    await desk.say_then(official, "Nous avons 3 000 habitants.", "ajouté")
    await desk.wait_for(ALICE, after, "3 000 habitants")
    after = await desk.revision()
    await desk.press_then(official, listing, f"Annuler n° {number}", "annulée")
    await desk.wait_for(ALICE, after, "a annulé la demande")
    listing = await desk.say_then(official, "/mes_demandes", "Vos demandes")
    assert "annulée" in listing["text"]


async def test_advisor_commands_are_refused_to_officials_and_an_invitation_code_lets_one_join(
    desk,
):
    stranger = 9002
    await desk.say_then(stranger, "/file", "réservée aux conseillers")
    await desk.say_then(stranger, "/rejoindre AAAA-BBBB-CCCC", "pas valable")
    code = desk.container.advisors.create_invitation(None)
    await desk.say_then(stranger, f"/rejoindre {code}", "Bienvenue")
    await desk.say_then(stranger, "/file", "La file est vide")
    await desk.say_then(desk.new_official(), f"/rejoindre {code}", "pas valable")
