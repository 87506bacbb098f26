"""Every change of a ticket reaches everyone it concerns: release, transfer, card, rating, cap.

Through the sandbox, as an official, Alice (7001), Bruno (7002) and the advisors' group.
"""

from __future__ import annotations

from datetime import timedelta

from bot.views.callbacks import TicketAction
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP, buttons

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk
STATUS_EMOJIS = ("🆕", "🧑\u200d💼", "📅", "💬", "✅", "✖️", "🗑")


def status_emojis(text: str) -> int:
    return sum(text.count(emoji) for emoji in STATUS_EMOJIS)


async def claimed(desk, advisor: int = ALICE) -> tuple[int, int, dict, dict]:
    """Open a ticket and let `advisor` claim it: (official, number, card, advisor's ticket)."""
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=advisor)
    ticket = await desk.wait_for(advisor, after, f"demande n° {number}")
    await desk.wait_for(official, after, "a pris en charge votre demande")
    return official, number, card, ticket


async def stale_press(desk, chat: int, message: dict, action: str, number: int) -> dict:
    """Press a button the advisor still sees (or saw) and return the bot's answer."""
    data = TicketAction(a=action, t=number).pack()
    receipt = await desk.control.press(chat, message["message_id"], data=data, force=True)
    return await desk.answer_to(chat, receipt)


async def test_a_release_tells_the_official_and_the_next_holder_reads_what_came_meanwhile(desk):
    official, number, card, ticket = await claimed(desk)
    after = await desk.revision()
    await desk.press_then(ALICE, ticket, "Libérer", "remise dans la file", user_id=ALICE)
    told = await desk.wait_for(official, after, "de nouveau en attente")
    assert f"n° {number}" in told["text"] and "Alice" not in told["text"]
    freed = await desk.wait_for(GROUP, after, "À prendre")
    assert freed["message_id"] == card["message_id"]
    assert buttons(freed) == ["🙋 Prendre en charge"]
    edited = await desk.wait_for(ALICE, after, "vous ne la suivez plus")
    assert edited["message_id"] == ticket["message_id"] and buttons(edited) == []
    assert "06 12" not in edited["text"]
    # Written while no one holds it: attached to the ticket, not answered as a new question.
    note = "Je suis disponible plutôt le jeudi après-midi."
    replies = await desk.say(official, note)
    if "Ajouter ce message" in replies[-1]["text"]:
        replies = await desk.press_and_read(official, replies[-1], "Oui")
    assert f"Ajouté à votre demande n° {number}" in replies[-1]["text"]
    after = await desk.revision()
    freed = await desk.message(GROUP, card["message_id"])
    await desk.press(GROUP, freed, "Prendre en charge", user_id=BRUNO)
    full = await desk.wait_for(BRUNO, after, "Vous avez pris en charge")
    assert "Messages reçus pendant l'attente" in full["text"] and note in full["text"]
    await desk.wait_for(official, after, "Bruno Petit")


async def test_after_a_transfer_the_previous_holder_is_told_who_holds_it_at_the_first_press(desk):
    official, number, _card, ticket = await claimed(desk)
    choices = await desk.press_then(ALICE, ticket, "Transférer", "À qui", user_id=ALICE)
    assert "le nombre de demandes qu'il ou elle suit" in choices["text"]
    assert buttons(choices) == ["Bruno Petit · 0 en cours"]
    after = await desk.revision()
    await desk.press_then(ALICE, choices, "Bruno", "transférée à Bruno Petit", user_id=ALICE)
    edited = await desk.wait_for(ALICE, after, "maintenant suivie par Bruno Petit")
    assert edited["message_id"] == ticket["message_id"]
    assert buttons(edited) == [] and "06 12" not in edited["text"]
    await desk.wait_for(BRUNO, after, "vous transfère la demande")
    await desk.wait_for(official, after, "Bruno Petit")
    await desk.wait_for(GROUP, after, "Suivie par Bruno Petit")
    for action in ("reply", "close", "book", "release", "transfer"):
        answer = await stale_press(desk, ALICE, ticket, action, number)
        assert answer["text"] == "Cette demande est maintenant suivie par Bruno Petit.", action
        assert "rejoindre" not in answer["text"]
    # No step was started: Alice's next message is not taken as a reply or a note.
    texts = await desk.bot_texts(ALICE)
    assert not any(
        "Écrivez votre message pour l'élu" in t or "Note de résolution" in t for t in texts
    )


async def test_the_card_says_its_status_once_and_who_and_when_in_clock_times(desk):
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    assert "🆕 À prendre" in card["text"] and status_emojis(card["text"]) == 1
    assert "Déposée le mardi 1er décembre à 10h" in card["text"]
    desk.container.clock.advance(timedelta(minutes=20))
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    held = await desk.wait_for(GROUP, after, "Suivie par Alice Martin")
    assert "Prise en charge à 10h20 par Alice Martin" in held["text"]
    assert status_emojis(held["text"]) == 1 and buttons(held) == []
    assert "depuis" not in held["text"] and " min" not in held["text"]
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    desk.container.clock.advance(timedelta(minutes=25))
    await desk.press_then(ALICE, ticket, "Clore", "Note de résolution", user_id=ALICE)
    summary = await desk.say_then(ALICE, "Conseillé un atelier participatif.", "Clore la", ALICE)
    after = await desk.revision()
    await desk.press_then(ALICE, summary, "Clore la demande", "close", user_id=ALICE)
    done = await desk.wait_for(GROUP, after, "Traitée par Alice Martin")
    assert done["message_id"] == card["message_id"]
    assert status_emojis(done["text"]) == 1 and "✅ ✅" not in done["text"]
    assert "Prise en charge à 10h20 par Alice Martin" in done["text"]
    assert "Close à 10h45 par Alice Martin" in done["text"]


async def closed_and_asked_to_rate(desk) -> tuple[int, int, dict]:
    official, number, _card, ticket = await claimed(desk)
    await desk.press_then(ALICE, ticket, "Clore", "Note de résolution", user_id=ALICE)
    summary = await desk.say_then(ALICE, "Conseillé un atelier participatif.", "Clore la", ALICE)
    after = await desk.revision()
    await desk.press_then(ALICE, summary, "Clore la demande", "close", user_id=ALICE)
    request = await desk.wait_for(official, after, "Comment évaluez-vous")
    return official, number, request


async def ratings_seen_by_alice(desk, number: int) -> list[str]:
    texts = await desk.bot_texts(ALICE)
    return [t for t in texts if f"Note de l'élu·e pour la demande n° {number}" in t]


async def test_the_rating_reaches_the_holder_once_with_the_comment_written_in_time(desk):
    official, number, request = await closed_and_asked_to_rate(desk)
    await desk.press_then(official, request, "5 ⭐", "5/5")
    after = await desk.revision()
    await desk.say_then(official, "Très clair, merci !", "commentaire")
    note = await desk.wait_for(ALICE, after, "Très clair, merci !")
    assert "5/5" in note["text"]
    desk.container.clock.advance(timedelta(minutes=10))
    await desk.loop.run_once()
    assert len(await ratings_seen_by_alice(desk, number)) == 1


async def test_the_rating_goes_alone_when_no_comment_comes_and_a_late_one_adds_no_message(desk):
    official, number, request = await closed_and_asked_to_rate(desk)
    await desk.press_then(official, request, "3 ⭐", "3/5")
    await desk.loop.run_once()
    assert await ratings_seen_by_alice(desk, number) == []  # waiting for a possible comment
    after = await desk.revision()
    desk.container.clock.advance(timedelta(minutes=6))
    await desk.loop.run_once()
    note = await desk.wait_for(ALICE, after, "Note de l'élu·e")
    assert "3/5" in note["text"] and "<blockquote>" not in note["text"]
    await desk.say_then(official, "Finalement, un peu court.", "commentaire")
    await desk.loop.run_once()
    assert len(await ratings_seen_by_alice(desk, number)) == 1


async def test_the_official_sees_the_appointment_with_the_same_word_as_the_advisor(desk):
    official, _number, _card, ticket = await claimed(desk)
    await desk.press_then(ALICE, ticket, "Fixer le rendez-vous", "Date et heure", user_id=ALICE)
    channel = await desk.say_then(ALICE, "02/12 14h30", "Par quel moyen", user_id=ALICE)
    contact = await desk.press_then(ALICE, channel, "téléphone", "Quel numéro", user_id=ALICE)
    after = await desk.revision()
    booked = await desk.press_then(ALICE, contact, "06 12", "Rendez-vous proposé", user_id=ALICE)
    assert "mercredi 2 décembre à 14h30" in booked["text"]
    proposal = await desk.wait_for(official, after, "Rendez-vous proposé")
    listing = await desk.say_then(official, "/mes_demandes", "Vos demandes")
    assert "Rendez-vous : mercredi 2 décembre à 14h30, par téléphone — proposé" in listing["text"]
    await desk.press_then(official, proposal, "Confirmer", "Rendez-vous confirmé")
    listing = await desk.say_then(official, "/mes_demandes", "Vos demandes")
    assert "mercredi 2 décembre à 14h30, par téléphone — confirmé" in listing["text"]
    mine = await desk.say_then(ALICE, "/mes_tickets", "demandes en cours", user_id=ALICE)
    assert "rendez-vous confirmé" in mine["text"]


async def open_again(desk, official: int, question: str) -> int:
    """A returning official's request: the known details are kept in one tap."""
    await desk.say_then(official, "/conseiller", "étape 1/7")
    reuse = await desk.say_then(official, question, "étape 2/7")
    slots = await desk.press_then(official, reuse, "Tout garder", "étape 6/7")
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    receipt = await desk.press_then(official, summary, "Envoyer la demande", "enregistrée")
    return int(receipt["text"].split("n° ")[1].split()[0])


async def test_a_fourth_open_request_is_refused_politely_with_the_open_ones_listed(desk):
    official = desk.new_official()
    numbers = [await desk.open_ticket(official)]
    for question in ("Et pour un conseil citoyen, comment faire ?", "Et un budget participatif ?"):
        numbers.append(await open_again(desk, official, question))
    refusal = await desk.say_then(official, "/conseiller", "demandes en cours")
    assert "Vous avez déjà 3 demandes en cours" in refusal["text"]
    assert all(f"n° {number}" in refusal["text"] for number in numbers)
    assert f"Annuler n° {numbers[0]}" in " ".join(buttons(refusal))
    assert "étape 1/7" not in refusal["text"]
    await desk.press_then(official, refusal, f"Annuler n° {numbers[0]}", "annulée")
    await desk.say_then(official, "/conseiller", "étape 1/7")
