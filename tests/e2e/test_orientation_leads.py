"""Answers lead to the offers: the ateliers and projets entries, and answers on a cycle's theme."""

from __future__ import annotations

from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import buttons
from tests.e2e.orientation_desk import make_cycle

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


async def test_the_ateliers_entry_carries_a_button_to_the_open_cycles(desk):
    make_cycle(desk.container)
    official = desk.new_official()
    answer = await desk.say_then(
        official, "Comment fonctionnent les ateliers interactifs de l'ANCT ?", "ateliers"
    )
    assert "📅 Voir les ateliers ouverts" in buttons(answer)
    listing = await desk.press_then(official, answer, "Voir les ateliers", "Cycles ouverts")
    assert "Eau en montagne" in listing["text"]


async def test_an_answer_on_the_theme_of_an_open_cycle_leads_to_that_cycle(desk):
    make_cycle(desk.container)  # linked to the gestion-eau-montagne entry
    official = desk.new_official()
    answer = await desk.say_then(
        official,
        "Comment faire coopérer les usagers de l'eau en montagne quand la ressource manque ?",
        "eau",
    )
    [lead] = [b for b in buttons(answer) if b.startswith("📅")]
    assert lead == "📅 Atelier : Eau en montagne"
    detail = await desk.press_then(official, answer, lead, "Inscriptions jusqu")
    assert "S'inscrire" in buttons(detail)[0]


async def test_the_projets_partages_entry_leads_to_the_themes(desk):
    desk.container.orientation_staff.add_theme("ados", "Participation des adolescents", "…")
    official = desk.new_official()
    answer = await desk.say_then(official, "Que sont les projets partagés de l'ANCT ?", "projets")
    themes = await desk.press_then(official, answer, "Projets partagés", "3 à 5")
    assert "Je suis intéressé(e) : Participation des adolescents" in buttons(themes)[0]


async def test_an_answer_on_an_unrelated_theme_carries_no_lead(desk):
    make_cycle(desk.container)
    official = desk.new_official()
    answer = await desk.say_then(
        official, "ça part en clash à chaque réunion, on fait quoi ?", "conflit"
    )
    assert not [b for b in buttons(answer) if b.startswith(("📅", "🤝"))]
