"""From a question to a ticket: the official's request flow and the card in the advisors' group."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from bot.sandbox import DEFAULT_OFFICIAL_ID
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import EMAIL, GROUP, PHONE_FORMS, buttons

# The fixtures of the escalation desk, used by name by the tests below.
seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def test_an_official_goes_from_a_question_to_a_ticket_with_an_expected_answer_time(desk):
    official = desk.new_official()
    await desk.say_then(official, "Comment organiser un référendum local ?", "suffrages")
    prompt = await desk.say_then(official, "/conseiller", "étape 1/7")
    assert "référendum local" in prompt["text"]  # pre-filled from the conversation
    prompt = await desk.press_then(official, prompt, "Garder", "étape 2/7")
    assert "collectivité" in prompt["text"]
    prompt = await desk.say_then(official, "Commune de Saint-Exemple", "étape 3/7")
    assert buttons(prompt)[:3] == ["Élu·e", "Agent·e de la collectivité", "Autre"]
    prompt = await desk.press_then(official, prompt, "Agent", "étape 4/7")
    prompt = await desk.press_then(official, prompt, "téléphone", "étape 5/7")
    assert "numéro" in prompt["text"]
    slots = await desk.say_then(official, "06 12 34 56 78", "étape 6/7")
    assert "2 ou 3 créneaux" in slots["text"]
    assert "mardi 1er décembre, après-midi" in buttons(slots)[0]
    assert not any("Valider" in label for label in buttons(slots))
    await desk.pick_slots(official, slots, 3)
    slots = await desk.message(official, slots["message_id"])
    assert "Valider (3)" in buttons(slots)
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    assert "J'accepte" in buttons(consent)[0]
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    assert "Commune de Saint-Exemple" in summary["text"]
    assert "06 12 34 56 78" in summary["text"]
    receipt = await desk.press_then(official, summary, "Envoyer", "enregistrée")
    assert "n° 1 est enregistrée" in receipt["text"]
    assert "au plus tard" in receipt["text"]
    assert "fermée" not in receipt["text"]  # Tuesday morning: the office is open
    [ticket] = desk.container.tickets.tickets_of_official(official)
    assert ticket.phone == "+33612345678"
    assert ticket.collectivite == "Commune de Saint-Exemple"
    assert len(ticket.slots) == 3


async def test_the_card_reaches_the_group_with_topics_and_without_contact_details(desk):
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official, "Comment lancer un budget participatif ?")
    card = await desk.card_of(number, after)
    assert "budget participatif" in card["text"].lower()
    assert "Mairie de Saint-Exemple" in card["text"]
    assert "téléphone" in card["text"]
    assert "Conseiller suggéré" in card["text"]
    assert buttons(card) == ["🙋 Prendre en charge"]
    assert all(form not in card["text"] for form in PHONE_FORMS)
    ticket = desk.container.tickets.get(number, official)
    assert ticket.group_message_id == card["message_id"]


async def test_the_escalate_decision_and_none_of_these_then_an_advisor_start_the_request(desk):
    await desk.say_then(DEFAULT_OFFICIAL_ID, "je voudrais parler a un conseiller svp", "étape 1/7")
    official = desk.new_official()
    clarify = await desk.say_then(official, "concertation", "porte-t-elle sur")
    offer = await desk.press_then(official, clarify, "Aucune de ces réponses", "reformuler")
    prompt = await desk.press_then(official, offer, "Parler à un conseiller", "étape 1/7")
    assert "concertation" in prompt["text"]


async def reach_contact_step(desk, official: int, channel: str) -> dict:
    """Go through the request up to the phone or e-mail step."""
    await desk.say_then(official, "/conseiller", "étape 1/7")
    await desk.say_then(official, "Comment mobiliser les jeunes dans un conseil ?", "étape 2/7")
    prompt = await desk.say_then(official, "Mairie de Saint-Exemple", "étape 3/7")
    prompt = await desk.press_then(official, prompt, "Élu", "étape 4/7")
    return await desk.press_then(official, prompt, channel, "étape 5/7")


async def test_an_invalid_phone_or_email_gets_a_french_message_and_the_same_step(desk):
    official = desk.new_official()
    prompt = await reach_contact_step(desk, official, "visio")
    assert "e-mail" in prompt["text"]
    await desk.say_then(official, "camille at mairie", "adresse e-mail valide")
    await desk.say_then(official, EMAIL, "étape 6/7")

    other = desk.new_official()
    await reach_contact_step(desk, other, "téléphone")
    await desk.say_then(other, "01 23", "numéro")
    await desk.say_then(other, "bonjour", "n'est pas un numéro")
    await desk.say_then(other, "+32 470 12 34 56", "étape 6/7")


async def test_a_request_can_be_cancelled_at_any_step(desk):
    official = desk.new_official()
    await desk.say_then(official, "/conseiller", "étape 1/7")
    await desk.say_then(official, "Comment mobiliser les jeunes dans un conseil ?", "étape 2/7")
    await desk.say_then(official, "/annuler", "Demande annulée")
    await desk.say_then(official, "/conseiller", "étape 1/7")
    prompt = await desk.say_then(official, "Comment mobiliser les jeunes ?", "étape 2/7")
    await desk.press_then(official, prompt, "Annuler", "Demande annulée")
    assert desk.container.tickets.tickets_of_official(official) == []
    await desk.say_then(official, "/annuler", "rien en cours")


async def test_a_restart_in_the_middle_of_the_request_resumes_it(desk):
    official = desk.new_official()
    await desk.say_then(official, "/conseiller", "étape 1/7")
    await desk.say_then(official, "Comment mobiliser les jeunes dans un conseil ?", "étape 2/7")
    prompt = await desk.say_then(official, "Mairie de Saint-Exemple", "étape 3/7")
    prompt = await desk.press_then(official, prompt, "Élu", "étape 4/7")
    await desk.harness.stop_bot()
    await desk.harness.start_bot()
    # The button of the step before the restart still works, and the flow goes on.
    await desk.press_then(official, prompt, "téléphone", "étape 5/7")
    slots = await desk.say_then(official, "06 12 34 56 78", "étape 6/7")
    await desk.harness.stop_bot()
    await desk.harness.start_bot()
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    await desk.press_then(official, summary, "Envoyer", "est enregistrée")


async def test_contact_details_never_reach_the_group_nor_the_logs(desk, caplog):
    caplog.set_level(logging.DEBUG)
    after = await desk.revision()
    first = await desk.open_ticket(desk.new_official())
    second = await desk.open_ticket(desk.new_official(), channel="visio", contact=EMAIL)
    await desk.card_of(first, after)
    await desk.card_of(second, after)
    group = "\n".join(await desk.bot_texts(GROUP))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (*PHONE_FORMS, EMAIL, "camille.durand"):
        assert secret not in group
        assert secret not in logged


async def test_outside_business_hours_the_official_is_told_when_to_expect_an_answer(desk):
    # Saturday 5 December 2026, 11:00 in Paris: closed until Monday 9:00.
    desk.container.clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=UTC))
    official = desk.new_official()
    await reach_contact_step(desk, official, "téléphone")
    slots = await desk.say_then(official, "06 12 34 56 78", "étape 6/7")
    assert buttons(slots)[0] == "▫️ lundi 7 décembre, matin"
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    receipt = await desk.press_then(official, summary, "Envoyer", "enregistrée")
    # 8 business hours from Monday 9:00 (7 h 30 on Monday): Tuesday 9:30.
    assert "mardi 8 décembre à 9h30" in receipt["text"]
    assert "fermée" in receipt["text"]


async def test_slots_that_passed_while_the_request_waited_are_offered_again(desk):
    official = desk.new_official()
    await reach_contact_step(desk, official, "téléphone")
    slots = await desk.say_then(official, "06 12 34 56 78", "étape 6/7")
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    desk.container.clock.advance(timedelta(days=3))  # back on Friday
    notice = await desk.press_then(official, slots, "Valider", "sont passés")
    fresh = await desk.wait_for(official, 0, "étape 6/7", newer_than=notice["message_id"])
    assert buttons(fresh)[0] == "▫️ vendredi 4 décembre, après-midi"


async def test_the_advisor_button_under_an_older_answer_starts_from_that_question(desk):
    official = desk.new_official()
    first = await desk.say_then(official, "Comment organiser un référendum local ?", "suffrages")
    await desk.say_then(official, "comment lancer un budget participatif", "udget participatif")
    prompt = await desk.press_then(official, first, "Parler à un conseiller", "étape 1/7")
    assert "référendum local" in prompt["text"]
    assert "budget participatif" not in prompt["text"]


async def test_a_request_about_a_very_long_question_starts_with_it_cut_to_fit(desk):
    official = desk.new_official()
    long_question = "budget participatif " * 205  # about 4,100 characters, cut to 4,096 when stored
    answer = (await desk.say(official, long_question))[0]
    prompt = await desk.press_then(official, answer, "Parler à un conseiller", "étape 1/7")
    assert "budget participatif" in prompt["text"] and len(prompt["text"]) <= 4096
