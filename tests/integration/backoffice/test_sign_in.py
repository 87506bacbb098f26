"""Sign-in with one-time links, sessions, roles checked on every request, CSRF, action log."""

from __future__ import annotations

from datetime import timedelta

import pytest

from routing.errors import NotStaff
from routing.records import Role
from routing.safety.staff_access import digest
from tests.integration.backoffice.conftest import ADVISOR, OFFICIAL, STAFF, sign_in, text_of


async def test_a_staff_member_signs_in_with_a_one_time_link_and_gets_a_safe_cookie(client, env):
    token = env.backoffice.access.issue_link(STAFF)
    page = await client.get(f"/connexion?jeton={token}")
    # Opening the link only shows a button: link previews and prefetchers do GETs.
    assert page.status == 200
    assert "Se connecter" in await page.text()
    response = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age=28800" in cookie
    home = await client.get("/")
    assert home.status == 200
    assert "Bonjour Sophie" in await home.text()


async def test_a_link_used_twice_is_refused_the_second_time(client, env):
    token = env.backoffice.access.issue_link(STAFF)
    first = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert first.status == 303
    client.session.cookie_jar.clear()
    second = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert second.status == 403
    assert "n'est plus valable" in await text_of(second)
    assert (await client.get("/")).status == 401


async def test_an_expired_link_is_refused(client, env):
    access = env.backoffice.access
    token = access.issue_link(STAFF)
    issued = access.now()
    access.now = lambda: issued + timedelta(minutes=10, seconds=1)
    response = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert response.status == 403
    assert "Set-Cookie" not in response.headers


async def test_a_forged_link_is_refused(client):
    response = await client.post("/connexion", data={"jeton": "forged"}, allow_redirects=False)
    assert response.status == 403


def test_only_the_hash_of_a_link_is_stored(env):
    token = env.backoffice.access.issue_link(STAFF)
    with env.container.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT token_hash FROM backoffice_links").scalars()
        hashes = list(stored)
    assert digest(token) in hashes
    assert token not in hashes


@pytest.mark.parametrize("user_id", [OFFICIAL, ADVISOR, 123456])
def test_officials_advisors_and_strangers_get_no_link(env, user_id):
    with pytest.raises(NotStaff):
        env.backoffice.access.issue_link(user_id)


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.OFFICIAL])
async def test_a_session_stops_working_as_soon_as_the_role_is_withdrawn(client, env, role):
    await sign_in(client, env.backoffice, STAFF)
    assert (await client.get("/fiches")).status == 200
    with env.container.uow() as uow:
        uow.users.set_role(STAFF, role)
        uow.commit()
    for path in ("/", "/fiches", "/lacunes", "/rapports", "/journal"):
        response = await client.get(path)
        assert response.status == 403, path
        assert "réservée à l'équipe" in await text_of(response)


async def test_a_link_issued_before_the_role_was_withdrawn_opens_nothing(client, env):
    token = env.backoffice.access.issue_link(STAFF)
    with env.container.uow() as uow:
        uow.users.set_role(STAFF, Role.ADVISOR)
        uow.commit()
    response = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert response.status == 403
    assert (await client.get("/")).status == 401


@pytest.mark.parametrize("path", ["/", "/fiches", "/fiches/budget-participatif", "/rapports"])
async def test_every_page_asks_to_sign_in_without_a_session(client, path):
    response = await client.get(path)
    assert response.status == 401
    assert "/backoffice" in await text_of(response)


async def test_a_session_expires(client, env):
    await sign_in(client, env.backoffice, STAFF)
    access = env.backoffice.access
    later = access.now() + access.session_lifetime + timedelta(seconds=1)
    access.now = lambda: later
    assert (await client.get("/")).status == 401


async def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(staff, env):
    before = env.backoffice.editor.get("budget-participatif")
    for token in ("", "wrong-token"):
        response = await staff.post("/fiches/budget-participatif/archiver", csrf=token)
        assert response.status == 403
        assert "Formulaire refusé" in await text_of(response)
    assert env.backoffice.editor.get("budget-participatif") == before


async def test_the_csrf_token_of_another_session_is_refused(client, env):
    other = await sign_in(client, env.backoffice, STAFF)
    client.session.cookie_jar.clear()
    mine = await sign_in(client, env.backoffice, STAFF)
    assert other.csrf != mine.csrf
    response = await mine.post("/fiches/budget-participatif/archiver", csrf=other.csrf)
    assert response.status == 403


async def test_signing_out_ends_the_session(staff, client):
    response = await staff.post("/deconnexion")
    assert response.status == 303
    assert (await client.get("/")).status == 401


async def test_staff_actions_are_logged_without_personal_data(staff, env):
    await staff.post("/fiches/budget-participatif/archiver")
    actions = env.backoffice.access.journal()
    assert [(a.user_id, a.action, a.target) for a in actions[:2]] == [
        (STAFF, "fiche_archivee", "budget-participatif"),
        (STAFF, "connexion", ""),
    ]
    # The page says it in words (tests/integration/backoffice/test_review_pages.py has more).
    page = await text_of(await staff.get("/journal"))
    assert "Sophie" in page and "a archivé la fiche" in page
    assert "fiche_archivee" not in page and f">{STAFF}<" not in page


async def test_pages_forbid_scripts_and_framing(staff):
    response = await staff.get("/")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_a_staff_member_demoted_then_promoted_again_does_not_get_the_old_session_back(
    client, env
):
    await sign_in(client, env.backoffice, STAFF)
    unused = env.backoffice.access.issue_link(STAFF)
    env.container.advisors.add(STAFF, "Sophie", "advisor")
    env.container.advisors.add(STAFF, "Sophie", "staff")
    assert (await client.get("/fiches")).status == 401
    response = await client.post("/connexion", data={"jeton": unused}, allow_redirects=False)
    assert response.status != 303


@pytest.mark.parametrize("how", ["removal", "block"])
async def test_removal_or_a_block_ends_the_sessions_and_links(client, env, how):
    env.container.advisors.add(STAFF, "Sophie", "staff")
    await sign_in(client, env.backoffice, STAFF)
    unused = env.backoffice.access.issue_link(STAFF)
    if how == "removal":
        env.container.advisors.remove(STAFF)
        env.container.advisors.add(STAFF, "Sophie", "staff")
    else:
        env.container.moderation.block(STAFF, None, by=None)
    assert (await client.get("/fiches")).status == 401
    response = await client.post("/connexion", data={"jeton": unused}, allow_redirects=False)
    assert response.status != 303


async def test_renaming_a_staff_member_keeps_their_session(client, env):
    env.container.advisors.add(STAFF, "Sophie", "staff")
    await sign_in(client, env.backoffice, STAFF)
    env.container.advisors.add(STAFF, "Sophie Durand", "staff")
    assert (await client.get("/fiches")).status == 200
