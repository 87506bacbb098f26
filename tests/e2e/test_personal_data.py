"""Personal data end to end: the privacy notice, the export, erasure, logs, and injection."""

from __future__ import annotations

import json
import logging
import re
import time

import aiohttp
import pytest

from bot.app.logging_setup import setup_logging
from bot.views.callbacks import EraseMyData
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, EMAIL, GROUP, PHONE_FORMS, buttons
from tests.e2e.harness import eventually

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk

QUESTION = "Comment associer les habitants du quartier des Glycines au budget participatif ?"
RELAY_TEXT = "Je serai joignable à la mairie annexe des Glycines jeudi"
INJECTION = '<b>gras</b> <script>alert("x")</script> &amp; <a href="http://x.fr">l</a> *md* _i_'


async def claimed(desk, official: int, question: str = QUESTION, **intake) -> tuple[int, dict]:
    """Open a ticket as `official` and let Alice claim it; return its number and her copy."""
    after = await desk.revision()
    number = await desk.open_ticket(official, question, **intake)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    await desk.wait_for(official, after, "a pris en charge")  # so it is not taken for a reply
    return number, ticket


async def test_the_privacy_notice_says_who_why_on_which_basis_how_long_and_the_rights(desk):
    [notice] = await desk.say(desk.new_official(), "/confidentialite")
    text = notice["text"]
    for part in ("Ce que nous conservons", "Pourquoi", "Qui le voit", "Combien de temps"):
        assert part in text
    assert "coordonnées" in text and "conseiller qui prend votre demande" in text
    assert "/mes_donnees" in text and "/supprimer_mes_donnees" in text
    # Controller and contact come from the settings; their demo defaults say they are a demo.
    settings = desk.container.settings
    assert f"Responsable du traitement : {settings.data_controller}" in text
    assert "démonstration" in settings.data_controller
    assert f"Contact pour vos données : {settings.privacy_contact}" in text
    assert "mission d'intérêt public" in text and "article 6.1.e" in text
    for right in ("accès", "rectification", "effacement", "limitation", "opposition"):
        assert right in text
    assert "CNIL" in text and "cnil.fr" in text
    # The durations it states are the settings the purge applies.
    assert f"{settings.contact_retention_days} jours après la clôture" in text
    assert f"au bout de {settings.log_retention_days} jours" in text


async def test_the_privacy_notice_follows_the_settings(desk):
    settings = desk.container.settings
    settings.data_controller = "Mairie <Exemple> & Cie"
    settings.privacy_contact = "rgpd@exemple.fr"
    settings.contact_retention_days = 30
    [notice] = await desk.say(desk.new_official(), "/confidentialite")
    assert "Responsable du traitement : Mairie <Exemple> & Cie" in notice["text"]
    assert "écrivez à rgpd@exemple.fr" in notice["text"]
    assert "effacées 30 jours après" in notice["text"]


async def download(desk, document: dict) -> dict:
    url = f"{desk.harness.server.base_url}/control/files/{document['file_id']}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return json.loads(await response.read())


async def test_my_data_arrives_as_a_json_file_with_questions_tickets_and_contacts(desk):
    official = desk.new_official()
    await desk.say(official, QUESTION)
    number, _ = await claimed(desk, official)
    [sent] = await desk.say(official, "/mes_donnees")
    assert sent["document"]["file_name"] == "mes_donnees_hotline.json"
    assert "demandes de rappel" in sent["caption"]
    data = await download(desk, sent["document"])
    # For the person it is about: a French guide first, French keys and values, Paris dates.
    assert next(iter(data)) == "à_lire" and "heure de Paris" in data["à_lire"]
    assert data["identifiant_telegram"] == official and data["profil"]["numéro"] == official
    assert QUESTION in [q["texte"] for q in data["questions"]]
    [ticket] = data["demandes_de_rappel"]
    assert ticket["numéro"] == number and ticket["téléphone"] == "+33612345678"
    assert ticket["moyen_de_rappel"] == "téléphone" and ticket["état"] == "prise en charge"
    assert ticket["accord_pour_être_recontacté"] == "oui"
    kinds = [e["événement"] for e in ticket["historique"]]
    assert kinds[:2] == ["demande créée", "prise en charge"]
    # Tuesday 1 December 2026, 10:00 in Paris (the desk's fixed clock).
    assert ticket["créé_le"] == "01/12/2026 10:00"
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", s) for s in ticket["créneaux_souhaités"])
    assert data["durées_de_conservation_en_jours"] == {
        "coordonnées_après_clôture_de_la_demande": 90,
        "questions_avant_anonymisation": 365,
    }
    assert not _english_keys(data)


def _english_keys(value) -> list[str]:
    """Keys of the export still in English (the FSM's own data aside: it is the bot's)."""
    english = {"user_id", "profile", "text", "tickets", "status", "created_at", "events", "phone"}
    if isinstance(value, list):
        return [k for item in value for k in _english_keys(item)]
    if not isinstance(value, dict):
        return []
    found = [key for key in value if key in english]
    return found + [k for key, v in value.items() if key != "données" for k in _english_keys(v)]


async def test_erasure_asks_first_then_erases_and_keeps_the_ticket_anonymously(desk):
    official = desk.new_official()
    number, _ = await claimed(desk, official)
    [ask] = await desk.say(official, "/supprimer_mes_donnees")
    assert "Cette action est définitive" in ask["text"]
    assert buttons(ask) == ["🗑 Oui, tout supprimer", "Annuler"]
    [cancelled] = await desk.press_and_read(official, ask, "Annuler")
    assert cancelled["text"] == "Entendu, rien n'a été supprimé."
    assert desk.container.privacy.export(official)["tickets"]
    [ask] = await desk.say(official, "/supprimer_mes_donnees")
    [done] = await desk.press_and_read(official, ask, "Oui")
    assert done["text"].startswith("✅ Vos données ont été supprimées")
    data = desk.container.privacy.export(official)
    assert data["profile"] is None and data["tickets"] == [] and data["questions"] == []
    with desk.container.uow() as uow:
        kept = uow.tickets.get(number)
    assert (kept.official_id, kept.phone, kept.status) == (0, None, "cancelled")


async def test_an_old_confirmation_button_erases_nothing(desk):
    official = desk.new_official()
    await desk.say(official, QUESTION)
    [ask] = await desk.say(official, "/supprimer_mes_donnees")
    stale = EraseMyData(ok=1, t=int(time.time()) - 3600).pack()
    receipt = await desk.control.press(official, ask["message_id"], data=stale, force=True)
    answer = await desk.answer_to(official, receipt)
    assert "expiré" in answer["text"] and answer["show_alert"]
    assert desk.container.privacy.export(official)["questions"]


@pytest.fixture
def production_logging(tmp_path, caplog):
    """`hotline run`'s logging (redaction, a log file) at DEBUG, caplog still listening."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    log_file = tmp_path / "hotline.log"
    setup_logging(logging.DEBUG, log_file)
    root.addHandler(caplog.handler)
    yield log_file
    root.handlers[:] = saved[1]
    root.setLevel(saved[0])


async def test_no_phone_email_or_message_text_reaches_the_logs(desk, caplog, production_logging):
    official, other = desk.new_official(), desk.new_official()
    await desk.say(official, QUESTION)
    _number, ticket = await claimed(desk, official)
    await claimed(
        desk, other, "Une question sur la concertation préalable", channel="visio", contact=EMAIL
    )
    await desk.press_and_read(ALICE, ticket, "Répondre", user_id=ALICE)
    after = await desk.revision()
    await desk.say(ALICE, "Je vous rappelle au 06 12 34 56 78 comme convenu")
    await desk.wait_for(official, after, "vous écrit")
    after = await desk.revision()
    await desk.say(official, RELAY_TEXT)
    await desk.wait_for(ALICE, after, "annexe des Glycines")
    # A send that fails every attempt is logged and kept: still nothing personal in the logs.
    third = desk.new_official()
    await desk.control.add_fault("500", "sendMessage", count=4)
    await desk.control.send_text(third, "Budget participatif ? camille.durand@mairie-exemple.fr")
    assert await eventually(lambda: desk.container.deliveries.pending(third), timeout=10)
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    written = production_logging.read_text(encoding="utf-8")
    assert "Update id=" in written  # the file really receives the bot's logs
    for secret in (*PHONE_FORMS, EMAIL, "camille.durand", QUESTION, RELAY_TEXT, "Glycines"):
        assert secret not in logged, secret
        assert secret not in written, secret


async def test_markup_typed_by_people_is_shown_as_text_wherever_it_is_repeated(desk):
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official, f"Question {INJECTION}")
    card = await desk.card_of(number, after)
    assert INJECTION in card["text"]
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    assert INJECTION in ticket["text"]
    await desk.press_and_read(ALICE, ticket, "Répondre", user_id=ALICE)
    after = await desk.revision()
    await desk.say(ALICE, f"Réponse {INJECTION}")
    relayed = await desk.wait_for(official, after, "vous écrit")
    assert INJECTION in relayed["text"]
    after = await desk.revision()
    await desk.say(official, f"Précision {INJECTION}")
    to_alice = await desk.wait_for(ALICE, after, "Précision")
    assert INJECTION in to_alice["text"]
    for message in (card, ticket, relayed, to_alice):
        kinds = {entity["type"] for entity in message.get("entities", [])}
        assert "text_link" not in kinds  # the typed <a href> did not become a link
    calls = await desk.control.call("GET", "/calls")
    assert all(call["status"] == 200 for call in calls if call["method"] == "sendMessage")


async def test_an_advisor_is_told_to_ask_the_team_before_erasing(desk):
    [refused] = await desk.say(ALICE, "/supprimer_mes_donnees")
    assert "Demandez d'abord à l'équipe de vous retirer" in refused["text"]
    assert desk.container.privacy.export(ALICE)["advisor"]["display_name"] == "Alice Martin"
