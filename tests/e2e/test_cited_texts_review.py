"""A cited text changes: staff flag it in the back-office; the bot says so until re-checked."""

from __future__ import annotations

import html
import re

from aiohttp import ClientSession, CookieJar

from bot.backoffice.server import BackofficeServer
from bot.views.texts import UNDER_REVIEW
from routing.records import Role

STAFF = 4242
PETITION = (
    "Des habitants m'ont remis une petition, suis je obligé de l'inscrire à l'ordre du jour ?"
)
CONSULTATION = "Le résultat d'une consultation des électeurs oblige-t-il le conseil municipal ?"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class StaffBrowser:
    """A staff member's browser on the real back-office server (own port, cookies, CSRF)."""

    def __init__(self, session: ClientSession, base_url: str, csrf: str) -> None:
        self.session, self.base_url, self.csrf = session, base_url, csrf

    async def get(self, path: str) -> str:
        async with self.session.get(self.base_url + path) as response:
            assert response.status == 200, path
            return html.unescape(await response.text())

    async def post(self, path: str, **fields) -> int:
        data = {**fields, "csrf": self.csrf}
        async with self.session.post(self.base_url + path, data=data, allow_redirects=False) as r:
            return r.status


async def sign_in(container) -> tuple[BackofficeServer, ClientSession, StaffBrowser]:
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.commit()
    server = BackofficeServer(container.backoffice, port=0)
    await server.start()
    # The server listens on 127.0.0.1: the cookie jar must accept a cookie from an IP address.
    session = ClientSession(cookie_jar=CookieJar(unsafe=True))
    token = container.backoffice.access.issue_link(STAFF)
    async with session.post(f"{server.local_url}/connexion", data={"jeton": token}) as response:
        page = await response.text()
    return server, session, StaffBrowser(session, server.local_url, CSRF.search(page).group(1))


async def test_a_changed_article_flags_every_citing_answer_until_staff_check_again(hotline):
    [before] = await hotline.say(PETITION)
    assert "pétition" in before["text"] and UNDER_REVIEW not in before["text"]

    server, session, staff = await sign_in(hotline.container)
    try:
        status = await staff.post(
            "/textes/signaler", text="CGCT", article="L1112-16", note="loi 3DS"
        )
        assert status == 303
        home = await staff.get("/")
        assert "Fiches en cours de mise à jour" in home and "loi 3DS" in home

        [flagged] = await hotline.say(PETITION)
        assert UNDER_REVIEW in flagged["text"]
        full = await hotline.press(flagged, "Lire la fiche complète")
        assert UNDER_REVIEW in full[0]["text"]
        [other] = await hotline.say(CONSULTATION)
        assert "consultation" in other["text"].lower() and UNDER_REVIEW in other["text"]
        [unrelated] = await hotline.say("les conseils de quartier sont ils obligatoires ?")
        assert "80 000" in unrelated["text"] and UNDER_REVIEW not in unrelated["text"]

        assert await staff.post("/fiches/droit-de-petition/verifier") == 303
        [checked] = await hotline.say(PETITION)
        assert "pétition" in checked["text"] and UNDER_REVIEW not in checked["text"]
        [still] = await hotline.say(CONSULTATION)
        assert UNDER_REVIEW in still["text"]
        journal = await staff.get("/journal")
        assert "Sophie" in journal and "a marqué comme vérifiée la fiche" in journal
    finally:
        await session.close()
        await server.stop()


async def test_a_not_useful_remark_from_telegram_shows_on_the_entry_page(hotline):
    [answer] = await hotline.say("Comment organiser un référendum local ?")
    *_shown, prompt = await hotline.press(answer, "Pas utile")  # the answer shows the choice
    assert "manquait" in prompt["text"]
    [thanks] = await hotline.say("Rien sur le cas des communes nouvelles")
    assert "remarque" in thanks["text"]
    server, session, staff = await sign_in(hotline.container)
    try:
        page = await staff.get("/fiches/referendum-local")
        assert "Rien sur le cas des communes nouvelles" in page
        assert "<strong>1</strong> « Pas utile »" in page
        feedback = await staff.get("/retours?fiche=referendum-local")
        assert "Rien sur le cas des communes nouvelles" in feedback
    finally:
        await session.close()
        await server.stop()
