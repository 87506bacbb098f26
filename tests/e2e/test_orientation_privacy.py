"""Ateliers data in /mes_donnees, and erasure freeing the place for the next in line."""

from __future__ import annotations

import json

from routing.orientation.model import InterestKind, Profile
from tests.e2e import escalation_desk
from tests.e2e.orientation_desk import download, make_cycle, next_document

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def test_my_data_lists_registrations_with_attendance_and_interests(desk):
    container = desk.container
    cycle = make_cycle(container)
    official = desk.new_official()
    await desk.control.register_user(official, "Camille")
    profile = Profile("Mairie de Saint-Exemple", "elu", "camille@se.fr")
    container.orientation.register(official, cycle.id, profile, False, "Camille")
    container.orientation_staff.set_attendance(
        cycle.id, 1, {container.orientation.my_registrations(official)[0][0].id}
    )
    theme = container.orientation_staff.add_theme("ados", "Participation des adolescents", "…")
    container.projects.express(official, theme.id, profile.collectivite, InterestKind.OBSERVER)
    await desk.loop.run_once()  # the calendar goes out first
    after = await desk.revision()
    await desk.control.send_text(official, "/mes_donnees")
    sent = await next_document(desk, official, after)
    assert sent["document"]["file_name"] == "mes_donnees_hotline.json"
    data = json.loads(await download(desk, sent["document"]))
    # Read by the person it is about: French keys and values (issue 11).
    assert data["profil_ateliers_et_projets"]["e_mail"] == "camille@se.fr"
    [atelier] = data["inscriptions_aux_ateliers"]
    assert atelier["état"] == "inscription confirmée"
    assert atelier["présence_par_séance"] == {"1": "oui"}
    assert data["projets_partagés"][0]["participation"] == "observateur·rice"


async def test_erasure_frees_the_place_and_offers_it_to_the_next_in_line(desk):
    container = desk.container
    cycle = make_cycle(container, capacity=1)
    leaving, waiting = desk.new_official(), desk.new_official()
    for official, town in ((leaving, "Bourg Un"), (waiting, "Bourg Deux")):
        await desk.control.register_user(official, "Élu")
        container.orientation.register(official, cycle.id, Profile(town, "elu", "e@b.fr"), True)
    ask = await desk.say_then(leaving, "/supprimer_mes_donnees", "Supprimer")
    after = await desk.revision()
    await desk.press_then(leaving, ask, "Oui", "supprimé")
    await desk.loop.run_once()
    offer = await desk.wait_for(waiting, after, "Une place s'est libérée")
    assert "Bourg Un" not in offer["text"]
    statuses = [
        (r.user_id, r.status) for r in container.orientation_staff.roster(cycle.id).registrations
    ]
    assert statuses == [(waiting, "offered"), (0, "cancelled")]
    assert container.orientation.profile(leaving).collectivite is None
