"""Staff and officials in Telegram: /backoffice links, /notifications, and the loop closed."""

from __future__ import annotations

import html

from aiohttp.test_utils import TestClient, TestServer

from bot.backoffice.server import build_backoffice_app
from knowledge.entries.forms import form_from_entry
from routing.records import Role
from routing.safety.staff_access import StaffMember

SOUP = "Comment organiser une fête de la soupe entre voisins ?"


def set_role(container, user_id: int, role: Role) -> None:
    with container.uow() as uow:
        uow.users.set_role(user_id, role, "Camille")
        uow.commit()


async def test_backoffice_is_refused_to_an_official(hotline):
    [reply] = await hotline.say("/backoffice")
    assert "réservée à l'équipe" in reply["text"]
    assert "jeton" not in reply["text"]


async def test_a_staff_member_gets_a_one_time_link_that_opens_the_backoffice(hotline):
    container = hotline.container
    set_role(container, hotline.chat, Role.STAFF)
    try:
        [reply] = await hotline.say("/backoffice")
    finally:
        set_role(container, hotline.chat, Role.OFFICIAL)
    assert "valable 10 minutes, à usage unique" in reply["text"]
    url = next(word for word in reply["text"].split() if "connexion?jeton=" in word)
    token = html.unescape(url).split("jeton=")[1]
    set_role(container, hotline.chat, Role.STAFF)
    try:
        app = build_backoffice_app(container.backoffice)
        async with TestClient(TestServer(app)) as client:
            response = await client.post("/connexion", data={"jeton": token})
            assert response.status == 200
            assert "Bonjour Camille" in html.unescape(await response.text())
    finally:
        set_role(container, hotline.chat, Role.OFFICIAL)


async def test_an_official_turns_answer_notices_off_and_on(hotline):
    notifier = hotline.container.backoffice.notifier
    [reply] = await hotline.say("/notifications off")
    assert "ne serez plus prévenu" in reply["text"]
    assert notifier.enabled(hotline.chat) is False
    [reply] = await hotline.say("/notifications")
    assert "désactivés" in reply["text"]
    [reply] = await hotline.say("/notifications on")
    assert notifier.enabled(hotline.chat) is True


async def test_an_official_is_told_when_an_edit_answers_their_question(hotline):
    replies = await hotline.say(SOUP)
    assert "Je n'ai pas trouvé de fiche" in replies[0]["text"]
    backoffice = hotline.container.backoffice
    entry = backoffice.editor.get("budget-participatif")
    form = form_from_entry(entry) | {
        "questions": "\n".join([*entry.questions, "organiser une fête de la soupe entre voisins"]),
    }
    before = (await hotline.transcript())["revision"]
    staff = StaffMember(1, "Sophie", "-")
    assert backoffice.curation.save(staff, "budget-participatif", form).told == 1
    [notice] = await hotline.replies(before)
    assert "Une réponse à votre question du" in notice["text"]
    assert entry.short_answer[:40] in notice["text"]
    full = await hotline.press(notice, "Lire la fiche complète")
    assert full
