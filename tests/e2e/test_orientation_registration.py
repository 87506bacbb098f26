"""Registering for an atelier cycle through the sandbox: the flow, the calendar, the profile."""

from __future__ import annotations

from icalendar import Calendar

from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import buttons
from tests.e2e.orientation_desk import (
    LINK,
    WINTER_STARTS,
    download,
    make_cycle,
    next_document,
    up_to_commitments,
)

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def test_an_official_registers_accepts_the_commitments_and_gets_the_dates_and_calendar(desk):
    cycle = make_cycle(desk.container)
    official = desk.new_official()
    commitments = await up_to_commitments(
        desk, official, "Camille", "Mairie de Saint-Exemple", "camille@saint-exemple.fr"
    )
    for promise in ("quatre séances", "situation concrète", "caméra et micro"):
        assert promise in commitments["text"]
    after = await desk.revision()
    confirmed = await desk.press_then(official, commitments, "Je m'engage", "Inscription confirmée")
    assert "Eau en montagne" in confirmed["text"]
    assert "mardi 12 janvier à 14h" in confirmed["text"]  # 13:00 UTC is 14:00 in Paris
    assert confirmed["text"].count("• Séance") == 4
    pressed = await desk.message(official, commitments["message_id"])
    assert "➡️ ✅ Je m'engage" in pressed["text"] and buttons(pressed) == []

    sent = await next_document(desk, official, after)
    assert sent["document"]["file_name"] == f"atelier-{cycle.id}.ics"
    calendar = Calendar.from_ical(await download(desk, sent["document"]))
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    assert [e.decoded("dtstart") for e in events] == list(WINTER_STARTS)
    assert all(str(e.get("location")) == LINK for e in events)

    # The cycle now shows one place fewer, and /mes_inscriptions lists the place.
    listing = await desk.say_then(official, "/ateliers", "Cycles ouverts")
    assert "14 places sur 15" in listing["text"]
    mine = await desk.say_then(official, "/mes_inscriptions", "Vos inscriptions")
    assert "place confirmée" in mine["text"]


async def test_a_second_registration_asks_nothing_already_known(desk):
    make_cycle(desk.container)
    second = make_cycle(desk.container, theme="Eau en montagne — printemps")
    official = desk.new_official()
    commitments = await up_to_commitments(desk, official, "Léa", "Commune de Valbonne", "lea@v.fr")
    await desk.press_then(official, commitments, "Je m'engage", "Inscription confirmée")
    listing = await desk.say_then(official, "/ateliers", "Cycles ouverts")
    detail = await desk.press_then(official, listing, "printemps", "Inscriptions jusqu")
    prompt = await desk.press_then(official, detail, "S'inscrire", "Avant de confirmer")
    assert buttons(prompt) == ["✅ Je m'engage", "Annuler"]
    done = await desk.press_then(official, prompt, "Je m'engage", "Inscription confirmée")
    assert second.theme in done["text"]


async def test_a_bad_email_is_explained_and_annuler_leaves_the_flow(desk):
    make_cycle(desk.container)
    official = desk.new_official()
    await desk.control.register_user(official, "Noé")
    listing = await desk.say_then(official, "/ateliers", "Cycles ouverts")
    detail = await desk.press_then(official, listing, "Eau en montagne", "Inscriptions jusqu")
    await desk.press_then(official, detail, "S'inscrire", "collectivité")
    roles = await desk.say_then(official, "Commune de Test", "Vous êtes")
    await desk.press_then(official, roles, "Autre", "e-mail")
    told = await desk.say_then(official, "noe at test", "adresse e-mail valide")
    assert "prenom.nom@mairie.fr" in told["text"]
    await desk.say_then(official, "/annuler", "annulé")
    assert desk.container.orientation.my_registrations(official) == []
    # The projets partagés flow has its own "Annuler", which records nothing.
    desk.container.orientation_staff.add_theme("refugies", "Accueil des réfugiés", "…")
    other = desk.new_official()
    themes = await desk.say_then(other, "/projets", "Projets partagés")
    kinds = await desk.press_then(other, themes, "Je suis intéressé", "votre collectivité")
    prompt = await desk.press_then(other, kinds, "Observatrice", "De quelle collectivité")
    await desk.press_then(other, prompt, "Annuler", "aucun intérêt")
    assert desk.container.orientation_staff.interests()[0].observers == ()
