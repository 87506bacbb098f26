"""The official's conversation as a mayor lives it (issue 11), end to end through the sandbox:
full entries without Markdown, help and menus, captions, pre-filled requests, closing the loop."""

from __future__ import annotations

import re

from bot.views.callbacks import EntryAction
from bot.views.rendering import full_text, linked_entries
from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.forms import form_from_entry
from routing.safety.staff_access import StaffMember
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP, PHONE_TYPED, buttons

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk

# What raw Markdown looks like once Telegram has parsed the HTML: none of it may reach a chat.
LEFTOVER_MARKDOWN = (
    re.compile(r"\*\*|__"),
    re.compile(r"\]\("),
    re.compile(r"(?m)^\s*#"),
    re.compile(r"\|"),
    re.compile(r"(?m)^\s*[*+-] "),
    re.compile(r"fiche:"),
)
QUESTION = "Comment associer les habitants à la rénovation de la place du marché ?"


def leftovers(text: str) -> list[str]:
    """The Markdown patterns found in a message's text."""
    return [pattern.pattern for pattern in LEFTOVER_MARKDOWN if pattern.search(text)]


async def collect(desk, chat_id: int, after: int, count: int, pressed: int = 0) -> list[dict]:
    """The next `count` new bot messages in a chat (paced by the rate limiter); edits of the
    pressed message (its "Lire la fiche complète" button goes) are not among them."""
    messages = []
    while len(messages) < count:
        event = await desk.control.wait_bot_message(chat_id, after=after, timeout=10)
        if event["message"]["message_id"] != pressed:
            messages.append(event["message"])
        after = event["revision"]
    return messages


async def test_every_entry_reaches_the_chat_whole_and_without_markdown(desk):
    for number, (_where, entry) in enumerate(read_entries(SEED_DIR)):
        if number % 2 == 0:  # a fresh chat now and then: Telegram paces each chat
            official = desk.new_official()
            [welcome] = await desk.say(official, "/start")
        # The "Lire la fiche complète" button of each entry, pressed under any message.
        data = EntryAction(a="f", s=entry.slug).pack()
        receipt = await desk.control.press(official, welcome["message_id"], data=data, force=True)
        hotline = desk.container.hotline
        related = {slug: hotline.entry(slug).title for slug in linked_entries(entry)}
        expected = len(full_text(entry, related))
        parts = await collect(
            desk, official, receipt["revision"], expected, pressed=welcome["message_id"]
        )
        # The sandbox applies Telegram's HTML parser and 4,096-character limit: a refused part
        # would never arrive.
        assert parts[0]["text"].startswith(entry.title), entry.slug
        for part in parts:
            assert not leftovers(part["text"]), (entry.slug, leftovers(part["text"]))
            assert len(part["text"]) <= 4096
        if related:  # links to other entries become buttons, their full titles listed
            assert len(buttons(parts[-1])) == len(related)
            assert all(b.startswith("➡️") for b in buttons(parts[-1]))
            assert all(title in parts[-1]["text"] for title in related.values())
    calls = await desk.control.call("GET", "/calls")
    assert not [c for c in calls if c.get("status", 200) >= 400], "a part was refused"


async def test_a_linked_entry_opens_from_its_button(desk):
    official = desk.new_official()
    [answer] = await desk.say(official, "budget participatif petite commune")
    receipt = await desk.press(official, answer, "Lire la fiche complète")
    parts = await collect(desk, official, receipt["revision"], 2, pressed=answer["message_id"])
    body = "\n".join(part["text"] for part in parts)
    assert "(voir niveaux de participation)" in body  # the link's words, in the sentence
    related = [b for b in buttons(parts[-1]) if "participation" in b.lower()]
    assert related, buttons(parts[-1])
    linked = await desk.press_then(official, parts[-1], related[0], "Sources")
    assert "participation" in linked["text"].split("\n")[0].lower()
    assert "📖 Lire la fiche complète" in buttons(linked)


async def test_help_lists_every_command_an_official_may_use(desk):
    [help_text] = await desk.say(desk.new_official(), "/aide")
    for command in (
        "/themes",
        "/conseiller",
        "/mes_demandes",
        "/mes_donnees",
        "/supprimer_mes_donnees",
        "/confidentialite",
        "/notifications",
        "/annuler",
    ):
        assert command in help_text["text"], command
    assert "/mes_tickets" not in help_text["text"] and "/backoffice" not in help_text["text"]


async def test_help_shows_advisors_their_commands_too_from_their_database_role(desk):
    [help_text] = await desk.say(ALICE, "/aide", user_id=ALICE)
    assert "/mes_demandes" in help_text["text"]
    assert "/mes_tickets" in help_text["text"] and "/file" in help_text["text"]
    assert "/backoffice" not in help_text["text"]  # Alice is an advisor, not staff
    [group_help] = await desk.say(GROUP, "/aide", user_id=BRUNO)
    assert "Prendre en charge" in group_help["text"] and "/mes_tickets" in group_help["text"]


async def test_the_command_menus_are_set_per_scope(desk):
    menus = {
        (m["scope"]["type"], m["scope"].get("chat_id")): [c["command"] for c in m["commands"]]
        for m in (await desk.control.state())["commands"]
    }
    officials = menus[("default", None)]
    assert menus[("all_private_chats", None)] == officials
    for command in ("mes_demandes", "mes_donnees", "supprimer_mes_donnees", "confidentialite"):
        assert command in officials
    assert "mes_tickets" not in officials
    for advisor in (ALICE, BRUNO):
        assert {"mes_tickets", "file", "mes_demandes"} <= set(menus[("chat", advisor)])
    assert menus[("chat", GROUP)] == ["aide"]


async def test_a_new_advisor_gets_their_menu_when_joining(desk):
    newcomer = desk.new_official()
    code = desk.container.advisors.create_invitation(None)
    await desk.say_then(newcomer, f"/rejoindre {code}", "Bienvenue")
    state = await desk.control.state()
    [menu] = [m for m in state["commands"] if m["scope"].get("chat_id") == newcomer]
    assert "mes_tickets" in [c["command"] for c in menu["commands"]]


async def test_an_unknown_command_gets_the_help(desk):
    [reply] = await desk.say(desk.new_official(), "/bonjour")
    assert "Je ne connais pas la commande /bonjour" in reply["text"]
    assert "/mes_donnees" in reply["text"]
    assert "messages écrits" not in reply["text"]


async def test_a_photo_or_document_caption_is_read_as_the_question(desk):
    official = desk.new_official()
    question = "Les conseils de quartier sont-ils obligatoires ?"
    for kind in ("photo", "document"):
        receipt = await desk.control.send_media(official, kind, text=question)
        [answer] = await desk.replies(official, receipt["revision"])
        assert "80 000" in answer["text"], kind
    receipt = await desk.control.send_media(official, "photo")
    [reply] = await desk.replies(official, receipt["revision"])
    assert "messages écrits" in reply["text"]


async def start_second_request(desk, official: int) -> dict:
    """Ask for a call-back again and type the question; return the step-2 prompt."""
    await desk.say_then(official, "/conseiller", "étape 1/7")
    return await desk.say_then(official, "Et pour un conseil citoyen, comment faire ?", "étape 2/7")


async def test_a_returning_official_keeps_everything_in_one_tap(desk):
    official = desk.new_official()
    await desk.open_ticket(official, QUESTION)
    reuse = await start_second_request(desk, official)
    for detail in ("Mairie de Saint-Exemple", "Élu·e", PHONE_TYPED):
        assert detail in reuse["text"]
    assert buttons(reuse)[:2] == ["✅ Tout garder", "✏️ En changer"]
    slots = await desk.press_then(official, reuse, "Tout garder", "étape 6/7")
    kept = await desk.message(official, reuse["message_id"])
    assert kept["text"].endswith("➡️ ✅ Tout garder") and not buttons(kept)
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    assert "Mairie de Saint-Exemple" in summary["text"] and PHONE_TYPED in summary["text"]
    receipt = await desk.press_then(official, summary, "Envoyer la demande", "enregistrée")
    number = int(receipt["text"].split("n° ")[1].split()[0])
    ticket = desk.container.tickets.get(number, official)
    assert (ticket.collectivite, ticket.phone) == ("Mairie de Saint-Exemple", "+33612345678")


async def test_one_detail_is_changed_from_the_summary(desk):
    official = desk.new_official()
    await desk.open_ticket(official, QUESTION)
    reuse = await start_second_request(desk, official)
    slots = await desk.press_then(official, reuse, "Tout garder", "étape 6/7")
    await desk.pick_slots(official, slots, 2)
    slots = await desk.message(official, slots["message_id"])
    consent = await desk.press_then(official, slots, "Valider", "étape 7/7")
    summary = await desk.press_then(official, consent, "J'accepte", "Récapitulatif")
    assert {"✏️ Question", "✏️ Collectivité", "✏️ Fonction", "✏️ Rappel", "✏️ Créneaux"} <= set(
        buttons(summary)
    )
    prompt = await desk.press_then(official, summary, "✏️ Collectivité", "étape 2/7")
    assert "Actuellement : Mairie de Saint-Exemple" in prompt["text"]
    assert any(b.startswith("✅ Garder Mairie de Saint-Exemple") for b in buttons(prompt))
    summary = await desk.say_then(official, "Communauté de communes du Val", "Récapitulatif")
    assert "Communauté de communes du Val" in summary["text"]
    assert PHONE_TYPED in summary["text"]  # the rest is unchanged
    prompt = await desk.press_then(official, summary, "✏️ Fonction", "étape 3/7")
    assert "Élu·e ✓" in buttons(prompt)
    summary = await desk.press_then(official, prompt, "Agent", "Récapitulatif")
    assert "Agent·e de la collectivité" in summary["text"]
    receipt = await desk.press_then(official, summary, "Envoyer la demande", "enregistrée")
    number = int(receipt["text"].split("n° ")[1].split()[0])
    ticket = desk.container.tickets.get(number, official)
    assert ticket.collectivite == "Communauté de communes du Val"
    assert str(ticket.official_role) == "agent"


async def test_changing_details_one_by_one_offers_keep_buttons(desk):
    official = desk.new_official()
    await desk.open_ticket(official, QUESTION)
    reuse = await start_second_request(desk, official)
    prompt = await desk.press_then(official, reuse, "En changer", "Actuellement")
    role = await desk.press_then(official, prompt, "Garder", "étape 3/7")
    shown = await desk.message(official, prompt["message_id"])
    assert shown["text"].endswith("➡️ Mairie de Saint-Exemple") and not buttons(shown)
    channel = await desk.press_then(official, role, "Élu", "étape 4/7")
    assert "📞 Par téléphone ✓" in buttons(channel)
    contact = await desk.press_then(official, channel, "téléphone", "étape 5/7")
    await desk.press_then(official, contact, f"Garder {PHONE_TYPED}", "étape 6/7")


async def test_nothing_is_pre_filled_after_erasing_ones_data(desk):
    official = desk.new_official()
    await desk.open_ticket(official, QUESTION)
    ask = await desk.say_then(official, "/supprimer_mes_donnees", "Supprimer vos données")
    await desk.press_then(official, ask, "Oui", "Vos données ont été supprimées")
    prompt = await start_second_request(desk, official)
    assert "Quelle est votre collectivité" in prompt["text"]
    assert "Saint-Exemple" not in prompt["text"]
    assert buttons(prompt) == ["✖️ Annuler"]
    assert desk.container.tickets.last_details(official) is None


async def test_the_answer_notice_quotes_the_question_it_answers(desk):
    official = desk.new_official()
    soup = "Comment organiser une fête de la soupe entre voisins dans notre village ?"
    await desk.say(official, soup)
    staff = 990
    desk.container.advisors.add(staff, "Sophie", role="staff")
    backoffice = desk.container.backoffice
    entry = backoffice.editor.get("budget-participatif")
    form = form_from_entry(entry) | {
        "questions": "\n".join([*entry.questions, "organiser une fête de la soupe entre voisins"]),
    }
    after = await desk.revision()
    told = backoffice.curation.save(StaffMember(staff, "Sophie", "csrf"), entry.slug, form).told
    assert told == 1
    notice = await desk.wait_for(official, after, "Une réponse à votre question du")
    assert soup in notice["text"]
    [quote] = [e for e in notice.get("entities", []) if e["type"] == "blockquote"]
    assert quote["length"] == len(soup)  # the question alone is quoted
    assert notice["text"].index(soup) < notice["text"].index(entry.title)
