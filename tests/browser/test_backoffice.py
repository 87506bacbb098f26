"""The back-office in headless Chromium: sign in, edit and publish an entry, the bot answers."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright, expect

from bot.app.container import build_container
from bot.backoffice.server import BackofficeServer
from bot.backoffice.services import sign_in_url
from bot.settings import Settings
from knowledge.entries.records import Entry, EntryStatus, Source
from routing.records import Role
from tests.browser.chromium import CHROMIUM
from tests.e2e.harness import running_bot

if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary on PATH (chromium or chromium-browser); "
        "install Debian's package with `sudo make system-deps`",
        allow_module_level=True,
    )

WAIT = 15_000  # ms; a ceiling for slow machines, not a speed requirement
STAFF_ID = 9001
SOUP = "Comment organiser une fête de la soupe entre voisins ?"
DRAFT = Entry(
    slug="fete-de-la-soupe",
    title="Organiser une fête de la soupe",
    group="theme",
    short_answer="Une fête de la soupe réunit les habitants autour de soupes préparées ensemble.",
    body="## Étapes\n\n- trouver un lieu\n- inviter les voisins",
    # Two questions and a source: the third question staff add below makes it publishable.
    questions=("Comment animer un repas de quartier ?", "Idée de fête conviviale entre voisins"),
    sources=(Source("Réseau des fêtes de quartier"),),
    status=EntryStatus.DRAFT,
)


@pytest.fixture(scope="module")
def backoffice_container(tmp_path_factory):
    """A seeded database with a staff member and a draft entry."""
    container = build_container(Settings(data_dir=tmp_path_factory.mktemp("backoffice-browser")))
    with container.uow() as uow:
        uow.users.set_role(STAFF_ID, Role.STAFF, "Sophie")
        uow.commit()
    container.backoffice.editor.create(DRAFT, "test")
    yield container
    container.close()


@pytest.fixture
async def desk(backoffice_container):
    """The bot polling a sandbox, and the back-office served next to it, as `make run` does."""
    server = BackofficeServer(backoffice_container.backoffice, "127.0.0.1", 0)
    await server.start()
    backoffice_container.backoffice.base_url = server.local_url
    try:
        async with running_bot(backoffice_container) as harness:
            yield harness
    finally:
        await server.stop()


@pytest.fixture
async def browser_page():
    """A headless Chromium page (the system browser, never a downloaded one)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = await browser.new_context(locale="fr-FR")
            yield await context.new_page()
        finally:
            await browser.close()


async def test_staff_sign_in_edit_and_publish_an_entry_that_the_bot_then_answers_with(
    desk, browser_page
):
    page = browser_page
    backoffice = desk.container.backoffice
    # Before the edit, the bot has no answer to this question.
    [before] = await desk.say(SOUP)
    assert DRAFT.title not in before["text"]

    await page.goto(sign_in_url(backoffice, backoffice.access.issue_link(STAFF_ID)))
    await page.get_by_role("button", name="Se connecter").click()
    await expect(page.get_by_role("heading", name="Bonjour Sophie")).to_be_visible(timeout=WAIT)

    await page.get_by_role("link", name="Fiches").click()
    await page.get_by_label("Statut").select_option("draft")
    await page.get_by_role("button", name="Filtrer").click()
    await page.get_by_role("link", name=DRAFT.title).click()
    questions = page.get_by_label("Questions alternatives")
    await questions.fill(f"{await questions.input_value()}\n{SOUP}")
    await page.get_by_role("button", name="Aperçu").click()
    await expect(page.locator(".preview")).to_contain_text("trouver un lieu", timeout=WAIT)
    await page.get_by_role("button", name="Enregistrer").click()
    await expect(page.locator(".flash")).to_contain_text("Fiche enregistrée", timeout=WAIT)

    revision = (await desk.transcript())["revision"]
    await page.get_by_role("button", name="Publier").click()
    await expect(page.locator(".flash")).to_contain_text("Fiche publiée", timeout=WAIT)
    # The official who asked earlier is told, once, by the bot's send loop.
    await expect(page.locator(".flash")).to_contain_text("1 personne(s) prévenue(s)")
    [notice] = await desk.replies(revision)
    assert "Une réponse à votre question du" in notice["text"]
    assert DRAFT.title in notice["text"]

    [answer] = await desk.say(SOUP)
    assert DRAFT.title in answer["text"]
    assert DRAFT.short_answer in answer["text"]
