"""Booking the call, the official's answer, and reminders driven by a controllable clock."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, GROUP, buttons
from tests.e2e.test_escalation_advisors import claimed_by_alice

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def book(desk, ticket: dict, when: str, channel: str) -> dict:
    """As Alice: "Fixer le rendez-vous", the date, the channel; return the contact prompt."""
    prompt = await desk.press_then(ALICE, ticket, "Fixer le rendez-vous", "Date", user_id=ALICE)
    assert "12/12 14h30" in prompt["text"]
    channels = await desk.say_then(ALICE, when, "Par quel moyen", user_id=ALICE)
    expect = "lien" if channel == "visio" else "numéro"
    return await desk.press_then(ALICE, channels, channel, expect, user_id=ALICE)


async def test_a_booked_call_is_confirmed_and_reminded_the_day_before_and_15_minutes_before(desk):
    official, number, ticket = await claimed_by_alice(desk)
    contact = await book(desk, ticket, "demain 14h30", "téléphone")
    assert buttons(contact)[0] == "📞 06 12 34 56 78"
    after = await desk.revision()
    booked = await desk.press_then(
        ALICE, contact, "06 12 34 56 78", "Rendez-vous proposé", user_id=ALICE
    )
    assert "mercredi 2 décembre à 14h30" in booked["text"]
    proposal = await desk.wait_for(official, after, "Rendez-vous proposé")
    assert "mercredi 2 décembre à 14h30" in proposal["text"]
    assert "Alice Martin" in proposal["text"]
    card = await desk.wait_for(GROUP, after, "Rendez-vous proposé")
    assert f"n° {number}" in card["text"]
    after = await desk.revision()
    await desk.press_then(official, proposal, "Confirmer", "Rendez-vous confirmé")
    await desk.wait_for(ALICE, after, "confirme le rendez-vous")

    clock = desk.container.clock
    after = await desk.revision()
    clock.advance(timedelta(hours=4, minutes=30))  # Tuesday 14:30, a day before the call
    await desk.loop.run_once()
    for_official = await desk.wait_for(official, after, "Rappel")
    assert "demain" in for_official["text"]
    assert "06 12 34 56 78" in for_official["text"]  # their own number, told back to them
    for_alice = await desk.wait_for(ALICE, after, "Rappel")
    assert "06 12 34 56 78" in for_alice["text"]

    after = await desk.revision()
    clock.advance(timedelta(hours=23, minutes=45))  # Wednesday 14:15
    await desk.loop.run_once()
    await desk.wait_for(official, after, "Dans 15 minutes")
    await desk.wait_for(ALICE, after, "Dans 15 minutes")
    # Nothing is sent twice however often the loop runs.
    await desk.loop.run_once()
    reminders = [t for t in await desk.bot_texts(official) if "⏰" in t]
    assert len(reminders) == 2


async def test_a_video_call_needs_a_link_and_the_official_can_ask_for_another_slot(desk):
    official, _number, ticket = await claimed_by_alice(desk)
    await book(desk, ticket, "03/12 à 9h", "visio")
    await desk.say_then(ALICE, "meet.example.org/abc", "https://", user_id=ALICE)
    after = await desk.revision()
    link = "https://visio.example.org/hotline-42"
    booked = await desk.say_then(ALICE, link, "Rendez-vous proposé", user_id=ALICE)
    assert "jeudi 3 décembre à 9h" in booked["text"]
    proposal = await desk.wait_for(official, after, "Rendez-vous proposé")
    assert link in proposal["text"]
    after = await desk.revision()
    await desk.press_then(official, proposal, "autre créneau", "va vous proposer")
    asked = await desk.wait_for(ALICE, after, "demande un autre créneau")
    assert "Fixer le rendez-vous" in buttons(asked)[0]
    # The reminders of the dropped booking never fire.
    desk.container.clock.advance(timedelta(days=2))
    await desk.loop.run_once()
    assert not [t for t in await desk.bot_texts(official) if "⏰" in t]


async def test_unreadable_or_past_dates_are_refused_and_the_step_stays(desk):
    _official, _number, ticket = await claimed_by_alice(desk)
    await desk.press_then(ALICE, ticket, "Fixer le rendez-vous", "Date", user_id=ALICE)
    await desk.say_then(ALICE, "mardi prochain", "pas trouvé l'heure", user_id=ALICE)
    await desk.say_then(ALICE, "01/12 8h", "déjà passé", user_id=ALICE)
    channels = await desk.say_then(ALICE, "04/12 11h", "Par quel moyen", user_id=ALICE)
    assert "vendredi 4 décembre à 11h" in channels["text"]


async def test_an_unclaimed_ticket_is_reminded_in_the_group_then_to_staff(desk):
    desk.container.advisors.add(7003, "Chloé Staff", "staff")
    await desk.control.register_user(7003, "Chloé")  # staff have talked to the bot before
    after = await desk.revision()
    number = await desk.open_ticket(desk.new_official())
    await desk.card_of(number, after)
    clock = desk.container.clock
    clock.advance(timedelta(minutes=61))
    await desk.loop.run_once()
    reminder = await desk.wait_for(GROUP, after, "attend un conseiller")
    assert f"n° {number}" in reminder["text"]
    assert buttons(reminder) == ["🙋 Prendre en charge"]
    clock.advance(timedelta(hours=4))
    await desk.loop.run_once()
    staff = await desk.wait_for(7003, after, "sans conseiller")
    assert f"n° {number}" in staff["text"]
