"""One place per collectivité under simultaneous presses; the waiting list, offers and lapses."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from routing.orientation.model import Profile, RegistrationStatus
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import buttons
from tests.e2e.orientation_desk import make_cycle, up_to_commitments

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def test_two_officials_of_one_collectivite_pressing_at_once_get_one_place_and_a_waitlist(
    desk,
):
    cycle = make_cycle(desk.container)
    camille, dominique = desk.new_official(), desk.new_official()
    first = await up_to_commitments(desk, camille, "Camille", "Mairie de Saint-Exemple", "c@se.fr")
    second = await up_to_commitments(
        desk, dominique, "Dominique", "mairie de saint exemple", "d@se.fr"
    )
    after = await desk.revision()
    await asyncio.gather(
        desk.press(camille, first, "Je m'engage"), desk.press(dominique, second, "Je m'engage")
    )
    said = {
        o: await first_of(desk, o, after, "Inscription confirmée", "déjà sa place")
        for o in (camille, dominique)
    }
    texts = [m["text"] for m in said.values()]
    winners = [o for o, m in said.items() if "Inscription confirmée" in m["text"]]
    assert len(winners) == 1, texts
    loser = dominique if winners == [camille] else camille
    told = said[loser]
    holder = "Camille" if winners == [camille] else "Dominique"
    assert "déjà sa place" in told["text"] and f"tenue par {holder}" in told["text"]
    assert "@se.fr" not in told["text"]  # no one else's contact details
    assert "Liste d'attente" in buttons(told)[0]
    waiting = await desk.press_then(loser, told, "Liste d'attente", "Vous êtes sur la liste")
    assert "position 1" in waiting["text"]
    roster = desk.container.orientation_staff.roster(cycle.id)
    assert [r.status for r in roster.registrations] == ["confirmed", "waiting"]


async def first_of(desk, chat_id: int, after: int, *wanted: str) -> dict:
    """The first bot message in a chat after `after` containing one of the wanted texts."""
    while True:
        event = await desk.control.wait_bot_message(chat_id, after=after, timeout=10)
        if any(text in event["message"].get("text", "") for text in wanted):
            return event["message"]
        after = event["revision"]


def fill(container, cycle, count: int, first_id: int = 9000) -> list[int]:
    """Give `count` places to people of distinct collectivités (as the bot would)."""
    people = []
    for n in range(count):
        profile = Profile(f"Commune numéro {n}", "elu", f"p{n}@communes.fr")
        outcome = container.orientation.register(first_id + n, cycle.id, profile, waitlist=False)
        assert outcome.status == "confirmed"
        people.append(first_id + n)
    return people


async def test_the_sixteenth_is_waitlisted_then_promoted_when_someone_cancels(desk):
    cycle = make_cycle(desk.container)
    people = fill(desk.container, cycle, 15)
    sixteenth = desk.new_official()
    full = await up_to_commitments(desk, sixteenth, "Sacha", "Ville de Seizième", "s@v16.fr")
    assert "complet (15 places)" in full["text"]
    commitments = await desk.press_then(sixteenth, full, "Liste d'attente", "Avant de confirmer")
    waiting = await desk.press_then(sixteenth, commitments, "Je m'engage", "Vous êtes sur la liste")
    assert "position 1" in waiting["text"]

    leaver = people[3]
    mine = await desk.say_then(leaver, "/mes_inscriptions", "Vos inscriptions")
    ask = await desk.press_then(leaver, mine, "Annuler", "Annuler votre inscription")
    after = await desk.revision()
    await desk.press_then(leaver, ask, "Oui, annuler", "est annulée")
    offer = await desk.wait_for(sixteenth, after, "Une place s'est libérée")
    assert "jeudi 3 décembre à 10h" in offer["text"]  # 48 hours after Tuesday 10:00 in Paris
    confirmed = await desk.press_then(sixteenth, offer, "Je confirme", "Inscription confirmée")
    assert "Eau en montagne" in confirmed["text"]
    statuses = {
        r.user_id: r.status for r in desk.container.orientation_staff.roster(cycle.id).registrations
    }
    assert statuses[sixteenth] == RegistrationStatus.CONFIRMED
    assert statuses[leaver] == RegistrationStatus.CANCELLED


async def test_an_offer_left_unconfirmed_for_48_hours_passes_to_the_next_in_line(desk):
    cycle = make_cycle(desk.container, capacity=1)
    [holder] = fill(desk.container, cycle, 1)
    second, third = desk.new_official(), desk.new_official()
    for official, town in ((second, "Bourg Deux"), (third, "Bourg Trois")):
        full = await up_to_commitments(desk, official, "Élu", town, "e@bourg.fr")
        commitments = await desk.press_then(official, full, "Liste d'attente", "Avant de confirmer")
        await desk.press_then(official, commitments, "Je m'engage", "Vous êtes sur la liste")
    after = await desk.revision()
    [(registration, _cycle)] = desk.container.orientation.my_registrations(holder)
    desk.container.orientation.cancel(holder, registration.id)
    await desk.loop.run_once()
    offer = await desk.wait_for(second, after, "Une place s'est libérée")

    clock = desk.container.clock
    clock.advance(timedelta(hours=47, minutes=59))
    await desk.loop.run_once()
    assert not any("délai" in t for t in await desk.bot_texts(second))
    after = await desk.revision()
    clock.advance(timedelta(minutes=2))
    await desk.loop.run_once()
    await desk.wait_for(second, after, "Le délai pour confirmer votre place")
    await desk.wait_for(third, after, "Une place s'est libérée")
    # The lapsed offer's button no longer takes the place.
    receipt = await desk.press(second, offer, "Je confirme")
    answer = await desk.answer_to(second, receipt)
    assert "a changé" in answer["text"]
    statuses = [r.status for r in desk.container.orientation_staff.roster(cycle.id).registrations]
    assert statuses == ["offered", "expired", "cancelled"]


async def test_an_offer_queued_while_the_bot_is_down_is_delivered_after_the_restart(desk):
    cycle = make_cycle(desk.container, capacity=1)
    [holder] = fill(desk.container, cycle, 1)
    waiting = desk.new_official()
    await desk.control.register_user(waiting, "Sacha")
    profile = Profile("Bourg d'Attente", "agent", "s@bourg.fr")
    assert desk.container.orientation.register(waiting, cycle.id, profile, True).status == (
        "waiting"
    )
    await desk.harness.stop_bot()
    [(registration, _cycle)] = desk.container.orientation.my_registrations(holder)
    desk.container.orientation.cancel(holder, registration.id)  # e.g. from another process
    after = await desk.revision()
    await desk.harness.start_bot()
    offer = await desk.wait_for(waiting, after, "Une place s'est libérée")
    assert "Je confirme ma place" in buttons(offer)[0]
