"""The gaps list as staff see it after officials talk to the real bot over the sandbox."""

from __future__ import annotations

import html
import re

from aiohttp.test_utils import TestClient, TestServer

from bot.backoffice.server import build_backoffice_app
from knowledge.entries.forms import form_from_entry
from routing.records import Role

SOUP = "Comment organiser une fête de la soupe entre voisins ?"
CALL_ME = (
    "Organiser la fête de la soupe entre voisins : rappelez-moi au 06 12 34 56 78 "
    "ou camille@mairie.fr"
)
STAFF_ID = 6001


async def staff_page(container, path: str, form: dict | None = None) -> tuple[int, str]:
    """Sign a staff member in through a one-time link, then load a page (or post a form)."""
    with container.uow() as uow:
        uow.users.set_role(STAFF_ID, Role.STAFF, "Sophie")
        uow.commit()
    app = build_backoffice_app(container.backoffice)
    async with TestClient(TestServer(app)) as client:
        token = container.backoffice.access.issue_link(STAFF_ID)
        await client.post("/connexion", data={"jeton": token})
        if form is not None:
            home = await client.get("/")
            csrf = re.search(r'name="csrf" value="([^"]+)"', await home.text()).group(1)
            await client.post(path, data={**form, "csrf": csrf}, allow_redirects=False)
            path = "/lacunes"
        response = await client.get(path)
        return response.status, html.unescape(await response.text())


async def test_staff_see_real_gaps_masked_and_not_greetings_or_settled_choices(hotline):
    [hello] = await hotline.say("bonjour")
    assert hello["text"]
    await hotline.say("merci")
    [clarify] = await hotline.say("concertation")
    assert clarify["text"].startswith("Votre question porte-t-elle sur :")
    first = clarify["reply_markup"]["inline_keyboard"][0][0]["text"]
    await hotline.press(clarify, first)
    [unknown] = await hotline.say(SOUP)
    assert "Je n'ai pas trouvé de fiche" in unknown["text"]
    await hotline.say(CALL_ME)

    status, page = await staff_page(hotline.container, "/lacunes")
    assert status == 200
    sections = re.findall(r'<section class="gap">(.*?)</section>', page, flags=re.S)
    [soup] = [s for s in sections if "soupe" in s]
    assert "2 question(s)" in soup
    assert ": rappelez-moi au [téléphone] ou [e-mail]" in soup
    assert "06 12 34 56 78" not in page and "camille@mairie.fr" not in page
    listed = re.findall(r'name="q" value="\d+" checked>\s*(.*?) <small>', page, flags=re.S)
    assert len(listed) == 2  # not "bonjour", "merci", nor "concertation" settled by a click
    assert not [text for text in listed if "soupe" not in text]
    status, home = await staff_page(hotline.container, "/")
    card = re.search(r'class="card" href="/lacunes">(.*?)</a>', home, flags=re.S).group(1)
    assert re.sub(r"<[^>]+>", "", card) == "2 question(s) sans bonne réponse, en 1 sujet(s)"

    # A staff member adds the subject to an entry: the official is told, the list empties.
    entry = hotline.container.backoffice.editor.get("budget-participatif")
    form = form_from_entry(entry) | {
        "questions": "\n".join([*entry.questions, "organiser une fête de la soupe entre voisins"]),
        "action": "enregistrer",
    }
    before = (await hotline.transcript())["revision"]
    status, page = await staff_page(hotline.container, "/fiches/budget-participatif", form)
    assert "Une réponse à votre question du" in (await hotline.replies(before))[0]["text"]
    assert "fête de la soupe entre voisins ?" not in page
