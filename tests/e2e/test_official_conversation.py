"""What the official gets for each kind of message, through the sandbox: small talk, out of
scope, another language, no entry fitting, a call-back worded freely, a follow-up on a request."""

from __future__ import annotations

from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, GROUP, buttons

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


def gap_texts(desk) -> list[str]:
    curation = desk.container.backoffice.curation
    first = curation.gaps(1)
    pages = [first, *(curation.gaps(n) for n in range(2, first.pages + 1))]
    return [q.text for page in pages for group in page.groups for q in group.questions]


async def test_a_greeting_gets_a_greeting_and_the_examples_and_is_no_knowledge_gap(desk):
    official = desk.new_official()
    [reply] = await desk.say(official, "Bonjour !")
    assert reply["text"].startswith("Bonjour 👋")
    assert len(buttons(reply)) == 3  # the example questions of /start
    [thanks] = await desk.say(official, "merci beaucoup")
    assert "Avec plaisir" in thanks["text"]
    assert not buttons(thanks)
    [who] = await desk.say(official, "qui êtes-vous ?")
    assert "assistant automatique" in who["text"]
    [unclear] = await desk.say(official, "?")
    assert "pas bien compris" in unclear["text"]
    assert not {"Bonjour !", "merci beaucoup", "qui êtes-vous ?", "?"} & set(gap_texts(desk))


async def test_a_question_with_nothing_about_participation_is_out_of_scope(desk):
    official = desk.new_official()
    [reply] = await desk.say(official, "Combien coûte un abonnement de téléphone ?")
    assert "Je n'ai pas trouvé de fiche" in reply["text"]
    assert buttons(reply) == ["🧑‍💼 Parler à un conseiller"]
    assert "Combien coûte un abonnement de téléphone ?" in gap_texts(desk)


async def test_an_english_question_gets_an_english_reply(desk):
    official = desk.new_official()
    [reply] = await desk.say(official, "How can we involve residents in our town's budget?")
    assert "This service answers in French" in reply["text"]
    [other] = await desk.say(official, "¿Cómo puedo hablar con el alcalde del pueblo?")
    assert "uniquement en français" in other["text"]


async def test_none_of_these_offers_to_rephrase_then_to_talk_to_an_advisor(desk):
    official = desk.new_official()
    [clarify] = await desk.say(official, "concertation")
    assert "Aucune de ces réponses" in buttons(clarify)
    offer = await desk.press_then(official, clarify, "Aucune de ces réponses", "reformuler")
    assert buttons(offer) == ["Reformuler", "Parler à un conseiller"]
    assert "étape" not in offer["text"]  # no request started yet
    prompt = await desk.press_then(official, offer, "Reformuler", "autrement")
    assert "autrement" in prompt["text"]
    await desk.say_then(official, "Comment organiser un référendum local ?", "suffrages")
    [clarify] = await desk.say(official, "concertation")
    offer = await desk.press_then(official, clarify, "Aucune de ces réponses", "reformuler")
    request = await desk.press_then(official, offer, "Parler à un conseiller", "étape 1/7")
    assert "Demande de rappel par un conseiller" in request["text"]
    assert "concertation" in request["text"]  # the question is pre-filled


async def test_a_call_back_asked_without_the_word_advisor_opens_the_request(desk):
    official = desk.new_official()
    [reply] = await desk.say(official, "rappel téléphonique demain matin possible ?")
    assert "Demande de rappel par un conseiller" in reply["text"]
    await desk.say(official, "/annuler")
    [again] = await desk.say(official, "pouvez-vous me rappeler ?")
    assert "Demande de rappel par un conseiller" in again["text"]


async def test_a_follow_up_with_an_open_request_shows_its_status_and_offers_to_add_to_it(desk):
    official = desk.new_official()
    number = await desk.open_ticket(official)
    [status] = await desk.say(official, "Avez-vous pu regarder ma demande ?")
    assert f"n° {number}" in status["text"]
    assert "en attente d'un conseiller" in status["text"]
    assert buttons(status) == [f"Ajouter à ma demande n° {number}"]
    prompt = await desk.press_then(official, status, "Ajouter à ma demande", "précision")
    assert f"demande n° {number}" in prompt["text"]
    [added] = await desk.say(official, "Le conseil municipal vote le projet le 12.")
    assert f"ajouté à votre demande n° {number}" in added["text"]
    [ticket] = desk.container.tickets.tickets_of_official(official)
    assert "vote le projet le 12" in ticket.question


async def test_the_same_follow_up_without_any_request_is_not_about_a_ticket(desk):
    official = desk.new_official()
    [reply] = await desk.say(official, "Avez-vous pu regarder ma demande ?")
    assert "Ajouter à ma demande" not in " ".join(buttons(reply))


async def test_a_follow_up_while_an_advisor_holds_the_request_shows_it_is_taken_in_hand(desk):
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    await desk.wait_for(official, after, "a pris en charge votre demande")
    status = await desk.say_then(official, "toujours en attente de votre appel", f"n° {number}")
    assert "prise en charge" in status["text"]
    assert buttons(status) == [f"Ajouter à ma demande n° {number}"]
